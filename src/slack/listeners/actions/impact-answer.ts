import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ticketRef } from '../../../domain/ticket.ts';
import { recordImpactAnswer, type ImpactAnswerOutcome } from '../../../usecases/record-impact-answer.ts';
import { ACTION } from '../../ids.ts';
import { parseImpactButton } from '../../views/impact-questions.ts';
import { inboxOf, REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

/** What the clicker is told when their answer was not taken; a taken answer shows in the message itself. */
function refusalFor(outcome: ImpactAnswerOutcome, ticketId: number, isOurTeam: boolean): string | undefined {
  switch (outcome) {
    case 'refused':
      return isOurTeam
        ? 'Only the customer answers these questions. To change the severity, use Reclassify on the triage card. Nothing was changed.'
        : 'Only members of the organisation that opened this ticket can answer its questions. Nothing was changed.';
    case 'resolved':
      return `${ticketRef(ticketId)} is resolved, so its questions are closed. Nothing was changed; reply in the thread if the problem is back.`;
    case 'not-found':
      return REFUSAL.unknownTicket;
    default:
      return undefined;
  }
}

/** Yes / No under a ticket's acknowledgement in the customer's channel: the customer's own members only. */
export function registerImpactAnswer(app: App, deps: ListenerDeps): void {
  const answer =
    (isYes: boolean) =>
    async ({ ack, body, client, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      await ack();
      const parsed = parseImpactButton(String((body.actions[0] as ButtonAction | undefined)?.value ?? ''));
      const outcome: ImpactAnswerOutcome = parsed
        ? await recordImpactAnswer({
            tickets: deps.tickets,
            clock: deps.clock,
            policy: deps.policy,
            directory: deps.directory,
            ticketId: parsed.ticketId,
            question: parsed.question,
            isYes,
            actor: { userId: body.user.id, teamId: body.user.team_id },
            inboxId: inboxOf(context).inboxId,
          })
        : 'not-found';
      const text = refusalFor(outcome, parsed?.ticketId ?? 0, body.user.team_id === deps.directory.ourTeamId);
      if (text) {
        const threadTs = (body.message as { thread_ts?: string } | undefined)?.thread_ts;
        await tellUser(client, deps.logger, {
          channel: body.channel?.id ?? '',
          user: body.user.id,
          text,
          ...(threadTs ? { threadTs } : {}),
        });
      }
      deps.onCommitted();
    };
  app.action<BlockAction>(ACTION.impactYes, answer(true));
  app.action<BlockAction>(ACTION.impactNo, answer(false));
}
