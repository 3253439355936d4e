import { expect } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { sectionBlockId } from '../../src/slack/views/document-modal.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { ids, startHarness, type Harness } from './harness.ts';
import { buttonPress, mentionEvent, modalSubmission } from './payloads.ts';

/** Thursday 19 Nov 2026, 14:10 in New York: the S1 starts; it is resolved at 16:00. */
export const STARTED = new Date('2026-11-19T19:10:00.000Z');
export const RESOLVED = new Date('2026-11-19T21:00:00.000Z');
export const ACME_SUCCESS = 'U0CSACME01';
export const SUCCESS_MANAGER = 'U0CSMGR001';
export const ENGINEERING_MANAGER = 'U0EMGR0001';

/** An S1 of Acme, resolved Thursday 16:00 New York time, on a fake clock; helpers to move time and press buttons. */
export async function startFollowUpScenario(
  title = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.',
  /** A database folder and emulator kept for a restart (the caller removes the folder). */
  reuse: { dir?: string; emulator?: SlackEmulator } = {},
) {
  const clock = manualClock(STARTED);
  // These scenarios were written for deadlines counted from the resolution; the default
  // (documents.deadlinesFrom: incident-start) is covered by the rca-termination scenario.
  const h: Harness = await startHarness({
    clock,
    ...reuse,
    configOverride: (config) => ({ ...config, documents: { ...config.documents, deadlinesFrom: 'resolution' } }),
  });
  const run = async () => {
    for (let i = 0; i < 3; i += 1) {
      await h.tplus.engine.tick();
      await h.settle();
    }
  };
  const s = {
    h,
    clock,
    run,
    async at(instant: Date | string) {
      clock.set(new Date(instant));
      await run();
    },
    /** Interactions are processed inline: their answer (modal errors) is in the response. */
    async press(
      actionId: string,
      value: string,
      user: string = ids.responder,
      userTeam: string = ids.ourTeam,
      channel: string = ids.triage,
    ) {
      const response = await h.send('interaction', buttonPress({ actionId, value, user, userTeam, channel }));
      await run();
      return response;
    },
    async saveSections(
      documentId: number,
      revision: number,
      sections: Record<string, string>,
      user: string = ids.responder,
      userTeam: string = ids.ourTeam,
    ) {
      const values = Object.fromEntries(
        Object.entries(sections).map(([name, value]) => [
          sectionBlockId(name),
          { [sectionBlockId(name)]: { type: 'plain_text_input', value } },
        ]),
      );
      const response = await h.send(
        'interaction',
        modalSubmission({
          callbackId: VIEW.documentModal,
          privateMetadata: JSON.stringify({ documentId, revision }),
          values,
          user,
          userTeam,
        }),
      );
      await run();
      return response;
    },
    document: (kind: string, customerId: string) =>
      h.tplus.db.prisma.document.findFirst({ where: { kind, customerId } }),
    deadline: (kind: string, customerId: string) =>
      h.tplus.db.prisma.followUpDeadline.findFirstOrThrow({ where: { kind, customerId } }),
    async reminders(kind: string, customerId: string) {
      const deadline = await s.deadline(kind, customerId);
      return h.tplus.db.prisma.deadlineReminder.findMany({
        where: { deadlineId: deadline.id },
        orderBy: { dueAt: 'asc' },
      });
    },
    /** Texts of the Slack DMs `user` received. */
    dmsTo(user: string): string[] {
      const opened = h.emulator
        .callsTo('conversations.open')
        .filter((c) => c.args.users === user)
        .map((c) => String((c.response as { channel?: { id?: string } } | undefined)?.channel?.id));
      const channels = new Set([user, ...opened]);
      return h.emulator
        .callsTo('chat.postMessage')
        .filter((c) => channels.has(String(c.args.channel)) && c.httpStatus === 200)
        .map((c) => String(c.args.text));
    },
    ephemeralsTo(user: string): string[] {
      return h.emulator
        .callsTo('chat.postEphemeral')
        .filter((c) => c.args.user === user)
        .map((c) => String(c.args.text));
    },
    close: () => h.close(),
  };
  expect((await h.send('event', mentionEvent({ text: title }))).status).toBe(200);
  await run();
  const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
  await s.at('2026-11-19T19:14:00.000Z');
  await h.send('interaction', buttonPress({ actionId: ACTION.acknowledge, value: String(ticket.id) }));
  await s.at(RESOLVED);
  const resolved = await h.send(
    'interaction',
    modalSubmission({
      callbackId: VIEW.resolveModal,
      privateMetadata: JSON.stringify({ ticketId: ticket.id }),
      user: ids.responder,
      userTeam: ids.ourTeam,
      values: {
        [BLOCK.resolutionSummary]: {
          [BLOCK.resolutionSummary]: {
            type: 'plain_text_input',
            value: 'Rolled back the faulty deploy; error rate back to normal.',
          },
        },
        [BLOCK.upstream]: { [BLOCK.upstream]: { type: 'static_select', selected_option: { value: 'no' } } },
      },
    }),
  );
  expect(resolved.status).toBe(200);
  await run();
  const incident = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: ticket.id } });
  expect(incident.severity).toBe('S1');
  expect(incident.resolvedAt?.toISOString()).toBe(RESOLVED.toISOString());
  return { ...s, ticket, incident };
}
