import type { Decision } from './decision.ts';
import type { FoundSignal } from './match-signals.ts';

/**
 * The reason on the ticket card: the decisive signal with its words, the modifiers that
 * shaped the result, and what became of the customer's proposal.
 * e.g. `S1 because the text reports an outage ("the whole platform is down"), affecting many users ("nobody").`
 */
export function explainDecision(decision: Decision): string {
  return [firstSentence(decision), proposalSentence(decision)].filter(Boolean).join(' ');
}

function firstSentence({ severity, basis, decisive, modifiers, fromSignals }: Decision): string {
  if (basis === 'fallback-question')
    return `${severity} because no severity signal matched and the message asks a question.`;
  if (basis === 'fallback-statement')
    return `${severity} because no severity signal matched; the message is taken as a malfunction report until a responder reclassifies it.`;
  if (basis === 'proposal')
    return `${severity} as the customer proposed, since no severity signal matched in the text.`;
  const shown = fromSignals ?? severity;
  const cause = decisive ? `the text ${decisive.group.reason} (${quote(decisive)})` : 'of the signals matched';
  const shaping = modifiers.map((modifier) => `, ${modifier.group.reason} (${quote(modifier)})`).join('');
  return `${shown} because ${cause}${shaping}.`;
}

function proposalSentence({ severity, proposal, proposedSeverity, fromSignals }: Decision): string {
  switch (proposal) {
    case 'kept-s1':
      return `The customer proposed ${proposedSeverity}, but an S1 signal is never classified lower.`;
    case 'raised':
      return `Raised from ${fromSignals} to ${severity} because the customer proposed ${proposedSeverity} and the text shows impact.`;
    case 'not-supported':
      return `The customer proposed ${proposedSeverity}; the text does not support more than ${severity}.`;
    case 'lower-not-taken':
      return `The customer proposed ${proposedSeverity}; the text reports more than that.`;
    case 'none':
    case 'agrees':
    case 'accepted':
      return '';
  }
}

function quote({ matched }: FoundSignal): string {
  return `"${matched}"`;
}
