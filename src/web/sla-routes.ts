import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  dateText,
  nextScheduled,
  slaPageView,
  versionInEffect,
  versionState,
  versionSummary,
  versionsPageView,
  type SlaVersion,
} from '../domain/sla-page/index.ts';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import type { Clock } from '../usecases/ports.ts';
import type { SlaVersionStore } from '../usecases/sla-ports.ts';
import type { SlaTemplates } from './sla-templates.ts';

const TITLE = 'Service level agreement & support';
const NONE_IN_EFFECT = 'No SLA version is in effect yet. See /sla/versions.';
// Inline CSS only: nothing else may load, so an injected tag could not fetch or run anything.
const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** GET /sla, /sla.json, /sla/versions(.json) and /sla/v/<n>(.json): the SLA from the stored versions. */
export function slaRoutes({
  versions,
  templates,
  clock,
  timeZone,
}: {
  versions: SlaVersionStore;
  templates: SlaTemplates;
  clock: Clock;
  timeZone: string;
}): Route[] {
  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const fail = (
    req: IncomingMessage,
    res: ServerResponse,
    asJson: boolean,
    status: number,
    error: string,
    message: string,
  ) =>
    asJson || wantsJson(req)
      ? sendJson(res, status, { error, message })
      : html(res, status, templates.error({ status, title: status === 404 ? 'Not found' : 'Bad request', message }));

  const current = async () => {
    const all = await versions.list();
    const now = clock.now();
    return { all, now, version: versionInEffect(all, now) };
  };
  // The current page announces the next scheduled version; a page for one version says where that version stands
  // instead.
  const currentPage = (version: SlaVersion, all: SlaVersion[], now: Date) => ({
    ...slaPageView({ version, scheduled: nextScheduled(all, now), timeZone }),
    title: TITLE,
    banner: undefined,
    jsonHref: '/sla.json',
  });
  const versionPage = (version: SlaVersion, all: SlaVersion[], now: Date) => ({
    ...slaPageView({ version, scheduled: undefined, timeZone }),
    title: `${TITLE}: version ${version.version}`,
    banner: bannerFor(version, all, now, timeZone),
    jsonHref: `/sla/v/${version.version}.json`,
  });
  const document = (version: SlaVersion, all: SlaVersion[], now: Date) => {
    const next = nextScheduled(all, now);
    return {
      ...versionSummary(version, all, now),
      scheduled: next
        ? { version: next.version, effectiveAt: next.effectiveAt.toISOString(), isWeakening: next.isWeakening }
        : null,
      content: version.content,
    };
  };

  return [
    {
      method: 'GET',
      path: '/sla',
      async handle(req, res) {
        const { all, now, version } = await current();
        if (!version) return fail(req, res, false, 404, 'not_found', NONE_IN_EFFECT);
        html(res, 200, templates.page(currentPage(version, all, now)));
      },
    },
    {
      method: 'GET',
      path: '/sla.json',
      async handle(req, res) {
        const { all, now, version } = await current();
        if (!version) return fail(req, res, true, 404, 'not_found', NONE_IN_EFFECT);
        sendJson(res, 200, document(version, all, now));
      },
    },
    {
      method: 'GET',
      path: /^\/sla\/versions(\.json)?$/,
      async handle(req, res) {
        const all = await versions.list();
        const now = clock.now();
        if (pathOf(req).endsWith('.json') || wantsJson(req))
          return sendJson(res, 200, { versions: all.map((v) => versionSummary(v, all, now)) });
        html(res, 200, templates.versions({ ...versionsPageView(all, now, timeZone), title: `${TITLE}: versions` }));
      },
    },
    {
      method: 'GET',
      path: /^\/sla\/v\/[^/]*$/,
      async handle(req, res) {
        const raw = pathOf(req).slice('/sla/v/'.length);
        const asJson = raw.endsWith('.json');
        const n = asJson ? raw.slice(0, -'.json'.length) : raw;
        if (!/^[1-9]\d{0,8}$/.test(n))
          return fail(req, res, asJson, 400, 'bad_request', 'A version is a whole number from 1, as in /sla/v/1.');
        const version = await versions.get(Number(n));
        if (!version)
          return fail(req, res, asJson, 404, 'not_found', `There is no SLA version ${n}. See /sla/versions.`);
        const all = await versions.list();
        const now = clock.now();
        if (asJson || wantsJson(req)) return sendJson(res, 200, document(version, all, now));
        html(res, 200, templates.page(versionPage(version, all, now)));
      },
    },
  ];
}

function bannerFor(version: SlaVersion, all: SlaVersion[], now: Date, timeZone: string): string {
  const state = versionState(version, all, now);
  const date = dateText(version.effectiveAt, timeZone);
  switch (state) {
    case 'in-effect':
      return `Version ${version.version} is the version in effect.`;
    case 'scheduled':
      return `Version ${version.version} is scheduled: it takes effect on ${date}. Until then the current version applies.`;
    case 'withdrawn':
      return `Version ${version.version} was replaced before it took effect; it never applied.`;
    case 'past':
      return `Version ${version.version} applied from ${date} and has been superseded. See the current version.`;
  }
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** A JSON client says so; a browser asks for text/html first. */
function wantsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
