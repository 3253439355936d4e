import { actorKind, type Customer, type CustomerDirectory } from '../domain/customer-directory.ts';
import {
  IMPACT_QUESTION_TEXT,
  isImpactQuestion,
  judgeImpactAnswers,
  type ImpactQuestion,
} from '../domain/impact-answers.ts';
import { classifiedTextOf, type Ticket } from '../domain/ticket.ts';
import { cardRefresh } from './acknowledge-ticket.ts';
import type { Clock, ImpactAnswerDecision, OutboxEffect, TicketStore } from './ports.ts';
import type { IntakePolicy } from './intake-policy.ts';
import { firstResponseDueAfterChange, severityChangeEffects } from './reclassify-ticket.ts';

export type ImpactAnswerOutcome =
  | 'recorded'
  | 'raised'
  | 'unchanged'
  /** Not a member of the ticket's own customer organisation (our own team included). */
  | 'refused'
  | 'resolved'
  | 'not-found'
  /** The cause was already applied: a replay after a crash. */
  | 'replayed';

/** The customer's own acknowledgement, re-rendered so the chosen answer shows as chosen. */
function ackRefresh(ticketId: number, cause: string): OutboxEffect {
  return {
    kind: 'slack.update',
    key: `ticket:${ticketId}:customer-ack:${cause}`,
    target: { key: `ticket:${ticketId}:customer-ack` },
    message: { view: 'customer-ack', ticketId },
  };
}

/**
 * A customer answers an impact question under their ticket's acknowledgement. The answer is kept
 * (the latest per question) and put on the timeline. When the answers so far make the ticket more
 * severe under the contract definitions, it is raised at once as a responder's reclassification
 * would be (due time, incident re-plan, card, customer thread); a lower severity is only recorded
 * and shown on the card, for a responder to decide. An answer that sets or raises the severity is
 * kept as a training example.
 */
export async function recordImpactAnswer({
  tickets,
  clock,
  policy,
  directory,
  ticketId,
  question,
  isYes,
  actor,
  inboxId,
}: {
  tickets: TicketStore;
  clock: Clock;
  policy: IntakePolicy;
  directory: CustomerDirectory;
  ticketId: number;
  question: string;
  isYes: boolean;
  actor: { userId: string; teamId: string | undefined };
  inboxId: number;
}): Promise<ImpactAnswerOutcome> {
  const ticket = await tickets.get(ticketId);
  const customer = ticket ? directory.byId(ticket.customerId) : undefined;
  if (!ticket || !customer || !isImpactQuestion(question)) return 'not-found';
  if (actorKind(directory, customer, actor.teamId) !== 'customer') return 'refused';
  if (ticket.status === 'resolved') return 'resolved';
  if (ticket.impactAnswers[question]?.isYes === isYes) return 'unchanged';
  const at = clock.now();
  const cause = `answer-${inboxId}`;
  const recorded = await tickets.recordImpactAnswer(
    { ticketId, question, answer: { isYes, userId: actor.userId, at }, at, causeInboxId: inboxId },
    (answered, before) => decide({ answered, before, question, customer, policy, at, cause, userId: actor.userId }),
  );
  if (!recorded) return 'replayed';
  return recorded.decision.severityChange ? 'raised' : recorded.decision.timeline.length > 0 ? 'recorded' : 'unchanged';
}

function decide({
  answered,
  before,
  question,
  customer,
  policy,
  at,
  cause,
  userId,
}: {
  answered: Ticket;
  before: Ticket;
  question: ImpactQuestion;
  customer: Customer;
  policy: IntakePolicy;
  at: Date;
  cause: string;
  userId: string;
}): ImpactAnswerDecision {
  const isYes = answered.impactAnswers[question]!.isYes;
  // Another click with the same answer got here first: nothing new to say.
  if (before.impactAnswers[question]?.isYes === isYes) return { timeline: [], effects: () => [] };
  const judged = judgeImpactAnswers(answered.impactAnswers, answered.severity);
  const judgedBefore = judgeImpactAnswers(before.impactAnswers, before.severity);
  const answeredNote = {
    kind: 'ticket.impact-answered',
    actor: userId,
    detail: {
      question,
      text: IMPACT_QUESTION_TEXT[question],
      answer: isYes ? 'yes' : 'no',
      suggests: judged.outcome === 'none' ? null : judged.severity,
    },
  };
  const example = { text: classifiedTextOf(answered), source: 'confirmation' as const, actorUserId: userId };
  const refreshes = (t: Ticket) => [cardRefresh(t.id, at, cause), ackRefresh(t.id, cause)];
  if (judged.outcome === 'raise') {
    const from = answered.severity;
    const to = judged.severity;
    const reason = `The customer's answers to the impact questions make it ${to} under the contract definitions`;
    return {
      severityChange: {
        change: { fromSeverity: from, toSeverity: to, actorUserId: userId, reason, at },
        firstResponseDueAt: firstResponseDueAfterChange({ ticket: answered, toSeverity: to, policy, customer }),
        example: { ...example, severity: to },
      },
      timeline: [
        answeredNote,
        { kind: 'ticket.reclassified', actor: userId, detail: { from, to, reason, byCustomerAnswers: true } },
      ],
      effects: (t) => [
        ...severityChangeEffects(t, at, { from, to, byCustomerAnswers: true, cause }),
        ackRefresh(t.id, cause),
      ],
    };
  }
  // The answers now establish the ticket's own severity, and did not before: a confirmation.
  const isNewConfirmation =
    judged.outcome === 'confirm' && (judgedBefore.outcome === 'none' || judgedBefore.severity !== judged.severity);
  return {
    ...(isNewConfirmation ? { example: { ...example, severity: judged.severity } } : {}),
    timeline: [answeredNote],
    effects: refreshes,
  };
}
