import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PagerDutyDeliveryError } from '../../../src/pagerduty/errors.ts';
import { createPagerDutyEvents, type PagerEvent } from '../../../src/pagerduty/events-client.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../../src/sandbox/pagerduty-emulator/index.ts';

const routingKey = 'R0UT1NGKEY0000000000000000000001';

function trigger(
  dedupKey: string,
  summary = 'S1: exports failing for Acme',
): Extract<PagerEvent, { action: 'trigger' }> {
  return { action: 'trigger', dedupKey, summary, source: 'tplus', severity: 'critical', customDetails: { ticket: 42 } };
}

async function deliveryError(promise: Promise<unknown>): Promise<PagerDutyDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PagerDutyDeliveryError);
  return error as PagerDutyDeliveryError;
}

describe('createPagerDutyEvents against the emulator', () => {
  let pd: PagerDutyEmulator;
  beforeAll(async () => {
    pd = await startPagerDutyEmulator({ routingKey, apiToken: 'unused', onCalls: [] });
  });
  beforeEach(() => pd.reset());
  afterAll(async () => pd.close());

  it('delivers trigger, acknowledge and resolve under one dedup key and the alert ends resolved', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    const sent = await events.send({
      ...trigger('tplus-ticket-1'),
      component: 'exports',
      links: [{ href: 'https://tplus.example/t/1', text: 'Ticket' }],
    });
    expect(sent).toEqual({ dedupKey: 'tplus-ticket-1', status: 'success' });
    await events.send({ action: 'acknowledge', dedupKey: 'tplus-ticket-1' });
    expect(pd.alerts().get('tplus-ticket-1')?.status).toBe('acknowledged');
    await events.send({ action: 'resolve', dedupKey: 'tplus-ticket-1' });

    expect(pd.events.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', 'tplus-ticket-1'],
      ['acknowledge', 'tplus-ticket-1'],
      ['resolve', 'tplus-ticket-1'],
    ]);
    expect(pd.events[0]).toMatchObject({
      routing_key: routingKey,
      payload: {
        summary: 'S1: exports failing for Acme',
        source: 'tplus',
        severity: 'critical',
        component: 'exports',
        custom_details: { ticket: 42 },
      },
      links: [{ href: 'https://tplus.example/t/1', text: 'Ticket' }],
    });
    expect(pd.alerts().get('tplus-ticket-1')).toMatchObject({ status: 'resolved', triggers: 1 });
  });

  it('folds a second trigger with the same dedup key into the one open alert', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    await events.send(trigger('tplus-ticket-2'));
    await events.send(trigger('tplus-ticket-2', 'S1: exports failing (retry)'));
    expect([...pd.alerts().keys()]).toEqual(['tplus-ticket-2']);
    expect(pd.alerts().get('tplus-ticket-2')).toMatchObject({ triggers: 2, summary: 'S1: exports failing for Acme' });
  });

  it('opens a new incident when the same key is triggered after a resolve', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    await events.send(trigger('tplus-ticket-3'));
    const first = pd.alerts().get('tplus-ticket-3')?.incidentId;
    await events.send({ action: 'resolve', dedupKey: 'tplus-ticket-3' });
    await events.send(trigger('tplus-ticket-3'));
    expect(pd.alerts().get('tplus-ticket-3')).toMatchObject({ status: 'triggered', triggers: 1 });
    expect(pd.alerts().get('tplus-ticket-3')?.incidentId).not.toBe(first);
  });

  it('cuts a summary longer than 1024 characters so PagerDuty accepts it', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    await events.send(trigger('tplus-ticket-4', 'x'.repeat(3000)));
    const summary = pd.alerts().get('tplus-ticket-4')?.summary ?? '';
    expect(summary).toHaveLength(1024);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('reports a 429 as retryable and not ambiguous, with Retry-After in milliseconds, and nothing is ingested', async () => {
    pd.failAll({ mode: '429', retryAfterSeconds: 7 });
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    const error = await deliveryError(events.send(trigger('tplus-ticket-5')));
    expect(error).toMatchObject({ status: 429, isRetryable: true, isAmbiguous: false, retryAfterMs: 7000 });
    expect(pd.events).toHaveLength(0);
    expect(pd.calls.map((c) => c.httpStatus)).toEqual([429]);
  });

  it('reports a 5xx as retryable and ambiguous, and the retry lands as one alert', async () => {
    pd.failNext(1, '5xx');
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    const error = await deliveryError(events.send(trigger('tplus-ticket-6')));
    expect(error).toMatchObject({ status: 500, isRetryable: true, isAmbiguous: true });
    await events.send(trigger('tplus-ticket-6'));
    expect(pd.alerts().get('tplus-ticket-6')).toMatchObject({ triggers: 1, status: 'triggered' });
  });

  it('reports a dropped connection as retryable and ambiguous with no HTTP status', async () => {
    pd.failNext(1, 'drop');
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    const error = await deliveryError(events.send(trigger('tplus-ticket-7')));
    expect(error).toMatchObject({ isRetryable: true, isAmbiguous: true });
    expect(error.status).toBeUndefined();
  });

  it('reports a wrong routing key as not retryable, quoting PagerDuty’s reason', async () => {
    const events = createPagerDutyEvents({ routingKey: 'R0UT1NGKEY0000000000000000000BAD', eventsUrl: pd.eventsUrl });
    const error = await deliveryError(events.send(trigger('tplus-ticket-8')));
    expect(error).toMatchObject({ status: 400, isRetryable: false, isAmbiguous: false });
    expect(error.message).toContain('routing_key');
    expect(pd.alerts().size).toBe(0);
  });

  it('refuses an over-long dedup key without calling PagerDuty', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    const error = await deliveryError(events.send(trigger('k'.repeat(256))));
    expect(error.isRetryable).toBe(false);
    expect(pd.calls).toHaveLength(0);
  });

  it('accepts an acknowledge for a key PagerDuty never saw, as the real API does', async () => {
    const events = createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl });
    await expect(events.send({ action: 'acknowledge', dedupKey: 'never-triggered' })).resolves.toEqual({
      dedupKey: 'never-triggered',
      status: 'success',
    });
    expect(pd.alerts().size).toBe(0);
  });

  it('reports no answer within timeoutMs as retryable and ambiguous', async () => {
    // A server that reads the request and never answers: PagerDuty may have ingested it.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const eventsUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const events = createPagerDutyEvents({ routingKey, eventsUrl, timeoutMs: 200 });
      const error = await deliveryError(events.send(trigger('tplus-ticket-9')));
      expect(error).toMatchObject({ isRetryable: true, isAmbiguous: true });
      expect(error.message).toContain('200 ms');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
