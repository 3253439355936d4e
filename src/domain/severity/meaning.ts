import type { Severity } from '../types.ts';

/** The one-line meaning of each severity shown to customers, worded as in the contract. */
export const SEVERITY_MEANING: Record<Severity, string> = {
  S1: 'Critical: platform down, confirmed security breach or data loss, no workaround',
  S2: 'High: major feature broken or severely degraded, workaround not sustainable',
  S3: 'Medium: non-critical feature malfunctioning, sustainable workaround',
  S4: 'Low: cosmetic issue, documentation, feature request or question',
};

/**
 * What the classifier weighs toward each severity, in the contract's terms (the SLA page lists
 * them). Fixed words rather than the model's current weights, so a retrain does not publish a
 * new SLA version.
 */
export const SEVERITY_SIGNS: Record<Severity, readonly string[]> = {
  S1: [
    'the product is down or unusable for everyone',
    "another company's data is visible or someone got in without authorisation",
    'data was deleted, overwritten or lost',
    'no workaround',
  ],
  S2: [
    'a major feature is broken or severely degraded',
    'the workaround cannot be kept up',
    'a group of users or one region affected',
  ],
  S3: ['a non-critical feature malfunctions', 'a workaround that can be kept up', 'a sandbox or test environment only'],
  S4: ['a question, documentation or a feature request', 'wording or appearance', 'a past problem that has recovered'],
};
