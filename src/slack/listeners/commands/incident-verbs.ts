import { incidentRef, type Incident } from '../../../domain/incident.ts';
import { formatOffset } from '../../../domain/runbook/index.ts';
import { classifyTicket } from '../../../domain/severity/index.ts';
import { isSeverity } from '../../../domain/types.ts';
import { declareIncident } from '../../../usecases/declare-incident.ts';
import { escapeMrkdwn } from '../../escape.ts';
import type { ListenerDeps } from '../deps.ts';

const MAX_TIMELINE_LINES = 60;

/** `/tplus incident [S1–S4] <what is happening>`: declares an incident; the severity is classified when not given. */
export async function declareFromCommand(
  deps: ListenerDeps,
  { words, userId, inboxId }: { words: string[]; userId: string; inboxId: number },
): Promise<string> {
  const [first, ...rest] = words;
  const severity = isSeverity(first?.toUpperCase()) ? (first!.toUpperCase() as Incident['severity']) : undefined;
  const title = (severity ? rest : words).join(' ').trim();
  if (title.length < 5)
    return 'Say what is happening: `/tplus incident S1 checkout fails for every customer`. No incident was declared.';
  const chosen = severity ?? classifyTicket({ text: title, model: deps.policy.severityModel }).severity;
  const lower = title.toLowerCase();
  const components = deps.components
    .filter((c) => lower.includes(c.id.toLowerCase()) || lower.includes(c.name.toLowerCase()))
    .map((c) => c.id);
  const incident = await declareIncident({
    incidents: deps.incidents,
    policy: deps.incidentPolicy,
    clock: deps.clock,
    severity: chosen,
    title,
    components,
    declaredBy: userId,
    inboxId,
  });
  if (!incident) return 'This command was already handled.';
  deps.onCommitted();
  return `Declared ${incidentRef(incident.id)} as ${chosen}${severity ? '' : ' (classified from your text)'}; its runbook starts now and its card is in triage.`;
}

/** `/tplus timeline INC-7` or `TPL-7`: every step, page, ack, status change and message, with actor and time. */
export async function timelineFromCommand(deps: ListenerDeps, ref: string | undefined): Promise<string> {
  const match = /^(INC|TPL)-(\d+)$/i.exec(ref ?? '');
  if (!match) return 'Name an incident or ticket: `/tplus timeline INC-7` or `/tplus timeline TPL-12`.';
  const id = Number(match[2]);
  const incident = match[1]!.toUpperCase() === 'INC' ? await deps.incidents.get(id) : await deps.incidents.byTicket(id);
  if (!incident) return `${ref} has no incident (yet).`;
  const events = await deps.incidents.timeline(incident.id);
  const lines = events.slice(-MAX_TIMELINE_LINES).map((e) => {
    const actor = /^[UW][A-Z0-9]+$/.test(e.actor) ? `<@${e.actor}>` : escapeMrkdwn(e.actor);
    return `\`${formatOffset(incident.startedAt, e.at)}\` ${e.at.toISOString().slice(11, 16)} UTC · ${actor} · ${escapeMrkdwn(e.text)}`;
  });
  const skipped = events.length - lines.length;
  return [
    `*${incidentRef(incident.id)} · ${incident.severity} · ${escapeMrkdwn(incident.title)}*`,
    ...(skipped > 0 ? [`_${skipped} earlier entries not shown_`] : []),
    ...lines,
  ].join('\n');
}
