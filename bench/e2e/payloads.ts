// Part `payloads` of the end-to-end bench: ticket bodies of PAYLOAD_CHARS characters with file
// metadata, at PAYLOAD_PER_MINUTE tickets/min for PAYLOAD_SECONDS each.
import { endToEnd } from '../support/end-to-end.ts';
import { mention } from '../support/slack-requests.ts';
import { load, tidy } from './measure.ts';
import { DRAIN_MS, PAYLOAD_CHARS, PAYLOAD_PER_MINUTE, PAYLOAD_SECONDS } from './settings.ts';
import type { PartContext } from './tplus.ts';

/**
 * An `app_mention` whose text is exactly `chars` characters, with two files attached as Slack sends
 * them from an external (Slack Connect) member: `file_access: check_file_info`, the rest to be
 * fetched with files.info (shape of Slack's message_file_share_slack_connect event).
 */
function sizedMention(seq: number, chars: number) {
  const base = mention(seq);
  const head = `<@U0TPLUSBOT> exports fail with a 500 for all users (${seq}). `;
  const filler = 'The export job stops at the same step each time and the log below repeats. ';
  const text = (head + filler.repeat(Math.ceil(chars / filler.length))).slice(0, chars);
  const files = [1, 2].map((n) => ({
    id: `F${String(seq).padStart(8, '0')}${n}`,
    mode: 'file_access',
    file_access: 'check_file_info',
    created: 0,
    timestamp: 0,
    user: '',
  }));
  return { ...base, event: { ...base.event, text, files, upload: true } };
}

export async function payloadsPart({ slack, fresh, done }: PartContext) {
  const payloads = [];
  for (const chars of PAYLOAD_CHARS) {
    const t = await fresh(`payload-${chars}`);
    const at = load();
    const r = await endToEnd(t.url, t.dbPath, slack, PAYLOAD_PER_MINUTE, PAYLOAD_SECONDS, {
      payload: (seq) => sizedMention(seq, chars),
      drainMs: DRAIN_MS,
    });
    await done(t);
    payloads.push({ textChars: chars, files: 2, ...tidy(r), load: at });
    console.log(
      `payload ${chars} chars (${r.payloadBytes} bytes): ack p50 ${r.ackMs.p50} p99 ${r.ackMs.p99} ms; card p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} ms; ${r.cards}/${r.sent}, lost ${r.lost}`,
    );
  }
  return payloads;
}
