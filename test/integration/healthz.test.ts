import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';

describe('GET /healthz names the replica and its database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ extraEnv: { TPLUS_REPLICA_ID: 'tplus-b' } });
    await h.tplus.engine.tick();
  });
  afterAll(async () => h.close());

  it('answers 200 with the configured replica id and the database kind, reachable', async () => {
    const response = await fetch(h.url.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      replica: 'tplus-b',
      database: { kind: 'sqlite', isReachable: true },
    });
  });

  it('labels every /metrics series with the replica id', async () => {
    const text = await (await fetch(h.url.replace('/slack/events', '/metrics'))).text();
    const samples = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(samples.length).toBeGreaterThan(5);
    for (const line of samples) expect(line).toContain('replica="tplus-b"');
  });
});
