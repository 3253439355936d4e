import type { Tier } from './types.ts';

export interface Customer {
  id: string;
  name: string;
  tier: Tier;
  calendarId: string;
  successOwner: string;
  teamIds: string[];
  channels: string[];
  supportChannels: string[];
  components: string[];
}

/** Who is acting, decided by Slack team id only (never by names). */
export type ActorKind = 'internal' | 'customer' | 'stranger';

export type IntakeIdentity =
  | { ok: true; customer: Customer; actor: 'internal' | 'customer' }
  | { ok: false; reason: 'unknown-channel' | 'stranger'; customer?: Customer };

export interface CustomerDirectory {
  ourTeamId: string;
  byChannel(channelId: string): Customer | undefined;
  byId(customerId: string): Customer | undefined;
  all(): Customer[];
}

export function createCustomerDirectory(ourTeamId: string, customers: Customer[]): CustomerDirectory {
  const byChannel = new Map<string, Customer>();
  for (const customer of customers) for (const channel of customer.channels) byChannel.set(channel, customer);
  const byId = new Map(customers.map((c) => [c.id, c]));
  return {
    ourTeamId,
    byChannel: (channelId) => byChannel.get(channelId),
    byId: (customerId) => byId.get(customerId),
    all: () => [...customers],
  };
}

export function actorKind(
  directory: CustomerDirectory,
  customer: Customer | undefined,
  actorTeamId: string | undefined,
): ActorKind {
  if (actorTeamId === directory.ourTeamId) return 'internal';
  if (customer && actorTeamId !== undefined && customer.teamIds.includes(actorTeamId)) return 'customer';
  return 'stranger';
}

/**
 * A ticket is accepted from a configured customer's channel, by a member of that customer's
 * organisation or of ours. A third organisation in the same shared channel is refused.
 */
export function identifyIntake(
  directory: CustomerDirectory,
  channelId: string,
  actorTeamId: string | undefined,
): IntakeIdentity {
  const customer = directory.byChannel(channelId);
  if (!customer) return { ok: false, reason: 'unknown-channel' };
  const actor = actorKind(directory, customer, actorTeamId);
  if (actor === 'stranger') return { ok: false, reason: 'stranger', customer };
  return { ok: true, customer, actor };
}

/** Responders are named users of our own organisation; an external user never is one. */
export function isResponder(
  responderIds: ReadonlySet<string>,
  ourTeamId: string,
  user: { id: string; teamId: string | undefined },
): boolean {
  return user.teamId === ourTeamId && responderIds.has(user.id);
}
