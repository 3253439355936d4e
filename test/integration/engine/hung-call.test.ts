import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ids, startHarness, ticketCardsIn, type Harness } from '../../support/harness.ts';
import { mentionEvent } from '../../support/payloads.ts';

describe('while one Slack call gets no answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it("other tickets' posts still go out; the stuck one takes effect once when its call returns", async () => {
    h.emulator.failNext(1, 'hang');
    const first = mentionEvent({ text: 'The invoice PDF shows last month’s date in its footer' });
    await h.send('event', first);
    await h.emulator.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.httpStatus === 0));

    // Tickets filed while that call hangs are claimed and posted meanwhile: the stuck call holds
    // up its own lane, not the dispatcher (its client would wait up to 10 s for an answer).
    const later = [1, 2, 3].map((n) => mentionEvent({ text: `Search is slow for our team (report ${n})` }));
    for (const event of later) await h.send('event', event);
    const threadOf = (event: ReturnType<typeof mentionEvent>) =>
      h.emulator.messagesIn(ids.acme.channel, { threadTs: (event.event as { ts: string }).ts });
    await eventually(() => later.every((e) => threadOf(e).length === 1) || undefined, { timeoutMs: 3000 });
    expect(h.emulator.calls.filter((c) => c.httpStatus === 0)).toHaveLength(1);

    h.emulator.releaseHung();
    await eventually(() => ticketCardsIn(h.emulator, ids.triage).length === 4 || undefined, { timeoutMs: 5000 });
    await h.settle();
    for (const event of [first, ...later]) expect(threadOf(event)).toHaveLength(1);
    expect(ticketCardsIn(h.emulator, ids.triage)).toHaveLength(4);
  });
});
