import { incidentRef } from '../../domain/incident.ts';
import type { HomeModel } from '../../usecases/app-home.ts';
import { escapeMrkdwn } from '../escape.ts';
import { ACTION } from '../ids.ts';
import { slackTime } from './incident-summary.ts';

type Block = Record<string, unknown>;
const MAX_ROWS = 15; // App Home holds 100 blocks: a few sections of at most this many rows.

/** "in 25 minutes" / "3 minutes ago" in each reader's own terms, with UTC as fallback text. */
export function relative(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{ago}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

const section = (blockId: string, text: string, accessory?: Block): Block => ({
  type: 'section',
  block_id: blockId,
  text: { type: 'mrkdwn', text },
  ...(accessory ? { accessory } : {}),
});
const header = (blockId: string, text: string): Block => ({
  type: 'header',
  block_id: blockId,
  text: { type: 'plain_text', text },
});
const ackButton = (ticketId: number): Block => ({
  type: 'button',
  action_id: ACTION.acknowledge,
  text: { type: 'plain_text', text: 'Acknowledge' },
  style: 'primary',
  value: String(ticketId),
});

const EXTERNAL =
  'tplus is the support and incident bot of the team you work with here. Open a ticket by mentioning @tplus in your shared channel, or with the *Open a ticket* button pinned there.';

/** The Home tab: sections by role; an external user gets a short explanation and nothing else. */
export function appHome(m: HomeModel): { type: 'home'; blocks: Block[] } {
  if (m.isExternal) return { type: 'home', blocks: [section('external', EXTERNAL)] };
  const blocks: Block[] = [
    section('on-call', `*On call now:* ${m.onCall.map((u) => `<@${u}>`).join(' ') || 'nobody known'}`),
  ];
  const ticketLine = (t: HomeModel['myTickets'][number]) =>
    `*TPL-${t.id}* · ${t.severity} · ${escapeMrkdwn(t.customer)} · ${escapeMrkdwn(t.summary).slice(0, 150)}\nFirst response due ${relative(t.firstResponseDueAt)}`;
  if (m.roles.includes('responder')) {
    blocks.push(header('waiting', `Waiting for acknowledgement (${m.waitingTickets.length})`));
    if (m.waitingTickets.length === 0) blocks.push(section('waiting:none', 'Nothing waiting.'));
    for (const t of m.waitingTickets.slice(0, MAX_ROWS))
      blocks.push(section(`waiting:${t.id}`, ticketLine(t), ackButton(t.id)));
    blocks.push(header('mine', `Acknowledged by you (${m.myTickets.length})`));
    if (m.myTickets.length === 0) blocks.push(section('mine:none', 'None.'));
    for (const t of m.myTickets.slice(0, MAX_ROWS)) blocks.push(section(`mine:${t.id}`, ticketLine(t)));
  }
  if (m.roles.includes('responder') || m.roles.includes('manager')) {
    blocks.push(header('incidents', m.roles.includes('responder') ? 'Open incidents' : 'Open S1 and S2 incidents'));
    if (m.incidents.length === 0) blocks.push(section('incidents:none', 'None.'));
    for (const i of m.incidents.slice(0, MAX_ROWS)) {
      const next = i.nextStep
        ? `Next: ${escapeMrkdwn(i.nextStep.title)} ${relative(i.nextStep.dueAt)} (${slackTime(i.nextStep.dueAt)})`
        : 'No step pending';
      const who = i.acknowledgedBy ? `acknowledged by <@${i.acknowledgedBy}>` : 'not acknowledged';
      blocks.push(
        section(
          `incident:${i.id}`,
          `*${incidentRef(i.id)}* · ${i.severity}${i.customer ? ` · ${escapeMrkdwn(i.customer)}` : ''} · ${escapeMrkdwn(i.title).slice(0, 150)}\n${who}${i.commanderId ? ` · commander <@${i.commanderId}>` : ''}\n${next}`,
        ),
      );
    }
  }
  if (m.roles.includes('success')) {
    blocks.push(header('follow-ups', 'Follow-ups owed to your customers'));
    if (m.followUps.length === 0) blocks.push(section('follow-ups:none', 'None.'));
    for (const f of m.followUps.slice(0, MAX_ROWS))
      blocks.push(
        section(
          `follow-up:${f.incidentId}:${f.kind}`,
          `*${f.kind === 'rca' ? 'RCA' : f.kind === 'executive-summary' ? 'Executive summary' : 'Timeline'}* · ${escapeMrkdwn(f.customer)} · ${incidentRef(f.incidentId)} · due ${relative(f.dueAt)} (${slackTime(f.dueAt)})`,
        ),
      );
  }
  if (m.roles.length === 0) blocks.push(section('no-role', 'You have no tplus role: nothing is assigned to you.'));
  return { type: 'home', blocks };
}
