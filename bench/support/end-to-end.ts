// End to end: signed events sent at a steady rate to a running tplus, each ticket's triage card
// timed at the Slack emulator. Shared by bench:intake (one run beside its load sweep) and
// bench:e2e (five runs, payload sizes, faults and the soak).
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { RecordedCall } from '../../src/sandbox/slack-emulator/index.ts';
import { mention, signedHeaders } from './slack-requests.ts';

const TRIAGE_CHANNEL = 'C0TRIAGE01';

/** What the measurement needs of the Slack emulator: its recorded calls. */
export type CallLog = { callsTo(method: string): RecordedCall[] };

export type EventPayload = { event: { ts: string } } & Record<string, unknown>;

export interface EndToEndOptions {
  /** The event callback for one send (default: a short `app_mention`, as bench:intake has always sent). */
  payload?: (seq: number) => EventPayload;
  /** How long to wait after the last send for the last card (default 30 s). */
  drainMs?: number;
  /** Called once the sends are done and before the wait for cards, e.g. to heal a fault later. */
  onSendsDone?: () => void;
  /** Called each time the wait for cards polls, with the seconds since the first send. */
  onPoll?: (secondsSinceStart: number) => void;
}

const percentiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: pct(50), p95: pct(95), p99: pct(99), max: sorted.at(-1) ?? NaN };
};

/** The outbox key a post carried in its message metadata (tplus puts one on every post). */
function outboxKey(call: RecordedCall): string | undefined {
  const metadata = call.args.metadata as { event_payload?: { key?: unknown } } | undefined;
  const key = metadata?.event_payload?.key;
  return typeof key === 'string' ? key : undefined;
}

/**
 * Successful posts only: a call the emulator answered with a fault (429, 5xx) had no effect.
 * `cards` maps a ticket id to the times its triage card was posted (more than one is a
 * duplicate); `posts` counts successful posts per outbox key, for duplicates of any kind.
 */
export function deliveredPosts(slack: CallLog) {
  const cards = new Map<number, number[]>();
  const posts = new Map<string, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (call.httpStatus !== 200 || call.response?.ok !== true) continue;
    const key = outboxKey(call);
    if (key) posts.set(key, (posts.get(key) ?? 0) + 1);
    const card = key
      ? /^ticket:(\d+):card$/.exec(key)?.[1]
      : call.args.channel === TRIAGE_CHANNEL && !call.args.thread_ts
        ? /TPL-(\d+)/.exec(String(call.args.text))?.[1]
        : undefined;
    if (card) cards.set(Number(card), [...(cards.get(Number(card)) ?? []), call.at.getTime()]);
  }
  return { cards, posts };
}

/**
 * Sends `perMinute` events a minute for `seconds`, then waits for every card. A card is matched
 * to its event through the ticket's thread (the event's `ts`) in the database. `lost` is sent and
 * acknowledged with 200 but no card by the end of the wait; `duplicates` is cards posted more than
 * once for one ticket, `postDuplicates` any outbox key posted more than once.
 */
