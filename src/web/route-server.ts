import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { listen, routeRequest, type Route } from '../slack/receiver/http-receiver.ts';

/**
 * tplus's HTTP routes (status page, webhooks, health) on their own server: in Socket Mode Slack
 * needs no public endpoint, but the public pages and provider webhooks still do.
 */
export function createRouteServer({ routes, logger }: { routes: readonly Route[]; logger: Logger }) {
  let server: Server | undefined;
  return {
    async start(port: number, host = '0.0.0.0'): Promise<number> {
      server = await listen(port, host, logger, (req, res) => routeRequest(routes, req, res));
      return (server.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      const s = server;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
