import { App, type Receiver } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InboxIntake } from '../../../src/slack/receiver/inbox-intake.ts';
import { createInboxStore } from '../../../src/store/inbox-store.ts';
import type { InboxStore } from '../../../src/usecases/ports.ts';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';

const clock = { now: () => new Date(Date.UTC(2026, 11, 5, 10, 0, 0)) };
const idleReceiver = { init() {}, start: async () => {}, stop: async () => {} } as unknown as Receiver;

/** One replica: its own Bolt app (a button handler that records who ran it) and intake. */
function replica(owner: string, inbox: InboxStore, ranOn: string[]) {
  const app = new App({
    token: 'xoxb-inline-race',
    signingSecret: 'inline-race-secret',
    receiver: idleReceiver,
    tokenVerificationEnabled: false,
    botId: 'B0TPLUSBOT',
    botUserId: 'U0TPLUSBOT',
  });
  app.action('open_ticket', async ({ ack }) => {
    ranOn.push(owner);
    await ack();
  });
  const intake = new InboxIntake({ inbox, clock, logger: pino({ level: 'silent' }), owner });
  intake.init(app);
  return intake;
}

const click = {
  type: 'block_actions',
  team: { id: 'T0TPLUS01' },
  user: { id: 'U0ACMEUSR1', team_id: 'T0ACME0001' },
  api_app_id: 'A0TPLUS',
  trigger_id: '1.2.3',
  channel: { id: 'C0ACMESHR1' },
  actions: [{ type: 'button', action_id: 'open_ticket', block_id: 'b', action_ts: '1765000000.000100' }],
};

async function accept(intake: InboxIntake) {
  const answers: [number, unknown][] = [];
  await intake.accept({
    kind: 'interaction',
    body: click,
    raw: `payload=${encodeURIComponent(JSON.stringify(click))}`,
    respond: (status, body) => answers.push([status, body]),
  });
  return answers;
}

describe.each(DATABASE_KINDS)('an interaction answered inline, two replicas, on %s', (kind) => {
  const t = tempDatabase('inline-race', kind);

  it('is processed by the replica that received it when nobody else took it', async () => {
    const ranOn: string[] = [];
    const a = replica('a', createInboxStore(t.db), ranOn);
    expect(await accept(a)).toEqual([[200, undefined]]);
    expect(ranOn).toEqual(['a']);
  });

  it('is left to the replica whose replay took it between the insert and the claim: answered 200, run once', async () => {
    const store = createInboxStore(t.db);
    const ranOn: string[] = [];
    const b = replica('b', store, ranOn);
    // Replica a's view of the store: just before its claim, b's replay leases and processes the entry.
    const racing: InboxStore = {
      ...store,
      append: (entry) => store.append(entry),
      claim: async (id, lease) => {
        b.kick();
        await b.idle();
        return store.claim(id, lease);
      },
    };
    const a = replica('a', racing, ranOn);
    expect(await accept(a)).toEqual([[200, undefined]]);
    expect(ranOn).toEqual(['b']);
    expect(await store.counts()).toMatchObject({ done: 1 });
  });
});
