import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorrections } from '../../src/cli/severity/corrections.ts';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { buttonPress, mentionEvent, modalSubmission } from '../support/payloads.ts';

const SEARCH =
  'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.';
const EXPORTS = 'Exports fail with a 500 error for every report since this morning';
const MODAL_SUMMARY = 'Search by name finds nothing for a few accounts';
const MODAL_DETAIL = 'Searching by email works, so we are fine for now.';

describe('corrections kept for training the severity model', () => {
  let h: Harness;
  const ticketOf = async (where: Record<string, unknown>) => h.tplus.db.prisma.ticket.findFirstOrThrow({ where });
  const customerClicks = async (ticketId: number, question: string, isYes: boolean) => {
    await h.send(
      'interaction',
      buttonPress({
        actionId: isYes ? ACTION.impactYes : ACTION.impactNo,
        value: `${ticketId}:${question}`,
        user: ids.acme.user,
        userTeam: ids.acme.team,
        channel: ids.acme.channel,
      }),
    );
    await h.settle();
  };
  const examples = () => h.tplus.db.prisma.severityExample.findMany({ orderBy: { id: 'asc' } });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('keeps a responder’s reclassification with the ticket’s text and the change’s time', async () => {
    await h.send('event', mentionEvent({ text: SEARCH }));
    await h.settle();
    const ticket = await ticketOf({ description: SEARCH });
    expect(ticket.severity).toBe('S3');
    await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.reclassifyModal,
        privateMetadata: JSON.stringify({ ticketId: ticket.id }),
        user: ids.responder,
        userTeam: ids.ourTeam,
        values: {
          [BLOCK.severity]: { [BLOCK.severity]: { type: 'static_select', selected_option: { value: 'S2' } } },
          [BLOCK.reason]: { [BLOCK.reason]: { type: 'plain_text_input', value: 'Their sales team is blocked' } },
        },
      }),
    );
    await h.settle();
    const change = await h.tplus.db.prisma.severityChange.findFirstOrThrow({
      where: { ticketId: ticket.id, fromSeverity: 'S3' },
    });
    expect(await examples()).toEqual([
      {
        id: expect.any(Number),
        text: SEARCH,
        severity: 'S2',
        source: 'reclassification',
        ticketId: ticket.id,
        actorUserId: ids.responder,
        createdAt: change.at,
      },
    ]);
  });

  it('keeps a customer confirmation that raises the severity, with the summary they wrote', async () => {
    await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.ticketModal,
        privateMetadata: JSON.stringify({ channelId: ids.acme.channel }),
        values: {
          [BLOCK.summary]: { [BLOCK.summary]: { type: 'plain_text_input', value: MODAL_SUMMARY } },
          [BLOCK.description]: { [BLOCK.description]: { type: 'plain_text_input', value: MODAL_DETAIL } },
        },
      }),
    );
    await h.settle();
    const ticket = await ticketOf({ source: 'modal' });
    expect(ticket.severity).toBe('S3');
    await customerClicks(ticket.id, 'data-lost-or-exposed', true);
    expect((await ticketOf({ id: ticket.id })).severity).toBe('S1');
    expect((await examples()).at(-1)).toMatchObject({
      text: `${MODAL_SUMMARY}\n${MODAL_DETAIL}`,
      severity: 'S1',
      source: 'confirmation',
      ticketId: ticket.id,
      actorUserId: ids.acme.user,
    });
  });

  it('keeps a confirmation of the current severity once, not again for each further answer', async () => {
    await h.send('event', mentionEvent({ text: EXPORTS }));
    await h.settle();
    const ticket = await ticketOf({ description: EXPORTS });
    expect(ticket.severity).toBe('S2');
    const before = (await examples()).length;
    await customerClicks(ticket.id, 'workaround', false);
    await customerClicks(ticket.id, 'unusable-for-all', false);
    const added = (await examples()).slice(before);
    expect(added).toEqual([expect.objectContaining({ text: EXPORTS, severity: 'S2', source: 'confirmation' })]);
    expect((await ticketOf({ id: ticket.id })).severity).toBe('S2');
  });

  it('are read back by `tplus train` from the SQLite file, in the order they were made', async () => {
    const stored = await examples();
    expect(stored).toHaveLength(3);
    expect(await readCorrections(`file:${join(h.dir, 'tplus.db')}`)).toEqual(
      stored.map((e) => ({ text: e.text, severity: e.severity, family: e.source, source: `correction:${e.source}` })),
    );
  });
});

describe('readCorrections', () => {
  it('reads nothing, and creates no database, when the file does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tplus-corrections-'));
    try {
      const path = join(dir, 'missing.db');
      expect(await readCorrections(`file:${path}`)).toEqual([]);
      expect(existsSync(path)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
