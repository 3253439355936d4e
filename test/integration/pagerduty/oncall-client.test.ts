import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PagerDutyLookupError } from '../../../src/pagerduty/errors.ts';
import { createOnCallLookup } from '../../../src/pagerduty/oncall-client.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../../src/sandbox/pagerduty-emulator/index.ts';

const apiToken = 'u+emulatedRestToken';
const t0 = new Date('2025-03-04T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const manyUsers = Array.from({ length: 120 }, (_, i) => ({
  id: `PBIG${i}`,
  name: `Responder ${i}`,
  email: `r${i}@acme.test`,
  level: 1 + (i % 3),
}));

describe('createOnCallLookup against the emulator', () => {
  let pd: PagerDutyEmulator;
  beforeAll(async () => {
    pd = await startPagerDutyEmulator({
      routingKey: 'unused',
      apiToken,
      onCalls: [
        {
          escalationPolicyId: 'PPOLICY',
          users: [
            { id: 'PVP', name: 'Vera VP', email: 'vera@acme.test', level: 3 },
            { id: 'PPRIMARY', name: 'Pat Primary', email: 'pat@acme.test', level: 1 },
            { id: 'PLEAD', name: 'Lee Lead', email: 'lee@acme.test', level: 2 },
          ],
        },
        {
          escalationPolicyId: 'POTHER',
          users: [{ id: 'PSTRANGER', name: 'Sam Other', email: 'sam@acme.test', level: 1 }],
        },
        { escalationPolicyId: 'PBIG', users: manyUsers },
        {
          escalationPolicyId: 'PDOUBLE',
          users: [
            { id: 'PLEAD', name: 'Lee Lead', email: 'lee@acme.test', level: 3 },
            { id: 'PPRIMARY', name: 'Pat Primary', email: 'pat@acme.test', level: 2 },
            { id: 'PLEAD', name: 'Lee Lead', email: 'lee@acme.test', level: 1 },
          ],
        },
      ],
    });
  });
  beforeEach(() => pd.reset());
  afterAll(async () => pd.close());

  it('returns the policy’s on-call users with names and emails, first responders first', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PPOLICY' });
    const { users, source } = await lookup.current(t0);
    expect(source).toBe('pagerduty');
    expect(users).toEqual([
      { id: 'PPRIMARY', name: 'Pat Primary', email: 'pat@acme.test', level: 1 },
      { id: 'PLEAD', name: 'Lee Lead', email: 'lee@acme.test', level: 2 },
      { id: 'PVP', name: 'Vera VP', email: 'vera@acme.test', level: 3 },
    ]);
    const query = new URLSearchParams(pd.calls[0]?.query);
    expect(query.getAll('escalation_policy_ids[]')).toEqual(['PPOLICY']);
    expect(query.get('earliest')).toBe('true');
  });

  it('answers from cache within cacheMs and asks PagerDuty again once it has passed', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PPOLICY', cacheMs: 60_000 });
    expect((await lookup.current(t0)).source).toBe('pagerduty');
    const cached = await lookup.current(at(59_999));
    expect(cached.source).toBe('cache');
    expect(cached.users.map((u) => u.id)).toEqual(['PPRIMARY', 'PLEAD', 'PVP']);
    expect(pd.calls.filter((c) => c.path === '/oncalls')).toHaveLength(1);

    expect((await lookup.current(at(60_000))).source).toBe('pagerduty');
    expect(pd.calls.filter((c) => c.path === '/oncalls')).toHaveLength(2);
  });

  it('shares one request between lookups made at the same moment', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PPOLICY' });
    const [a, b] = await Promise.all([lookup.current(t0), lookup.current(t0)]);
    expect(a.users).toEqual(b.users);
    expect(pd.calls).toHaveLength(1);
  });

  it('follows pages until PagerDuty says there are no more', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PBIG' });
    const { users } = await lookup.current(t0);
    expect(users).toHaveLength(120);
    expect(users.map((u) => u.level)).toEqual([...users.map((u) => u.level)].sort((x, y) => x - y));
    expect(pd.calls).toHaveLength(2);
  });

  it('lists a person on call at two levels once, at the earlier level, so they are not paged twice', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PDOUBLE' });
    const { users } = await lookup.current(t0);
    expect(users.map((u) => [u.id, u.level])).toEqual([
      ['PLEAD', 1],
      ['PPRIMARY', 2],
    ]);
  });

  it('throws PagerDutyLookupError with the status when the token is wrong', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken: 'wrong-token', escalationPolicyId: 'PPOLICY' });
    const error = await lookup.current(t0).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PagerDutyLookupError);
    expect((error as PagerDutyLookupError).status).toBe(401);
    expect(pd.calls.map((c) => c.httpStatus)).toEqual([401]);
  });

  it('does not cache a failure: the next lookup after an outage reaches PagerDuty', async () => {
    const lookup = createOnCallLookup({ apiUrl: pd.apiUrl, apiToken, escalationPolicyId: 'PPOLICY' });
    pd.failNext(1, '5xx');
    await expect(lookup.current(t0)).rejects.toBeInstanceOf(PagerDutyLookupError);
    pd.failNext(1, 'drop');
    await expect(lookup.current(t0)).rejects.toBeInstanceOf(PagerDutyLookupError);
    const { source, users } = await lookup.current(t0);
    expect(source).toBe('pagerduty');
    expect(users).toHaveLength(3);
  });

  it('gives up with PagerDutyLookupError when PagerDuty does not answer within timeoutMs', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const lookup = createOnCallLookup({ apiUrl, apiToken, escalationPolicyId: 'PPOLICY', timeoutMs: 200 });
      const started = performance.now();
      await expect(lookup.current(t0)).rejects.toThrow(/no answer within 200 ms/);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
