import type { Severity } from '../types.ts';
import type { FoundSignal } from './match-signals.ts';

/** What the customer's proposal did to the outcome; the explanation words each case. */
export type ProposalOutcome =
  'none' | 'agrees' | 'accepted' | 'raised' | 'kept-s1' | 'not-supported' | 'lower-not-taken';

export interface Decision {
  severity: Severity;
  basis: 'signals' | 'proposal' | 'fallback-question' | 'fallback-statement';
  /** The signal that set the base severity (the first of that severity in the rules file). */
  decisive?: FoundSignal;
  /** Modifiers that shaped the result, for the explanation. */
  modifiers: FoundSignal[];
  proposal: ProposalOutcome;
  proposedSeverity?: Severity;
  /** Severity before the proposal was considered. */
  fromSignals?: Severity;
}
