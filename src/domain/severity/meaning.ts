import type { Severity } from '../types.ts';

/** The one-line meaning of each severity shown to customers, worded as in the contract. */
export const SEVERITY_MEANING: Record<Severity, string> = {
  S1: 'Critical: platform down, confirmed security breach or data loss, no workaround',
  S2: 'High: major feature broken or severely degraded, workaround not sustainable',
  S3: 'Medium: non-critical feature malfunctioning, sustainable workaround',
  S4: 'Low: cosmetic issue, documentation, feature request or question',
};
