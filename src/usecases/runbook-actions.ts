import { pagerDutyDedupKey } from '../domain/incident.ts';
import { formatOffset, incidentChannelName, isConditionMet } from '../domain/runbook/index.ts';
import type { IncidentEventNote, StepDecision } from './incident-ports.ts';
import { escalateStep } from './escalate-step.ts';
import { summaryEffects } from './incident-summary.ts';
import { namedUpstream } from './incident-policy.ts';
import type { OutboxEffect } from './ports.ts';
import { investigatingUpdate } from './incident-status.ts';
import {
  affectedCustomers,
  channelKey,
  stepWords,
  incidentRoom,
  mentions,
  STATE_BY_SEVERITY,
  text,
  type StepContext,
} from './runbook-step-context.ts';

export { channelKey, STATE_BY_SEVERITY, type StepContext } from './runbook-step-context.ts';

function effectsFor(
  c: StepContext,
): { effects: OutboxEffect[]; notes: IncidentEventNote[] } & Pick<
  StepDecision['consequences'],
  'statusChanges' | 'statusUpdate'
> {
  const { incident, step, policy, onCall } = c;
  const { ref, key, age, fill, customer, who } = stepWords(c);
  const rosterNote =
    onCall.source === 'roster'
      ? ` _(PagerDuty unreachable: on-call taken from the config roster${onCall.note ? `; ${onCall.note}` : ''})_`
      : '';
  switch (step.action) {
    case 'page-oncall':
    case 'repage-oncall': {
      const isRepage = step.action === 'repage-oncall';
      const severity = `${incident.severity}${incident.plan.isPossibleS1 ? ' · possible S1: confirm' : ''}`;
      const summary = `${isRepage ? '[re-page] ' : ''}[${severity}] ${ref}${who}: ${incident.title}`;
      const effects: OutboxEffect[] = [
        {
          kind: 'pagerduty.event',
          key: key('pagerduty'),
          event: {
            action: 'trigger',
            dedupKey: pagerDutyDedupKey(incident.id),
            summary,
            source: 'tplus',
            severity: incident.plan.pageSeverity,
            customDetails: {
              incident: ref,
              customer: customer?.name ?? null,
              ticket: incident.ticketId,
              startedAt: incident.startedAt.toISOString(),
              ...(incident.plan.isPossibleS1 ? { possibleS1: true } : {}),
            },
          },
        },
        text(
          key('triage'),
          policy.triageChannelId,
          isRepage
            ? `:rotating_light: *${ref} is still not acknowledged at ${age}.* Re-paging on-call: ${mentions(onCall.slackUserIds)}${rosterNote}`
            : `:pager: Paging on-call for *${ref}* (${severity}${who}): {title}\nOn call: ${mentions(onCall.slackUserIds)}${rosterNote}`,
          incident,
        ),
      ];
      if (isRepage)
        for (const user of onCall.slackUserIds)
          effects.push(
            text(
              key(`dm-${user}`),
              user,
              `:rotating_light: *${ref}* (${incident.severity}) is not acknowledged at ${age}: {title}. Acknowledge it in PagerDuty or in <#${policy.triageChannelId}>.`,
              incident,
            ),
          );
      return {
        effects,
        notes: [
          {
            kind: isRepage ? 'repage' : 'page',
            actor: 'tplus',
            text: `${isRepage ? 'Re-paged' : 'Paged'} on-call through PagerDuty: ${onCall.slackUserIds.join(', ') || 'nobody known'}${onCall.source === 'roster' ? ' (config roster: PagerDuty unreachable)' : ''}`,
            detail: { onCall: onCall.slackUserIds, source: onCall.source },
          },
        ],
      };
    }
    case 'notify-triage':
      return {
        effects: [
          text(
            key('triage'),
            policy.triageChannelId,
            `:hourglass: ${fill(step.message) || `${ref}: ${step.title}`}`,
            incident,
          ),
        ],
        notes: [{ kind: 'notice', actor: 'tplus', text: fill(step.message) || step.title }],
      };
    case 'open-incident-channel': {
      const name = incidentChannelName(incident.id, incident.title);
      const invite = [...new Set([...policy.responderIds, ...onCall.slackUserIds])];
      return {
        effects: [
          { kind: 'slack.create-channel', key: channelKey(incident.id), name, invite, incidentId: incident.id },
          ...summaryEffects(incident.id, { key: channelKey(incident.id) }),
          text(
            key('context'),
            '',
            `:fire: *${ref}* · ${incident.severity}${who} · started ${age === 'T+0' ? 'now' : `${age.replace('T+', '')} min ago`}\n*What was reported:* {title}\n*On call:* ${mentions(onCall.slackUserIds)}\n*Components:* ${incident.components.map(policy.componentName).join(', ') || 'not known yet'}${c.ticket ? `\n*Ticket:* TPL-${c.ticket.id} in <#${c.ticket.channelId}>` : ''}`,
            incident,
            { channelOf: { key: channelKey(incident.id) } },
          ),
        ],
        notes: [
          {
            kind: 'channel',
            actor: 'tplus',
            text: `Incident channel #${name} requested, inviting ${invite.length} people`,
            detail: { name, invite },
          },
        ],
      };
    }
    case 'set-status': {
      const state = STATE_BY_SEVERITY[incident.severity];
      const impacts = incident.components.map((componentId) => ({ componentId, state }));
      const names = incident.components.map(policy.componentName).join(', ') || 'no component named yet';
      // The provider is looked up in the report only to name it publicly; the report's words never are.
      const upstream = namedUpstream(policy, `${incident.title} ${c.ticket?.description ?? ''}`);
      return {
        effects: [
          text(
            key('status'),
            incidentRoom(c).channel,
            `:large_orange_circle: Status page: *Investigating* — ${names}${incident.components.length > 0 ? ` set to ${state.replace(/_/g, ' ')}` : ''}.`,
            incident,
            incidentRoom(c),
          ),
        ],
        notes: [
          {
            kind: 'status',
            actor: 'tplus',
            text: `Status page set to "${step.status ?? 'investigating'}" for ${names}`,
            detail: { status: step.status, components: incident.components, state },
          },
        ],
        ...(policy.status
          ? { statusUpdate: investigatingUpdate(policy.status, incident, impacts, upstream?.name) }
          : { statusChanges: impacts.map((i) => ({ ...i, source: 'runbook' })) }),
      };
    }
    case 'request-scope': {
      const upstream = namedUpstream(policy, `${incident.title} ${c.ticket?.description ?? ''}`);
      const room = incidentRoom(c);
      const effects: OutboxEffect[] = [
        text(
          key('ask'),
          room.channel,
          `:mag: ${mentions(onCall.slackUserIds)} please post the initial scope assessment for *${ref}*: who is affected, which components, and whether an upstream provider is involved.${upstream ? `\n:link: The report names *${upstream.name}*: status at ${upstream.statusUrl}` : ''}`,
          incident,
          room,
        ),
      ];
      for (const cu of affectedCustomers(c)) {
        const isReporter = c.ticket !== undefined && cu.id === c.ticket.customerId && c.ticket.threadTs !== null;
        const channel = isReporter ? c.ticket!.channelId : cu.channels[0];
        if (!channel) continue;
        effects.push(
          text(
            key(`customer-${cu.id}`),
            channel,
            `We are investigating ${isReporter ? 'the issue you reported' : 'an incident that may affect your service'} (${ref}). Our engineers are assessing its scope now${upstream ? `; it appears related to an issue at ${upstream.name} (${upstream.statusUrl})` : ''}. We will update you here.`,
            incident,
            isReporter ? { threadTs: c.ticket!.threadTs! } : {},
          ),
        );
      }
      return {
        effects,
        notes: [
          {
            kind: 'scope',
            actor: 'tplus',
            text: `Scope assessment requested${upstream ? `; upstream ${upstream.name} referenced` : ''}; ${effects.length - 1} customer channel(s) told`,
            detail: { upstream: upstream?.name ?? null },
          },
        ],
      };
    }
    case 'escalate':
      return escalateStep(c);
  }
}

