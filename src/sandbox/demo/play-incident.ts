import type { Tplus } from '../../tplus.ts';
import { incidentRef } from '../../domain/incident.ts';
import { formatOffset } from '../../domain/runbook/index.ts';
import type { Clock } from '../../usecases/ports.ts';
import { BLOCK, VIEW } from '../../slack/ids.ts';
import { buildViewSubmission, sendSigned } from '../driver/index.ts';
import type { PagerDutyEmulator } from '../pagerduty-emulator/index.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Second act of the demo: the Acme S1 runs its runbook on the scaled clock. Its timeline is
 * printed as it happens; nobody resolves it by T+60, so the manager is escalated to with the
 * bridge; a responder resolves it at `resolveAtMinutes`.
 */
export async function playIncident({
  tplus,
  clock,
  url,
  secret,
  ticketId,
  responder,
  ourTeam,
  pagerduty,
  resolveAtMinutes = 75,
}: {
  tplus: Tplus;
  clock: Clock;
  url: string;
  secret: string;
  ticketId: number;
  responder: string;
  ourTeam: string;
  pagerduty: PagerDutyEmulator;
  resolveAtMinutes?: number;
}): Promise<void> {
  // The incident is opened by the engine's incident sweep, not by filing: on a cold first run
  // (`npm ci && npm run demo`) the sweep may not have reached the ticket yet, so ask for a tick.
  await tplus.engine.tick();
  const incident = await tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId } });
  const ref = incidentRef(incident.id);
  console.log(`\n■ ${ref}: the S1 runbook runs on the scaled clock (its timeline, as it happens)`);
  let shownEvents = 0;
  const showTimeline = async () => {
    const events = await tplus.db.prisma.incidentEvent.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      skip: shownEvents,
    });
    for (const e of events)
      console.log(`  ${formatOffset(incident.startedAt, e.at).padEnd(7)} ${e.actor.padEnd(10)} ${e.text}`);
    shownEvents += events.length;
  };
  const resolveAt = incident.startedAt.getTime() + resolveAtMinutes * 60_000;
  while (clock.now().getTime() < resolveAt) {
    await showTimeline();
    await sleep(250);
  }
  console.log(`\n■ ${responder} resolves ${ref} at ${formatOffset(incident.startedAt, clock.now())} (Resolve modal)`);
  await sendSigned(url, {
    signingSecret: secret,
    kind: 'interaction',
    payload: buildViewSubmission({
      teamId: ourTeam,
      user: { id: responder, teamId: ourTeam },
      callbackId: VIEW.resolveModal,
      privateMetadata: JSON.stringify({ ticketId }),
      viewId: 'V0DEMO0001',
      values: {
        [BLOCK.resolutionSummary]: {
          [BLOCK.resolutionSummary]: {
            type: 'plain_text_input',
            value: 'A bad load-balancer config was rolled back; 503s stopped at once.',
          },
        },
        [BLOCK.upstream]: { [BLOCK.upstream]: { type: 'static_select', selected_option: { value: 'no' } } },
      },
    }),
  });
  await sleep(1500);
  await showTimeline();
  const pages = pagerduty.events.map(
    (e) =>
      `${String(e.event_action)}${(e.payload as { summary?: string } | undefined)?.summary?.startsWith('[re-page]') ? ' (re-page)' : ''}`,
  );
  console.log(
    `\n  PagerDuty received: ${pages.join(', ') || 'nothing'}; alerts open: ${[...pagerduty.alerts().values()].filter((a) => a.status !== 'resolved').length}.`,
  );
}
