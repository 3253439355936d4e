// Part `pagerduty` of the end-to-end bench: PagerDuty (its emulator) down for PD_DOWN_S while S1
// tickets arrive at PD_PER_MINUTE; every incident must be paged once after it is back.
import Database from 'better-sqlite3';
import { mention, signedHeaders } from '../support/slack-requests.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import { load } from './measure.ts';
import { PD_API_TOKEN, PD_DOWN_S, PD_PER_MINUTE, PD_ROUTING_KEY } from './settings.ts';
import type { PartContext, Tplus } from './tplus.ts';

const S1_TEXT = 'Production is down for all users, every request fails, no workaround';

function s1Mention(seq: number) {
  const base = mention(seq);
  return { ...base, event: { ...base.event, text: `<@U0TPLUSBOT> ${S1_TEXT} (${seq})` } };
}

export async function pagerDutyPart({ fresh, done, warnings }: PartContext) {
  const pd = await startPagerDutyEmulator({
    routingKey: PD_ROUTING_KEY,
    apiToken: PD_API_TOKEN,
    onCalls: [
      {
        escalationPolicyId: 'PESCAL1',
        users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
      },
    ],
  });
  try {
    const t = await fresh('pagerduty-down', {
      PAGERDUTY_ROUTING_KEY: PD_ROUTING_KEY,
      PAGERDUTY_EVENTS_URL: pd.eventsUrl,
      PAGERDUTY_API_TOKEN: PD_API_TOKEN,
      PAGERDUTY_API_URL: pd.apiUrl,
    });
    const at = load();
    const result = { ...(await pagerDutyDown(t, pd)), ...warnings(t), load: at };
    await done(t);
    return result;
  } finally {
    await pd.close();
  }
}

/**
 * PagerDuty answers every request with 500 for PD_DOWN_S while S1 tickets arrive; then it is back.
 * Every incident's trigger must reach it after that, once: the emulator's accepted events are
 * counted per dedup key. Recovery-to-last-trigger says how long the backlog took.
 */
async function pagerDutyDown(t: Tplus, pd: PagerDutyEmulator) {
  const downAt = Date.now();
  pd.failAll({ mode: '5xx', forMs: PD_DOWN_S * 1000 });
  const upAt = downAt + PD_DOWN_S * 1000;
  const intervalMs = 60_000 / PD_PER_MINUTE;
  let sent = 0;
  let errors = 0;
  for (let i = 0; Date.now() < upAt - intervalMs / 2; i += 1) {
    const wait = downAt + i * intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = JSON.stringify(s1Mention(7_000_000 + i));
    const r = await fetch(t.url, { method: 'POST', headers: signedHeaders(body), body }).catch(() => undefined);
    await r?.arrayBuffer();
    sent += 1;
    if (r?.status !== 200) errors += 1;
  }
  const waitUntilUp = upAt - Date.now();
  if (waitUntilUp > 0) await new Promise((resolve) => setTimeout(resolve, waitUntilUp));
  const db = new Database(t.dbPath, { readonly: true });
  const incidents = () =>
    (db.prepare('SELECT id FROM Incident').all() as { id: number }[]).map((r) => `tplus-incident-${r.id}`);
  const triggers = () => {
    const byKey = new Map<string, number[]>();
    for (const call of pd.calls) {
      const body = call.body as { event_action?: string; dedup_key?: string } | undefined;
      if (call.path !== '/v2/enqueue' || call.httpStatus !== 202 || body?.event_action !== 'trigger') continue;
      byKey.set(body.dedup_key ?? '', [...(byKey.get(body.dedup_key ?? '') ?? []), call.at.getTime()]);
    }
    return byKey;
  };
  const deadline = Date.now() + 300_000;
  let keys = incidents();
  let byKey = triggers();
  while (keys.some((k) => !byKey.has(k)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    keys = incidents();
    byKey = triggers();
  }
  // A little longer, so a second trigger for a key would be seen.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  keys = incidents();
  byKey = triggers();
  db.close();
  const failedCalls = pd.calls.filter((c) => c.path === '/v2/enqueue' && c.httpStatus !== 202).length;
  const firsts = keys.map((k) => byKey.get(k)?.[0]).filter((at): at is number => at !== undefined);
  const lost = keys.filter((k) => !byKey.has(k));
  const twice = keys.filter((k) => (byKey.get(k)?.length ?? 0) > 1);
  const deliveredDuringOutage = firsts.filter((at) => at < upAt).length;
  // Triggers accepted each second from the start of the outage.
  const perSecond: { second: number; delivered: number }[] = [];
  for (const at of firsts) {
    const s = Math.floor((at - downAt) / 1000);
    for (let i = perSecond.length; i <= s; i += 1) perSecond.push({ second: i, delivered: 0 });
    perSecond[s]!.delivered += 1;
  }
  const result = {
    downSeconds: PD_DOWN_S,
    perMinute: PD_PER_MINUTE,
    ticketsSent: sent,
    errors,
    incidents: keys.length,
    triggersDelivered: firsts.length,
    deliveredDuringOutage,
    lost: lost.length,
    duplicates: twice.length,
    failedEnqueueCalls: failedCalls,
    recoveryToLastTriggerMs: firsts.length ? Math.max(...firsts) - upAt : null,
    recoveryToFirstTriggerMs: firsts.length ? Math.min(...firsts) - upAt : null,
    perSecond,
    ...(lost.length + twice.length > 0 ? { examples: { lost: lost.slice(0, 10), twice: twice.slice(0, 10) } } : {}),
  };
  console.log(
    `pagerduty down ${PD_DOWN_S} s: ${result.incidents} incidents from ${sent} S1 tickets, ${result.triggersDelivered} triggers delivered (${deliveredDuringOutage} during the outage), lost ${result.lost}, twice ${result.duplicates}; recovery to last trigger ${result.recoveryToLastTriggerMs} ms`,
  );
  return result;
}
