import { setIncidentRole, type IncidentRole } from '../../../usecases/set-incident-role.ts';
import type { CommandCall } from './ticket-verbs.ts';

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const REF = /^(INC|TPL)-(\d+)$/i;
const NOTHING = 'Nothing changed.';

/**
 * `/tplus lead [INC-7] @someone` and `/tplus role comms [INC-7] @someone`: in the incident channel
 * the incident is that channel's; elsewhere it is named. Only a person of our own organisation
 * (Slack Connect members and bots are refused) can hold a role.
 */
export async function roleFromCommand(call: CommandCall, role: IncidentRole, words: string[]): Promise<void> {
  const { deps, say } = call;
  const usage = role === 'commander' ? '`/tplus lead @someone`' : '`/tplus role comms @someone`';
  const refWord = words.find((w) => REF.test(w));
  const mention = words.find((w) => MENTION.test(w));
  if (!mention)
    return say(
      `Name the person with an @-mention: ${usage} in the incident channel, or with INC-7 after the verb. ${NOTHING}`,
    );
  const match = REF.exec(refWord ?? '');
  const incident = match
    ? match[1]!.toUpperCase() === 'INC'
      ? await deps.incidents.get(Number(match[2]))
      : await deps.incidents.byTicket(Number(match[2]))
    : await deps.incidents.byChannel(call.channelId);
  if (!incident)
    return say(
      match
        ? `${refWord} has no incident. ${NOTHING}`
        : `This is not an incident channel: run ${usage} there, or name the incident (INC-7). ${NOTHING}`,
    );
  const userId = MENTION.exec(mention)![1]!;
  const found = await call.client.users.info({ user: userId }).catch(() => undefined);
  const user = found?.user;
  if (!user) return say(`I cannot find that person in Slack. ${NOTHING}`);
  if (user.is_bot || user.deleted) return say(`A role needs a person, not a bot or a deactivated account. ${NOTHING}`);
  if (user.team_id !== deps.directory.ourTeamId)
    return say(
      `That person is not in your organisation (a Slack Connect member): only your own people can hold an incident role. ${NOTHING}`,
    );
  return say(
    await setIncidentRole({
      incidents: deps.incidents,
      clock: deps.clock,
      incident,
      role,
      userId,
      actorId: call.userId,
      causeInboxId: call.inbox.inboxId,
    }),
  ).then(() => deps.onCommitted());
}

const ROLES: Record<string, IncidentRole> = { comms: 'comms', commander: 'commander', lead: 'commander' };

/** `/tplus role <comms|commander> …`. */
export async function namedRoleFromCommand(call: CommandCall): Promise<void> {
  const [name, ...rest] = call.words;
  const role = ROLES[(name ?? '').toLowerCase()];
  if (!role)
    return call.say(`Say which role: \`/tplus role comms @someone\` or \`/tplus role commander @someone\`. ${NOTHING}`);
  return roleFromCommand(call, role, rest);
}
