import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan } from '../fault-plan.ts';
import type { FaultMode } from './faults.ts';
import { METHODS, type Args, type SlackAnswer } from './methods.ts';
import { attachSocketMode, type SocketSide } from './socket.ts';
import { EmulatedWorkspace, type EmulatedMessage, type EmulatedUser } from './workspace.ts';

export type { FaultMode } from './faults.ts';
export type { EmulatedMessage } from './workspace.ts';

export interface RecordedCall {
  method: string;
  args: Args;
  at: Date;
  response: SlackAnswer | undefined;
  httpStatus: number;
}

export interface SlackEmulator {
  /** Base URL for `SLACK_API_URL` / WebClient `slackApiUrl` (ends with a slash). */
  apiUrl: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  messagesIn(channel: string, options?: { threadTs?: string }): EmulatedMessage[];
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  failAll(options: { mode: FaultMode; retryAfterSeconds?: number; forMs?: number }): void;
  failNext(count: number, mode: FaultMode): void;
  failRatio(ratio: number, mode: FaultMode): void;
  heal(): void;
  /** Lets the calls held by the `hang` fault go on: they take effect and are answered. */
  releaseHung(): void;
  /** Every Web API call waits this long before it takes effect and is answered (0: at once). */
  setLatency(ms: number): void;
  /** Forgets calls, messages, pins and views; keeps channels, users and connections. */
  reset(): void;
  socket: SocketSide;
  workspace: EmulatedWorkspace;
  close(): Promise<void>;
}

/** Turns a form body into arguments: the WebClient sends nested values as JSON strings. */
function parseArgs(raw: string, contentType: string): Args {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Args) : {};
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = (value.startsWith('{') && value.endsWith('}')) || (value.startsWith('[') && value.endsWith(']'));
    try {
      args[key] = looksJson ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

/**
 * A loopback stand-in for the Slack Web API and Socket Mode, recording every call. It checks
 * tokens and answers with Slack's shapes and error codes, and can be told to fail.
 */
export async function startSlackEmulator({
  port = 0,
  botToken,
  appToken,
  teamId,
  botUserId,
  botId,
  users = [],
  channels,
}: {
  port?: number;
  botToken: string;
  appToken?: string;
  teamId: string;
  botUserId: string;
  botId: string;
  users?: EmulatedUser[];
  channels: { id: string; name: string; isExtShared?: boolean }[];
}): Promise<SlackEmulator> {
  const workspace = new EmulatedWorkspace(channels, users);
  const faults = new FaultPlan<FaultMode>();
  const calls: RecordedCall[] = [];
  let latencyMs = 0;
  let hung: (() => void)[] = [];
  const releaseHung = () => {
    const held = hung;
    hung = [];
    for (const release of held) release();
  };
  let baseUrl = '';
  const ctx = {
    workspace,
    teamId,
    botUserId,
    botId,
    socketUrl: () => `${baseUrl.replace('http', 'ws')}/socket?ticket=${Date.now()}`,
  };

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const args = parseArgs(Buffer.concat(chunks).toString('utf8'), String(req.headers['content-type'] ?? ''));
    const call: RecordedCall = { method, args, at: new Date(), response: undefined, httpStatus: 0 };
    calls.push(call);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const handler = METHODS[method];
    if (!handler) {
      call.httpStatus = 200;
      call.response = { ok: false, error: 'unknown_method' };
      return answer(res, 200, call.response);
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || String(args.token ?? '');
    const expected = method === 'apps.connections.open' ? appToken : botToken;
    if (!token || token !== expected) {
      call.httpStatus = 200;
      call.response = { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
      return answer(res, 200, call.response);
    }
    const fault = method === 'apps.connections.open' ? undefined : faults.pick();
    if (fault === 'hang') await new Promise<void>((release) => hung.push(release));
    if (fault === 'drop') {
      call.httpStatus = 0;
      req.socket.destroy();
      return;
    }
    if (fault === '5xx' || fault === '5xx-after-commit') {
      if (fault === '5xx-after-commit') call.response = handler(args, ctx);
      call.httpStatus = 500;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
      return;
    }
    if (fault === '429') {
      call.httpStatus = 429;
      call.response = { ok: false, error: 'ratelimited' };
      return answer(res, 429, call.response, { 'retry-after': String(faults.retryAfterSeconds) });
    }
    if (fault === 'ok-false') {
      call.httpStatus = 200;
      call.response = { ok: false, error: 'internal_error' };
      return answer(res, 200, call.response);
    }
    call.response = handler(args, ctx);
    call.httpStatus = 200;
    answer(res, 200, call.response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 400, { ok: false, error: 'invalid_request', detail: String(error) });
    });
  });
  const socket = attachSocketMode(server, '/socket');
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messagesIn: (channel, options) => workspace.messagesIn(channel, options),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`emulator: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    failAll: (options) => faults.failAll(options),
    failNext: (count, mode) => faults.failNext(count, mode),
    failRatio: (ratio, mode) => faults.failRatio(ratio, mode),
    heal: () => faults.heal(),
    releaseHung,
    setLatency: (ms) => {
      latencyMs = ms;
    },
    reset() {
      calls.length = 0;
      workspace.reset();
      faults.heal();
    },
    socket,
    workspace,
    async close() {
      releaseHung();
      socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
