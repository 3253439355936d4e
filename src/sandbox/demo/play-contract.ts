import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monthOf } from '../../domain/contract/index.ts';
import { incidentRef } from '../../domain/incident.ts';
import { ACTION, BLOCK, VIEW } from '../../slack/ids.ts';
import type { Tplus } from '../../tplus.ts';
import { buildMonthlyReport } from '../../usecases/build-monthly-report.ts';
import type { Clock } from '../../usecases/ports.ts';
import { buildBlockActions, buildViewSubmission, sendSigned } from '../driver/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Last act of the demo: Acme asks for a service credit for the S1 from its channel, its success
 * owner approves it, and the customer's monthly report is written to `outDir` (Markdown and JSON)
 * and printed.
 */
export async function playContract({
  tplus,
  clock,
  url,
  secret,
  incidentId,
  customer,
  outDir,
}: {
  tplus: Tplus;
  clock: Clock;
  url: string;
  secret: string;
  incidentId: number;
  customer: { id: string; teamId: string; userId: string; channelId: string; successOwner: string; ourTeam: string };
  outDir: string;
}): Promise<void> {
  const ref = incidentRef(incidentId);
  console.log(`\n■ ${customer.userId} asks for a service credit for ${ref} (Request a service credit → modal)`);
  const submitted = await sendSigned(url, {
    signingSecret: secret,
    kind: 'interaction',
    payload: buildViewSubmission({
      teamId: customer.teamId,
      user: { id: customer.userId, teamId: customer.teamId },
      callbackId: VIEW.creditModal,
      privateMetadata: JSON.stringify({ channelId: customer.channelId }),
      viewId: 'V0DEMOCRD1',
      values: {
        [BLOCK.creditIncident]: { [BLOCK.creditIncident]: { type: 'plain_text_input', value: ref } },
        [BLOCK.creditNote]: {
          [BLOCK.creditNote]: { type: 'plain_text_input', value: 'Checkout was down for over an hour.' },
        },
      },
    }),
  });
  const claim = await tplus.contracts.claims.find(customer.id, incidentId);
  if (!claim) {
    console.log(`  refused: ${submitted.body}`);
    return;
  }
  console.log(
    `  claim stored: uptime ${claim.uptimePercent.toFixed(3)} % so far → ${claim.creditPercent} % credit (${claim.creditAmount?.toFixed(2) ?? '—'} ${claim.currency ?? ''}); the success owner ${customer.successOwner} gets Approve / Reject`,
  );
  await sendSigned(url, {
    signingSecret: secret,
    kind: 'interaction',
    payload: buildBlockActions({
      teamId: customer.ourTeam,
      user: { id: customer.successOwner, teamId: customer.ourTeam },
      channel: customer.successOwner,
      actionId: ACTION.approveCredit,
      value: String(claim.id),
      triggerId: 'demo-trigger-credit',
    }),
  });
  await sleep(500);
  const decided = await tplus.contracts.claims.get(claim.id);
  console.log(
    `  ${decided?.state} by ${decided?.decidedBy}; applied to the ${decided?.appliedCycle} invoice; the customer was told in their channel`,
  );

  const month = monthOf(clock.now(), tplus.contracts.policy.account(customer.id)?.timeZone ?? 'UTC');
  const outcome = await buildMonthlyReport({
    store: tplus.contracts.store,
    claims: tplus.contracts.claims,
    policy: tplus.contracts.policy,
    clock,
    customerId: customer.id,
    month,
  });
  if (!outcome.ok) return;
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const markdown = tplus.contracts.renderReport(
    outcome.report,
    tplus.contracts.policy.account(customer.id)?.timeZone ?? 'UTC',
  );
  writeFileSync(join(dir, `${customer.id}-${month}.md`), markdown);
  writeFileSync(join(dir, `${customer.id}-${month}.json`), `${JSON.stringify(outcome.report, null, 2)}\n`);
  console.log(
    `\n■ ${customer.id}'s monthly report for ${month}, written to ${join(dir, `${customer.id}-${month}.md`)} and .json (also: tplus report --customer ${customer.id} --month ${month})\n`,
  );
  console.log(
    markdown
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
}