export async function endToEnd(
  url: string,
  dbPath: string,
  slack: CallLog,
  perMinute: number,
  seconds: number,
  { payload = mention, drainMs = 30_000, onSendsDone, onPoll }: EndToEndOptions = {},
) {
  const sentAt = new Map<string, number>();
  const acked = new Set<string>();
  const ackMs: number[] = [];
  const bytes: number[] = [];
  let errors = 0;
  let seq = 5_000_000;
  const intervalMs = 60_000 / perMinute;
  const started = Date.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; Date.now() - started < seconds * 1000; i += 1) {
    const wait = started + i * intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const event = payload(seq++);
    const body = JSON.stringify(event);
    const ts = event.event.ts;
    bytes.push(Buffer.byteLength(body));
    sentAt.set(ts, Date.now());
    const t0 = performance.now();
    pending.push(
      fetch(url, { method: 'POST', headers: signedHeaders(body), body }).then(
        async (r) => {
          ackMs.push(performance.now() - t0);
          await r.arrayBuffer();
          if (r.status === 200) acked.add(ts);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  const sendsDoneAt = Date.now();
  onSendsDone?.();
  const deadline = Date.now() + drainMs;
  const db = new Database(dbPath, { readonly: true });
  const tickets = () => db.prepare('SELECT id, threadTs FROM Ticket').all() as { id: number; threadTs: string }[];
  const matched = () => tickets().filter((t) => sentAt.has(t.threadTs));
  let { cards, posts } = deliveredPosts(slack);
  let rows = matched();
  while ((rows.length < acked.size || rows.some((t) => !cards.has(t.id))) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    onPoll?.((Date.now() - started) / 1000);
    ({ cards, posts } = deliveredPosts(slack));
    rows = matched();
  }
  // Where the undelivered stand: late (inbox or outbox still pending) is not the same as dropped.
  const cardStates = new Map(
    (
      db.prepare("SELECT key, state FROM OutboxMessage WHERE key LIKE 'ticket:%:card'").all() as {
        key: string;
        state: string;
      }[]
    ).map((r) => [r.key, r.state]),
  );
  const undelivered = {
    withoutTicket: acked.size - rows.length,
    cardOutbox: {} as Record<string, number>,
    inbox: {} as Record<string, number>,
  };
  for (const t of rows) {
    if (cards.has(t.id)) continue;
    const state = cardStates.get(`ticket:${t.id}:card`) ?? 'none';
    undelivered.cardOutbox[state] = (undelivered.cardOutbox[state] ?? 0) + 1;
  }
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM InboxEvent GROUP BY state').all() as {
    state: string;
    n: number;
  }[])
    undelivered.inbox[r.state] = r.n;
  db.close();

  const latencies: number[] = [];
  // Events sent and cards delivered in each second from the first send, so a stall shows in a plot.
  const perSecond: { second: number; sent: number; delivered: number }[] = [];
  const bucket = (at: number) => {
    const second = Math.floor((at - started) / 1000);
    for (let s = perSecond.length; s <= second; s += 1) perSecond.push({ second: s, sent: 0, delivered: 0 });
    return perSecond[second]!;
  };
  for (const sent of sentAt.values()) bucket(sent).sent += 1;
  let duplicates = 0;
  const duplicateTickets: number[] = [];
  let lastCard = sendsDoneAt;
  for (const row of rows) {
    const sent = sentAt.get(row.threadTs)!;
    const times = cards.get(row.id);
    if (!times) continue;
    const first = Math.min(...times);
    latencies.push(first - sent);
    bucket(first).delivered += 1;
    lastCard = Math.max(lastCard, first);
    if (times.length > 1) {
      duplicates += times.length - 1;
      duplicateTickets.push(row.id);
    }
  }
  const duplicateKeys = [...posts].filter(([, n]) => n > 1).map(([key]) => key);
  const withCard = new Set(rows.filter((t) => cards.has(t.id)).map((t) => t.threadTs));
  const lostTs = [...acked].filter((ts) => !withCard.has(ts));
  return {
    perMinute,
    seconds,
    sent: sentAt.size,
    cards: latencies.length,
    errors,
    lost: lostTs.length,
    duplicates,
    postDuplicates: duplicateKeys.length,
    latencyMs: percentiles(latencies),
    ackMs: percentiles(ackMs.map((ms) => Math.round(ms * 10) / 10)),
    payloadBytes: percentiles(bytes).p50,
    /** From the last send to the last card delivered. */
    drainMs: lastCard - sendsDoneAt,
    perSecond,
    /** When something is lost: where the tickets without a card stood at the end of the wait. */
    undelivered,
    // For a report of what went wrong: a few of each, never the whole list.
    examples: {
      lostTs: lostTs.slice(0, 10),
      duplicateTickets: duplicateTickets.slice(0, 10),
      duplicateKeys: duplicateKeys.slice(0, 10),
    },
  };
}

export type EndToEndResult = Awaited<ReturnType<typeof endToEnd>>;

/** The resident set of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}
