// Signed Slack requests and the autocannon load shared by the intake benchmarks (bench:intake,
// bench:replicas): one generator, so both measure the same request.
import { createHmac, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { startSlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';

export const SECRET = 'bench-signing-secret-000000';
export const TOKEN = 'xoxb-bench-token';
/** The app-level token tplus opens its Socket Mode connection with (bench:intake's Socket Mode run). */
export const APP_TOKEN = 'xapp-bench-token';

/** An `app_mention` event callback from a Slack Connect channel, unique by `seq` and event id. */
export function mention(seq: number) {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(seq % 1_000_000).padStart(6, '0')}`;
  return {
    type: 'event_callback',
    team_id: 'T0TPLUS01',
    api_app_id: 'A0TPLUS',
    event_id: `Ev${randomUUID().replace(/-/g, '')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TPLUS01', user_id: 'U0TPLUSBOT', is_bot: true }],
    is_ext_shared_channel: true,
    event: {
      type: 'app_mention',
      channel: 'C0ACMESHR1',
      user: 'U0ACMEUSR1',
      user_team: 'T0ACME0001',
      source_team: 'T0ACME0001',
      team: 'T0ACME0001',
      text: `<@U0TPLUSBOT> exports fail with a 500 for all users (${seq})`,
      ts,
      event_ts: ts,
    },
  };
}

export function signedHeaders(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
}

export type LoadResult = Awaited<ReturnType<typeof load>>;

/** Requests signed ahead of a load (more are signed on the fly): ~10 s at the fastest mode's rate. */
const PRESIGNED = Number(process.env.BENCH_PRESIGNED ?? 100_000);

/**
 * `connections` autocannon connections for `duration` seconds, each request a freshly signed
 * mention. `firstSeq` keeps two loads running at once (one per replica) from repeating a `ts`;
 * `onResponse` sees every response, so loads run side by side can be summed into one histogram.
 */
export async function load(
  url: string,
  connections: number,
  duration: number,
  { firstSeq = 0, onResponse }: { firstSeq?: number; onResponse?: (status: number, ms: number) => void } = {},
) {
  let seq = firstSeq;
  const signed = () => {
    const body = JSON.stringify(mention(seq++));
    return { body, headers: signedHeaders(body) };
  };
  // Signed before the clock starts: building and signing a request costs the load generator
  // about 15 µs, and it shares the machine's two cores with the server it measures.
  const ready = Array.from({ length: PRESIGNED }, signed);
  let next = 0;
  const instance = autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          method: 'POST',
          ...(next < ready.length ? ready[next++]! : signed()),
        }),
      },
    ],
  });
  if (onResponse) instance.on('response', (_client, status, _bytes, responseTime) => onResponse(status, responseTime));
  const result = await instance;
  return {
    connections,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  };
}

/** The Slack emulator the intake benches post to: the example config's workspace, triage and Acme channels. */
export function startBenchSlack() {
  return startSlackEmulator({
    botToken: TOKEN,
    appToken: APP_TOKEN,
    teamId: 'T0TPLUS01',
    botUserId: 'U0TPLUSBOT',
    botId: 'B0TPLUSBOT',
    channels: [
      { id: 'C0TRIAGE01', name: 'triage' },
      { id: 'C0ACMESHR1', name: 'acme' },
    ],
  });
}
