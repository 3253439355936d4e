import type { Logger } from 'pino';
import type { RenderMonthlyReport } from '../documents/render-monthly-report.ts';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import { requireBearer } from './bearer-auth.ts';
import { buildMonthlyReport } from '../usecases/build-monthly-report.ts';
import type { ContractStore, CreditClaimStore } from '../usecases/contract-ports.ts';
import type { ContractPolicy } from '../usecases/contract-policy.ts';
import type { Clock } from '../usecases/ports.ts';

const PATH = /^\/reports\/([^/]+)\/([^/]+)\.(json|md)$/;

/**
 * GET /reports/<customer>/<YYYY-MM>.json and .md: the monthly SLA report, internal, behind
 * `Authorization: Bearer <TPLUS_INTERNAL_TOKEN>` (401 without it, 404 when no token is
 * configured or the customer is unknown, 400 for a bad month).
 */
export function reportRoutes({
  token,
  store,
  claims,
  policy,
  clock,
  render,
  logger,
}: {
  token: string | undefined;
  store: ContractStore;
  claims: CreditClaimStore;
  policy: ContractPolicy;
  clock: Clock;
  render: RenderMonthlyReport;
  logger: Logger;
}): Route[] {
  return [
    {
      method: 'GET',
      path: PATH,
      async handle(req, res) {
        if (
          !requireBearer(req, res, token, {
            error: 'reports_not_configured',
            message: 'set TPLUS_INTERNAL_TOKEN to serve reports',
          })
        )
          return;
        const [, rawCustomer = '', rawMonth = '', format] =
          PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname) ?? [];
        let customerId: string;
        let month: string;
        try {
          customerId = decodeURIComponent(rawCustomer);
          month = decodeURIComponent(rawMonth);
        } catch {
          return sendJson(res, 400, {
            error: 'bad-path',
            message: 'the customer id or month is not valid URL encoding',
          });
        }
        const outcome = await buildMonthlyReport({ store, claims, policy, clock, customerId, month });
        if (!outcome.ok)
          return sendJson(res, outcome.reason === 'unknown-customer' ? 404 : 400, {
            error: outcome.reason,
            message: outcome.message,
          });
        logger.info({ customerId, month, format }, 'monthly report served');
        if (format === 'json') return sendJson(res, 200, outcome.report, { 'cache-control': 'no-store' });
        const body = render(outcome.report, policy.account(customerId)?.timeZone ?? 'UTC');
        res.writeHead(200, {
          'content-type': 'text/markdown; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(body);
      },
    },
  ];
}
