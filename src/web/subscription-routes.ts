import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import { instantFormatter } from '../status/format.ts';
import type { MessagePageModel, StatusPageRenderer } from '../status/render-page.ts';
import { confirmPath, unsubscribePath } from '../status/subscription-messages.ts';
import type { Clock } from '../usecases/ports.ts';
import { subscribeToStatus } from '../usecases/subscribe-to-status.ts';
import type { SubscriberStore } from '../usecases/subscription-ports.ts';

type Page = Pick<MessagePageModel, 'pageTitle' | 'heading' | 'message' | 'form'>;

const SENT: Record<string, (kind: 'email' | 'webhook') => string> = {
  created: (kind) =>
    kind === 'email'
      ? 'We sent you a mail with a link to confirm. Nothing else is sent until you follow it.'
      : 'Your webhook is subscribed. Keep the secret: every request is signed with it.',
  'already-pending': () => 'This address is waiting for its confirmation: follow the link in the mail we sent.',
  'already-active': () => 'This address is already subscribed.',
};

function parseBody(req: IncomingMessage, rawBody: string): Record<string, unknown> | undefined {
  if (/json/.test(req.headers['content-type'] ?? '')) {
    try {
      const value: unknown = JSON.parse(rawBody);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  const form = new URLSearchParams(rawBody);
  return {
    email: form.get('email') ?? undefined,
    webhookUrl: form.get('webhookUrl') ?? undefined,
    components: form.getAll('components'),
  };
}

/**
 * POST /subscriptions (an HTML form or JSON), and the confirm and unsubscribe links. Following a
 * link shows a button; the change happens on POST, so a mail scanner that opens links changes
 * nothing, while a mail client's one-click unsubscribe (RFC 8058, a POST) works at once.
 */
export function subscriptionRoutes({
  store,
  clock,
  render,
  site,
  componentIds,
  allowLoopbackHttp,
}: {
  store: SubscriberStore;
  clock: Clock;
  render: StatusPageRenderer;
  site: { title: string; timeZone: string; url: string };
  componentIds: readonly string[];
  allowLoopbackHttp: boolean;
}): Route[] {
  const formatInstant = instantFormatter(site.timeZone);
  const page = (res: ServerResponse, status: number, view: Page) => {
    const now = clock.now();
    const body = render.message({
      title: site.title,
      timeZone: site.timeZone,
      generated: { iso: now.toISOString(), text: formatInstant(now) },
      ...view,
    });
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  };
  const tokenOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
  const unknownToken = (res: ServerResponse) =>
    page(res, 404, {
      pageTitle: 'Unknown link',
      heading: 'Unknown link',
      message: 'This link is not (or no longer) valid.',
    });

  return [
    {
      method: 'POST',
      path: '/subscriptions',
      async handle(req, res, rawBody) {
        const isJson = /json/.test(req.headers['content-type'] ?? '');
        const input = parseBody(req, rawBody);
        const result = input
          ? await subscribeToStatus({ input, store, clock, componentIds, allowLoopbackHttp })
          : ({ ok: false, status: 400, message: 'The body must be a JSON object or a form.' } as const);
        if (!result.ok) {
          if (isJson) return sendJson(res, 400, { error: 'bad_subscription', message: result.message });
          return page(res, 400, { pageTitle: 'Not subscribed', heading: 'Not subscribed', message: result.message });
        }
        const { subscriber, outcome } = result;
        const message = (SENT[outcome] as (kind: 'email' | 'webhook') => string)(subscriber.kind);
        if (!isJson) return page(res, result.status, { pageTitle: 'Subscription', heading: 'Almost there', message });
        sendJson(res, result.status, {
          outcome,
          kind: subscriber.kind,
          state: subscriber.state,
          components: subscriber.components,
          message,
          ...(result.secret
            ? { secret: result.secret, unsubscribeUrl: `${site.url}${unsubscribePath(subscriber.token)}` }
            : {}),
        });
      },
    },
    ...(['GET', 'POST'] as const).flatMap((method): Route[] => [
      {
        method,
        path: '/subscriptions/confirm',
        async handle(req, res) {
          const token = tokenOf(req);
          const found = method === 'POST' ? await store.confirm(token, clock.now()) : await store.byToken(token);
          if (!found || found.state === 'unsubscribed') return unknownToken(res);
          if (method === 'GET' && found.state === 'pending')
            return page(res, 200, {
              pageTitle: 'Confirm',
              heading: 'Confirm your subscription',
              message: `Send status updates of ${site.title} to ${found.address}?`,
              form: { action: confirmPath(token), button: 'Confirm' },
            });
          page(res, 200, {
            pageTitle: 'Subscribed',
            heading: 'Subscribed',
            message: `${found.address} now receives status updates.`,
          });
        },
      },
      {
        method,
        path: '/subscriptions/unsubscribe',
        async handle(req, res) {
          const token = tokenOf(req);
          const found = method === 'POST' ? await store.unsubscribe(token, clock.now()) : await store.byToken(token);
          if (!found) return unknownToken(res);
          if (method === 'GET' && found.state !== 'unsubscribed')
            return page(res, 200, {
              pageTitle: 'Unsubscribe',
              heading: 'Unsubscribe',
              message: `Stop sending status updates to ${found.address}?`,
              form: { action: unsubscribePath(token), button: 'Unsubscribe' },
            });
          page(res, 200, {
            pageTitle: 'Unsubscribed',
            heading: 'Unsubscribed',
            message: `Nothing more is sent to ${found.address}.`,
          });
        },
      },
    ]),
  ];
}
