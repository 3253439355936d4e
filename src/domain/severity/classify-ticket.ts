import { moreSevere, severityRank, type Severity } from '../types.ts';
import { explainDecision } from './explain-decision.ts';
import { matchSignals, normaliseText, type FoundSignal } from './match-signals.ts';
import type { CompiledSeverityRules } from './rules.ts';
import type { Decision } from './decision.ts';

export interface MatchedSignal {
  id: string;
  label: string;
  points: Severity | 'modifier';
  /** The fragment of the normalised (lower-cased, contractions expanded) text that matched. */
  matched: string;
}

export interface Classification {
  severity: Severity;
  signals: MatchedSignal[];
  /** One or two plain sentences for the ticket card. */
  reason: string;
  proposedSeverity?: Severity;
}

/**
 * Classifies a ticket against the contract definitions, explainably. Pure: the rules come in
 * compiled, nothing is read. An S1 signal is never classified lower, whatever is proposed.
 */
export function classifyTicket({
  text,
  proposedSeverity,
  rules,
}: {
  text: string;
  proposedSeverity?: Severity;
  rules: CompiledSeverityRules;
}): Classification {
  const found = matchSignals(normaliseText(text, rules), rules);
  const isQuestion = text.includes('?');
  const fallback = isQuestion ? rules.fallback.question : rules.fallback.statement;
  const decision = decideSeverity({ found, proposedSeverity, fallback: { severity: fallback, isQuestion } });
  return {
    severity: decision.severity,
    signals: found.map(({ group, matched }) => ({ id: group.id, label: group.label, points: group.points, matched })),
    reason: explainDecision(decision),
    ...(proposedSeverity ? { proposedSeverity } : {}),
  };
}

export function decideSeverity({
  found,
  proposedSeverity,
  fallback,
}: {
  found: readonly FoundSignal[];
  proposedSeverity?: Severity;
  fallback: { severity: Severity; isQuestion: boolean };
}): Decision {
  const proposal = proposedSeverity ? { proposedSeverity } : {};
  const points = found.flatMap(({ group }) => (group.points === 'modifier' ? [] : [group.points]));
  if (points.length === 0) {
    return proposedSeverity
      ? { severity: proposedSeverity, basis: 'proposal', modifiers: [], proposal: 'accepted', ...proposal }
      : {
          severity: fallback.severity,
          basis: fallback.isQuestion ? 'fallback-question' : 'fallback-statement',
          modifiers: [],
          proposal: 'none',
        };
  }
  const base = points.reduce(moreSevere);
  const decisive = found.find(({ group }) => group.points === base);
  const raises = found.filter(({ group }) => group.effect === 'raise');
  const lowers = found.filter(({ group }) => group.effect === 'lower');
  const fromSignals = shiftWithinS2S3(base, raises.length - lowers.length);
  const modifiers = modifiersToShow({ base, severity: fromSignals, raises, lowers });
  const decided = { basis: 'signals' as const, modifiers, fromSignals, ...(decisive ? { decisive } : {}), ...proposal };

  if (!proposedSeverity) return { ...decided, severity: fromSignals, proposal: 'none' };
  if (proposedSeverity === fromSignals) return { ...decided, severity: fromSignals, proposal: 'agrees' };
  if (fromSignals === 'S1') return { ...decided, severity: 'S1', proposal: 'kept-s1' };
  if (severityRank(proposedSeverity) > severityRank(fromSignals))
    return { ...decided, severity: fromSignals, proposal: 'lower-not-taken' };
  // A proposal can tip a malfunction into S2 when the text shows some impact, never further.
  if (fromSignals === 'S3' && raises.length > 0) return { ...decided, severity: 'S2', proposal: 'raised' };
  return { ...decided, severity: fromSignals, proposal: 'not-supported' };
}

/** Modifiers move S2 and S3 by one step at most; they never make S1 and never touch S4. */
function shiftWithinS2S3(base: Severity, net: number): Severity {
  if (base !== 'S2' && base !== 'S3') return base;
  if (net > 0) return 'S2';
  if (net < 0) return 'S3';
  return base;
}

function modifiersToShow({
  base,
  severity,
  raises,
  lowers,
}: {
  base: Severity;
  severity: Severity;
  raises: FoundSignal[];
  lowers: FoundSignal[];
}): FoundSignal[] {
  if (base === 'S4') return [];
  if (base === 'S1') return raises.slice(0, 1);
  if (severity === base) return [...raises, ...lowers].slice(0, 2);
  return (severityRank(severity) < severityRank(base) ? raises : lowers).slice(0, 2);
}
