import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatInstantForReader } from '../../domain/sla/index.ts';
import { incidentRef } from '../../domain/incident.ts';
import { ACTION, VIEW } from '../../slack/ids.ts';
import { sectionBlockId } from '../../slack/views/document-modal.ts';
import type { Tplus } from '../../tplus.ts';
import { buildBlockActions, buildViewSubmission, sendSigned } from '../driver/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * After the S1 is resolved: its follow-up deadlines, then the responder drafts the post-mortem
 * and writes its answers in the edit modal, and the success owner drafts, approves and sends the
 * RCA (Draft / Approve / Send buttons), whose root cause and preventive measures start from them.
 * Both documents are written to `outDir` and printed.
 */
export async function playDocuments({
  tplus,
  url,
  secret,
  incidentId,
  responder,
  successOwner,
  customerId,
  ourTeam,
  triage,
  outDir,
}: {
  tplus: Tplus;
  url: string;
  secret: string;
  incidentId: number;
  responder: string;
  successOwner: string;
  customerId: string;
  ourTeam: string;
  triage: string;
  outDir: string;
}): Promise<void> {
  const ref = incidentRef(incidentId);
  for (let i = 0; i < 100 && (await tplus.documents.store.deadlines(incidentId)).length === 0; i += 1) await sleep(100);
  console.log(
    `\n■ ${ref}'s follow-up deadlines (from the resolution; reminders 24 h and 2 h before, at due, then daily)`,
  );
  for (const d of await tplus.documents.store.deadlines(incidentId)) {
    const zone =
      tplus.documents.policy.customers.find((c) => c.id === d.customerId)?.calendar.timeZone ??
      tplus.documents.policy.internalTimeZone;
    console.log(
      `  ${d.kind}${d.customerId ? ` for ${d.customerId}` : ' (internal)'}: due ${formatInstantForReader(d.dueAt, zone)}${d.isBusinessDays ? ' (business days)' : ''}`,
    );
  }
  const press = async (user: string, actionId: string, value: string) => {
    await sendSigned(url, {
      signingSecret: secret,
      kind: 'interaction',
      payload: buildBlockActions({
        teamId: ourTeam,
        user: { id: user, teamId: ourTeam },
        channel: triage,
        actionId,
        value,
        triggerId: `demo-${actionId}-${value}`,
      }),
    });
    await sleep(300);
  };
  console.log(
    `\n■ ${responder} presses “Draft post-mortem”; ${successOwner} presses “Draft RCA”, Approve, Send to customer`,
  );
  await press(responder, `${ACTION.draftDocument}:postmortem:`, `${incidentId}:postmortem:`);
  const postmortem = await tplus.documents.store.find(incidentId, 'postmortem', '');
  if (postmortem) {
    // The answers a responder types into the post-mortem's edit modal (a customer document cannot be approved while a
    // section reads "To be completed.").
    const answers: Record<string, string> = {
      rootCause:
        'A load-balancer configuration change sent all API traffic to a pool that had been drained for maintenance.',
      contributingFactors: 'The change was applied to every region at once\nThe health check accepted an empty pool',
      whatWentWell:
        'The customer report reached on-call within a minute\nRollback took under five minutes once the cause was known',
      actionItems:
        'Platform team — roll load-balancer changes out one region at a time\nPlatform team — fail the health check when a pool is empty',
    };
    const values = Object.fromEntries(
      Object.entries(answers).map(([name, value]) => [
        sectionBlockId(name),
        { [sectionBlockId(name)]: { type: 'plain_text_input', value } },
      ]),
    );
    await sendSigned(url, {
      signingSecret: secret,
      kind: 'interaction',
      payload: buildViewSubmission({
        teamId: ourTeam,
        user: { id: responder, teamId: ourTeam },
        callbackId: VIEW.documentModal,
        values,
        privateMetadata: JSON.stringify({ documentId: postmortem.id, revision: postmortem.revision }),
        viewId: 'VDEMOPM01',
      }),
    });
    await sleep(300);
    console.log(
      `  ${responder} writes the post-mortem's root cause, contributing factors, what went well and action items in its edit modal`,
    );
  }
  await press(successOwner, `${ACTION.draftDocument}:rca:${customerId}`, `${incidentId}:rca:${customerId}`);
  const rca = await tplus.documents.store.find(incidentId, 'rca', customerId);
  if (rca) {
    await press(successOwner, ACTION.approveDocument, String(rca.id));
    await press(successOwner, ACTION.sendDocument, String(rca.id));
  }
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  for (const [kind, customer] of [
    ['postmortem', ''],
    ['rca', customerId],
  ] as const) {
    const doc = await tplus.documents.store.find(incidentId, kind, customer);
    if (!doc) continue;
    const file = join(dir, `incident-${incidentId}-${kind}${customer ? `-${customer}` : ''}.md`);
    writeFileSync(file, doc.markdown);
    console.log(
      `\n■ The ${kind === 'rca' ? `RCA for ${customer}` : 'post-mortem'} (${doc.state}${doc.sentAt ? `, sent ${doc.sentAt.toISOString()}` : ''}), written to ${file} (also GET /documents/${doc.id} with the internal token)\n`,
    );
    console.log(
      doc.markdown
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  }
}
