import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { InboxIntake } from './inbox-intake.ts';
import { MAX_BODY_BYTES, parseSlackBody, verifySlackSignature } from './verify-request.ts';

export interface Route {
  method: 'GET' | 'POST';
  path: string | RegExp;
  handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void | Promise<void>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Serves tplus's HTTP routes (all but Slack's): the receiver's, and in Socket Mode on their own. */
export async function routeRequest(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  // HEAD is a GET without the body (node:http drops it), as uptime monitors expect.
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = routes.find(
    (r) => r.method === method && (typeof r.path === 'string' ? r.path === path : r.path.test(path)),
  );
  if (!route) return sendJson(res, 404, { error: 'not_found' });
  const rawBody = req.method === 'POST' ? await readBody(req, MAX_BODY_BYTES).catch(() => undefined) : '';
  if (rawBody === undefined) return sendJson(res, 413, { error: 'body_too_large' });
  await route.handle(req, res, rawBody);
}

/** An HTTP server whose handler errors become a logged 500, listening on `port`. */
export async function listen(
  port: number,
  host: string,
  logger: Logger,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Server> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

/**
 * Bolt receiver for the HTTP transport: verifies Slack's signature and replay window, commits the
 * request to the inbox, and only then answers. It also serves tplus's other HTTP routes.
 */
export class TplusHttpReceiver implements Receiver {
  private server: Server | undefined;

  constructor(
    private readonly deps: {
      intake: InboxIntake;
      signingSecret: string;
      logger: Logger;
      routes?: Route[];
      /** Real wall-clock milliseconds for the signature window (not the scaled demo clock). */
      wallClockMs?: () => number;
    },
  ) {}

  init(app: App): void {
    this.deps.intake.init(app);
  }

  async start(port: number, host = '0.0.0.0'): Promise<Server> {
    this.server = await listen(port, host, this.deps.logger, (req, res) => this.handle(req, res));
    return this.server;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path === '/slack/events') return this.handleSlack(req, res);
    return routeRequest(this.deps.routes ?? [], req, res);
  }

  private async handleSlack(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: string;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { error: 'body_too_large' });
      }
      throw error;
    }
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const verdict = verifySlackSignature({
      signingSecret: this.deps.signingSecret,
      rawBody: raw,
      signature: header('x-slack-signature'),
      timestamp: header('x-slack-request-timestamp'),
      nowMs: (this.deps.wallClockMs ?? Date.now)(),
    });
    if (!verdict.ok) {
      this.deps.logger.warn({ reason: verdict.reason }, 'refused an unverified Slack request');
      return sendJson(res, verdict.status, { error: 'invalid_signature' });
    }
    const parsed = parseSlackBody(raw, header('content-type'));
    if (!parsed) return sendJson(res, 400, { error: 'malformed_body' });
    if (parsed.kind === 'event' && parsed.body.type === 'url_verification') {
      return sendJson(res, 200, { challenge: parsed.body.challenge });
    }
    const retryNum = Number(header('x-slack-retry-num') ?? 0);
    await this.deps.intake.accept({
      kind: parsed.kind,
      body: parsed.body,
      raw,
      retryNum: Number.isFinite(retryNum) ? retryNum : 0,
      retryReason: header('x-slack-retry-reason'),
      respond: (status, body) => {
        if (res.headersSent) return;
        if (body === undefined || body === '') {
          res.writeHead(status, { 'content-length': 0 });
          res.end();
        } else sendJson(res, status, body);
      },
    });
  }
}
