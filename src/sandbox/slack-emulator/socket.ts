import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface DeliveryResult {
  envelopeId: string;
  /** What the app sent back with its ack (a view submission's response_action, say). */
  ackPayload: unknown;
  ackedInMs: number;
}

export interface SocketSide {
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options?: { retryAttempt?: number; retryReason?: string; timeoutMs?: number },
  ): Promise<DeliveryResult>;
  waitForConnection(timeoutMs: number): Promise<void>;
  readonly connectionCount: number;
  /** Closes every connection the way Slack does when it rotates them; clients reconnect. */
  dropConnections(): void;
}

/** The Socket Mode side of the emulator: a WebSocket endpoint on the same HTTP server. */
export function attachSocketMode(server: Server, path: string): SocketSide & { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<string, (payload: unknown) => void>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith(path)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        let frame: { envelope_id?: string; payload?: unknown };
        try {
          frame = JSON.parse(String(data)) as typeof frame;
        } catch {
          return;
        }
        if (frame.envelope_id) pendingAcks.get(frame.envelope_id)?.(frame.payload);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          debug_info: { host: 'emulator', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0TPLUSAPP' },
        }),
      );
    });
  });

  // Slack pings every few seconds; the client treats a silent server as a dead connection.
  const pinger = setInterval(() => {
    for (const ws of sockets) ws.ping();
  }, 5000);
  pinger.unref();

  async function waitForConnection(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (sockets.size === 0) {
      if (Date.now() > deadline) throw new Error(`no Socket Mode connection within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    { retryAttempt = 0, retryReason = '', timeoutMs = 3000 } = {},
  ): Promise<DeliveryResult> {
    await waitForConnection(timeoutMs);
    const ws = [...sockets][0] as WebSocket;
    const envelopeId = randomUUID();
    const started = performance.now();
    const acked = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        pendingAcks.delete(envelopeId);
        reject(new Error(`envelope ${envelopeId} was not acked within ${timeoutMs} ms`));
      }, timeoutMs);
      pendingAcks.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        pendingAcks.delete(envelopeId);
        resolve(ackPayload);
      });
    });
    ws.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: retryAttempt,
        retry_reason: retryReason,
      }),
    );
    const ackPayload = await acked;
    return { envelopeId, ackPayload, ackedInMs: performance.now() - started };
  }

  return {
    deliver,
    waitForConnection,
    get connectionCount() {
      return sockets.size;
    },
    dropConnections() {
      for (const ws of sockets) ws.close(1001, 'refresh requested');
    },
    close() {
      clearInterval(pinger);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