/**
 * Runs one due step against the incident as it is now: the step's condition is checked at fire
 * time (an acknowledged incident is not re-paged), and what it does is returned as effects and
 * timeline lines, written in the same transaction as the claim.
 */
export function decideStep(c: StepContext): StepDecision {
  const offset = formatOffset(c.incident.startedAt, c.now);
  const lateMs = c.now.getTime() - c.dueAt.getTime();
  const late = lateMs > c.policy.lateAfterMs ? ` (late by ${Math.round(lateMs / 1000)} s)` : '';
  if (!isConditionMet(c.step.when, c.incident)) {
    return {
      state: 'skipped',
      outcome: `condition "${c.step.when}" no longer holds`,
      consequences: {
        events: [
          {
            kind: 'step-skipped',
            actor: 'tplus',
            text: `${offset} ${c.step.title}: skipped, ${c.step.when} no longer holds`,
            detail: { stepId: c.step.id },
          },
        ],
      },
    };
  }
  const { effects, notes, statusChanges, statusUpdate } = effectsFor(c);
  const stepNote: IncidentEventNote = {
    kind: 'step',
    actor: 'tplus',
    text: `${offset} ${c.step.title}${late}`,
    detail: { stepId: c.step.id, dueAt: c.dueAt.toISOString(), lateMs },
  };
  return {
    state: 'done',
    outcome: `fired${late}`,
    consequences: {
      events: [stepNote, ...notes],
      effects,
      ...(statusChanges ? { statusChanges } : {}),
      ...(statusUpdate ? { statusUpdate } : {}),
    },
  };
}
