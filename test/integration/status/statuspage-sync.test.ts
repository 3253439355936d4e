import { afterEach, describe, expect, it } from 'vitest';
import { startStatuspageEmulator, type StatuspageEmulator } from '../../../src/sandbox/statuspage-emulator/index.ts';
import { MINUTE, startIncidentScenario } from '../../support/incident-scenario.ts';

const KEY = 'statuspage-key-0123456789';
const PAGE = 'pg0tplus';
const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';

describe('the optional Statuspage mirror', () => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  let sp: StatuspageEmulator;
  afterEach(async () => {
    await s.close();
    await sp.close();
  });

  async function start(apiKey = KEY) {
    sp = await startStatuspageEmulator({ apiKey: KEY, pageIds: [PAGE] });
    s = await startIncidentScenario({
      extraEnv: { STATUSPAGE_API_KEY: apiKey, STATUSPAGE_API_URL: sp.apiUrl },
      configOverride: (c) => ({
        ...c,
        statusPage: {
          ...c.statusPage,
          statuspage: { pageId: PAGE, components: { api: 'spapi', dashboard: 'spdash' } },
        },
      }),
    });
  }
  /** Lets the dispatcher's backoff (tplus time) pass, a second at a time. */
  async function retryFor(fromMs: number, seconds: number) {
    for (let i = 1; i <= seconds; i += 1) await s.at(fromMs + i * 1000);
  }

  it('creates the incident once even when the create was applied but answered 500, then patches it once on resolution despite a 500', async () => {
    await start();
    const { ticket } = await s.file(OUTAGE);
    await s.walkTo(14);
    sp.failNext(1, '5xx-after');
    await s.at(15 * MINUTE);
    await retryFor(15 * MINUTE, 3);
    const [created, ...others] = sp.incidents(PAGE);
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      name: 'Outage of Public API and Dashboard',
      status: 'investigating',
      impact_override: 'critical',
      components: { spapi: 'major_outage', spdash: 'major_outage' },
    });
    expect(created!.incident_updates).toHaveLength(1);
    // The unclear create was looked up by its marker, not sent again.
    expect(sp.calls.filter((c) => c.method === 'POST').map((c) => c.httpStatus)).toEqual([500]);
    expect(sp.calls.filter((c) => c.method === 'GET')).toHaveLength(1);

    await s.acknowledge(ticket.id);
    await s.walkTo(40);
    sp.failNext(1, '5xx');
    await s.resolve(ticket.id);
    await retryFor(40 * MINUTE, 3);
    const [after] = sp.incidents(PAGE);
    expect(after).toMatchObject({
      id: created!.id,
      status: 'resolved',
      components: { spapi: 'operational', spdash: 'operational' },
    });
    expect(after!.incident_updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
    expect(sp.calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.httpStatus])).toEqual([
      [`/pages/${PAGE}/incidents/${created!.id}`, 500],
      [`/pages/${PAGE}/incidents/${created!.id}`, 200],
    ]);
    expect(new Set(sp.calls.map((c) => c.authorization))).toEqual(new Set([`OAuth ${KEY}`]));
  });

  it('gives up on a rejected key (401) at once, drops the updates that depend on it, and the status page itself is unaffected', async () => {
    await start('wrong-key-0123456789');
    await s.file(OUTAGE);
    await s.walkTo(15);
    await retryFor(15 * MINUTE, 2);
    // The resolution's update has no Statuspage incident to patch: dropped, not waiting for ever.
    await s.resolve((await s.h.tplus.db.prisma.ticket.findFirstOrThrow()).id);
    await retryFor(15 * MINUTE + 2000, 2);
    expect(sp.incidents(PAGE)).toEqual([]);
    expect(sp.calls.map((c) => c.httpStatus)).toEqual([401]);
    const rows = await s.h.tplus.db.prisma.outboxMessage.findMany({
      where: { kind: 'statuspage.sync' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ['dead', 1],
      ['delivered', 1],
    ]);
    expect((await s.h.tplus.db.prisma.statusIncident.findFirstOrThrow()).status).toBe('resolved');
  });
});
