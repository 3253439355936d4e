import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStatuspageEmulator, type StatuspageEmulator } from '../../../src/sandbox/statuspage-emulator/index.ts';
import { createStatuspageClient, StatuspageDeliveryError } from '../../../src/statuspage/statuspage-client.ts';

const KEY = 'statuspage-key-0123456789';
const PAGE = 'pg0tplus';
const incident = {
  name: 'Outage of Public API',
  status: 'investigating',
  body: 'We are investigating.',
  components: { spapi: 'major_outage' },
  impactOverride: 'critical',
};

describe('the Statuspage client against the emulator', () => {
  let sp: StatuspageEmulator;
  beforeEach(async () => {
    sp = await startStatuspageEmulator({ apiKey: KEY, pageIds: [PAGE] });
  });
  afterEach(async () => sp.close());

  const client = (apiKey = KEY) => createStatuspageClient({ apiUrl: sp.apiUrl, apiKey, timeoutMs: 2000 });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as StatuspageDeliveryError,
    );

  it('sends Statuspage’s wire shape with the OAuth key, and finds a create by its marker', async () => {
    const id = await client().create(
      PAGE,
      { ...incident, scheduledFor: '2026-12-01T10:00:00.000Z' },
      'status:1:statuspage:create',
    );
    expect(sp.calls[0]).toMatchObject({
      method: 'POST',
      path: `/pages/${PAGE}/incidents`,
      authorization: `OAuth ${KEY}`,
      body: {
        incident: {
          name: incident.name,
          status: 'investigating',
          body: incident.body,
          impact_override: 'critical',
          components: { spapi: 'major_outage' },
          component_ids: ['spapi'],
          scheduled_for: '2026-12-01T10:00:00.000Z',
          metadata: { tplus: { key: 'status:1:statuspage:create' } },
        },
      },
    });
    expect(await client().findByMarker(PAGE, incident.name, 'status:1:statuspage:create')).toBe(id);
    expect(await client().findByMarker(PAGE, incident.name, 'status:2:statuspage:create')).toBeUndefined();
  });

  it('classifies failures: 429 waits for Retry-After, 5xx and a dropped connection may have acted, 401 and 404 are final', async () => {
    sp.failNext(1, '429');
    expect(await failure(client().create(PAGE, incident, 'k'))).toMatchObject({
      status: 429,
      isRetryable: true,
      isAmbiguous: false,
      retryAfterMs: 1000,
    });
    sp.failNext(1, '5xx');
    expect(await failure(client().create(PAGE, incident, 'k'))).toMatchObject({
      status: 500,
      isRetryable: true,
      isAmbiguous: true,
    });
    sp.failNext(1, 'drop');
    expect(await failure(client().update(PAGE, 'abc', incident))).toMatchObject({
      status: undefined,
      isRetryable: true,
      isAmbiguous: true,
    });
    expect(await failure(client('wrong-key-0123456789').create(PAGE, incident, 'k'))).toMatchObject({
      status: 401,
      isRetryable: false,
    });
    expect(await failure(client().update(PAGE, 'nope', incident))).toMatchObject({ status: 404, isRetryable: false });
    expect(sp.incidents(PAGE)).toEqual([]);
  });
});
