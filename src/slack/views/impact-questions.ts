import {
  IMPACT_QUESTIONS,
  IMPACT_QUESTION_TEXT,
  judgeImpactAnswers,
  type ImpactQuestion,
} from '../../domain/impact-answers.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { ACTION } from '../ids.ts';

/** The questions as the triage card names them. */
const SHORT: Record<ImpactQuestion, string> = {
  'unusable-for-all': 'unusable for all users',
  'data-lost-or-exposed': 'data lost or exposed',
  workaround: 'workaround they can keep using',
};

const yesNo = (isYes: boolean) => (isYes ? 'Yes' : 'No');

/** A button's value: the ticket and the question, read back by `parseImpactButton`. */
export function impactButtonValue(ticketId: number, question: ImpactQuestion): string {
  return `${ticketId}:${question}`;
}

export function parseImpactButton(value: string): { ticketId: number; question: string } | undefined {
  const match = /^(\d{1,9}):([a-z-]{1,40})$/.exec(value);
  return match ? { ticketId: Number(match[1]), question: match[2]! } : undefined;
}

/** The customer's questions with Yes / No buttons; the answer given so far is highlighted. */
export function impactQuestionBlocks(ticket: Pick<Ticket, 'id' | 'impactAnswers'>): unknown[] {
  return IMPACT_QUESTIONS.flatMap((question) => {
    const answer = ticket.impactAnswers[question];
    const button = (actionId: string, isYes: boolean) => ({
      type: 'button',
      action_id: actionId,
      text: { type: 'plain_text', text: yesNo(isYes) },
      value: impactButtonValue(ticket.id, question),
      ...(answer?.isYes === isYes ? { style: 'primary' } : {}),
    });
    return [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${IMPACT_QUESTION_TEXT[question]}*${answer ? ` — you answered *${yesNo(answer.isYes)}*` : ''}`,
        },
      },
      {
        type: 'actions',
        block_id: `impact_${ticket.id}_${question}`,
        elements: [button(ACTION.impactYes, true), button(ACTION.impactNo, false)],
      },
    ];
  });
}

/**
 * The card's lines about the customer's answers: what they said and what it means. A lower
 * severity is only a suggestion (a responder decides); a raise has already been applied.
 */
export function impactAnswerLines(ticket: Pick<Ticket, 'impactAnswers' | 'severity'>): string[] {
  const given = IMPACT_QUESTIONS.filter((q) => ticket.impactAnswers[q]);
  if (given.length === 0) return ['*Customer’s answers:* none yet'];
  const said = given.map((q) => `${SHORT[q]}: *${yesNo(ticket.impactAnswers[q]!.isYes)}*`).join(' · ');
  const judged = judgeImpactAnswers(ticket.impactAnswers, ticket.severity);
  const meaning =
    judged.outcome === 'none'
      ? ''
      : judged.outcome === 'suggest-lower'
        ? `\n:warning: customer's answers suggest ${judged.severity}; a responder decides (Reclassify)`
        : judged.outcome === 'confirm'
          ? ` — they confirm ${judged.severity}`
          : ` — they point to ${judged.severity}, a responder set it lower`;
  return [`*Customer’s answers:* ${said}${meaning}`];
}
