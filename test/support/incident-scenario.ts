import { expect } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { startHarness, type Harness } from './harness.ts';
import { buttonPress, mentionEvent, modalSubmission, resolveSubmission } from './payloads.ts';
import { ids } from './harness.ts';

/** Tuesday 24 Nov 2026, 09:00 in New York (a business hour for Acme's calendar). */
export const T0 = new Date('2026-11-24T14:00:00.000Z');
export const MINUTE = 60_000;

/** One whole incident on a fake clock: tplus, the Slack and PagerDuty emulators, and helpers to move time. */
export async function startIncidentScenario(options: Omit<Parameters<typeof startHarness>[0] & object, 'clock'> = {}) {
  const clock = manualClock(T0);
  const h: Harness = await startHarness({ ...options, clock });
  const scenario = {
    h,
    clock,
    /** Moves the clock to T+`ms` and lets tplus run everything that is due. */
    async at(ms: number) {
      clock.set(new Date(T0.getTime() + ms));
      for (let i = 0; i < 3; i += 1) {
        await h.tplus.engine.tick();
        await h.settle();
      }
    },
    /** Walks the clock minute by minute from the current time to T+`minutes`. */
    async walkTo(minutes: number) {
      const from = Math.floor((clock.now().getTime() - T0.getTime()) / MINUTE);
      for (let m = from + 1; m <= minutes; m += 1) await scenario.at(m * MINUTE);
    },
    async file(text: string) {
      const event = mentionEvent({ text });
      expect((await h.send('event', event)).status).toBe(200);
      await scenario.at(clock.now().getTime() - T0.getTime());
      const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
      const incident = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: ticket.id } });
      return { ticket, incident };
    },
    async acknowledge(ticketId: number) {
      await h.send('interaction', buttonPress({ actionId: ACTION.acknowledge, value: String(ticketId) }));
      await scenario.at(clock.now().getTime() - T0.getTime());
    },
    async resolve(ticketId: number, summary = 'Rolled back the faulty deploy; error rate back to normal.') {
      const response = await h.send('interaction', resolveSubmission(ticketId, summary));
      await scenario.at(clock.now().getTime() - T0.getTime());
      return response;
    },
    async reclassify(ticketId: number, severity: string, reason = 'Customer confirmed every user is affected') {
      await h.send(
        'interaction',
        modalSubmission({
          callbackId: VIEW.reclassifyModal,
          privateMetadata: JSON.stringify({ ticketId }),
          user: ids.responder,
          userTeam: ids.ourTeam,
          values: {
            [BLOCK.severity]: { [BLOCK.severity]: { type: 'static_select', selected_option: { value: severity } } },
            [BLOCK.reason]: { [BLOCK.reason]: { type: 'plain_text_input', value: reason } },
          },
        }),
      );
      await scenario.at(clock.now().getTime() - T0.getTime());
    },
    /** Fired steps as [step id, minutes after T+0] in firing order, from the incident's steps. */
    async fired(incidentId: number): Promise<[string, number][]> {
      const rows = await h.tplus.db.prisma.incidentStep.findMany({
        where: { incidentId, state: 'done' },
        orderBy: [{ firedAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map((r) => [r.stepId, (r.firedAt!.getTime() - T0.getTime()) / MINUTE]);
    },
    /** Slack DMs (posts to a user id) received by `user`. */
    dmsTo(user: string): string[] {
      // A DM goes to the channel conversations.open returned for the user.
      const dm = h.emulator.callsTo('conversations.open').find((c) => c.args.users === user)?.response;
      const channels = new Set([user, String((dm as { channel?: { id?: string } } | undefined)?.channel?.id ?? user)]);
      return h.emulator
        .callsTo('chat.postMessage')
        .filter((c) => channels.has(String(c.args.channel)) && c.httpStatus === 200)
        .map((c) => String(c.args.text));
    },
    pagerDutyActions(): string[] {
      return h.pagerduty.events.map((e) => String(e.event_action));
    },
    close: () => h.close(),
  };
  return scenario;
}
