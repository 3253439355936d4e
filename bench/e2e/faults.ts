// Part `faults` of the end-to-end bench: the Slack emulator answering FAULT_RATIO of the Web API
// calls with 429 (Retry-After) or 5xx while the events arrive.
import { deliveredPosts, endToEnd, type EndToEndOptions } from '../support/end-to-end.ts';
import type { FaultMode } from '../../src/sandbox/slack-emulator/index.ts';
import { load, tidy } from './measure.ts';
import { DRAIN_MS, FAULT_PER_MINUTE, FAULT_RATIO, FAULT_SECONDS } from './settings.ts';
import type { PartContext } from './tplus.ts';

/** One result per mode, keyed `slack429` and `slack5xx`. */
export async function slackFaultsPart({ slack, fresh, done, warnings }: PartContext) {
  const faults: Record<string, unknown> = {};
  for (const mode of ['429', '5xx'] as FaultMode[]) {
    const t = await fresh(`slack-${mode}`);
    const at = load();
    // Faulted while the events arrive (the run's FAULT_SECONDS), healed when the last is sent: the
    // per-second deliveries show the throughput under the fault and the recovery after it.
    slack.failRatio(FAULT_RATIO, mode);
    let deliveredDuringFault = 0;
    const options: EndToEndOptions = {
      drainMs: DRAIN_MS,
      onSendsDone: () => {
        deliveredDuringFault = deliveredPosts(slack).cards.size;
        slack.heal();
      },
    };
    const r = await endToEnd(t.url, t.dbPath, slack, FAULT_PER_MINUTE, FAULT_SECONDS, options);
    slack.heal();
    const calls = slack.calls.filter((c) => c.method !== 'apps.connections.open');
    const faulted = calls.filter((c) => c.httpStatus !== 200).length;
    await done(t);
    faults[`slack${mode}`] = {
      mode,
      ratio: FAULT_RATIO,
      ...tidy(r),
      slackCalls: calls.length,
      faultedCalls: faulted,
      cardsDeliveredDuringFault: deliveredDuringFault,
      ...warnings(t),
      load: at,
    };
    console.log(
      `slack ${mode} at ${FAULT_RATIO * 100} %: ${r.cards}/${r.sent} cards, p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} max ${r.latencyMs.max} ms, lost ${r.lost}, duplicate cards ${r.duplicates}, duplicate posts ${r.postDuplicates}, ${faulted}/${calls.length} calls faulted, ${deliveredDuringFault} cards during the fault, drained ${r.drainMs} ms after the last send`,
    );
  }
  return faults;
}
