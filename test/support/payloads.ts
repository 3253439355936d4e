import {
  buildAppMention,
  buildBlockActions,
  buildChannelMessage,
  buildEventCallback,
  buildViewSubmission,
} from '../../src/sandbox/driver/index.ts';
import { BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids } from './harness.ts';

let seq = 0;
/** A Slack-like, increasing message ts. */
export function nextTs(): string {
  seq += 1;
  return `1764000000.${String(seq).padStart(6, '0')}`;
}

export function mentionEvent({
  channel = ids.acme.channel,
  user = ids.acme.user,
  userTeam = ids.acme.team,
  text,
  ts = nextTs(),
  threadTs,
  eventId,
}: {
  channel?: string;
  user?: string;
  userTeam?: string;
  text: string;
  ts?: string;
  threadTs?: string;
  eventId?: string;
}) {
  return buildEventCallback({
    teamId: ids.ourTeam,
    eventId,
    event: buildAppMention({ channel, user, userTeam, text: `<@${ids.bot}> ${text}`, ts, threadTs }),
  });
}

export function messageEvent({
  channel = ids.acme.channel,
  user = ids.acme.user,
  userTeam = ids.acme.team,
  text,
  ts = nextTs(),
  threadTs,
  eventId,
}: {
  channel?: string;
  user?: string;
  userTeam?: string;
  text: string;
  ts?: string;
  threadTs?: string;
  eventId?: string;
}) {
  return buildEventCallback({
    teamId: ids.ourTeam,
    eventId,
    event: buildChannelMessage({ channel, user, userTeam, text, ts, threadTs }),
  });
}

export function buttonPress({
  actionId,
  value,
  user = ids.responder,
  userTeam = ids.ourTeam,
  channel = ids.triage,
}: {
  actionId: string;
  value: string;
  user?: string;
  userTeam?: string;
  channel?: string;
}) {
  return buildBlockActions({
    teamId: userTeam,
    user: { id: user, teamId: userTeam },
    channel,
    actionId,
    value,
    triggerId: `trig-${nextTs()}`,
  });
}

export function modalSubmission({
  callbackId,
  values,
  privateMetadata,
  user = ids.acme.user,
  userTeam = ids.acme.team,
}: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata: string;
  user?: string;
  userTeam?: string;
}) {
  return buildViewSubmission({
    teamId: userTeam,
    user: { id: user, teamId: userTeam },
    callbackId,
    values,
    privateMetadata,
    viewId: `V${nextTs().replace('.', '')}`,
  });
}

/** A responder's Resolve modal for a ticket's incident: the summary, and no upstream cause. */
export function resolveSubmission(ticketId: number, summary: string) {
  return modalSubmission({
    callbackId: VIEW.resolveModal,
    privateMetadata: JSON.stringify({ ticketId }),
    user: ids.responder,
    userTeam: ids.ourTeam,
    values: {
      [BLOCK.resolutionSummary]: { [BLOCK.resolutionSummary]: { type: 'plain_text_input', value: summary } },
      [BLOCK.upstream]: { [BLOCK.upstream]: { type: 'static_select', selected_option: { value: 'no' } } },
    },
  });
}
