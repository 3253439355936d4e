import type { CustomerDirectory } from '../domain/customer-directory.ts';
import type { Severity } from '../domain/types.ts';

/** What every App Home is built from, read once per publish (at delivery: the state then). */
export interface HomeData {
  tickets: {
    id: number;
    customerId: string;
    severity: Severity;
    status: string;
    summary: string;
    firstResponseDueAt: Date;
    firstResponseBy: string | null;
  }[];
  incidents: {
    id: number;
    severity: Severity;
    title: string;
    customerId: string | null;
    acknowledgedBy: string | null;
    commanderId: string | null;
    nextStep: { title: string; dueAt: Date } | undefined;
  }[];
  followUps: { incidentId: number; kind: string; customerId: string; dueAt: Date }[];
}

export interface HomeStore {
  read(): Promise<HomeData>;
  /** Users whose Home tplus has published before (they opened it): kept current after changes. */
  viewers(): Promise<string[]>;
  /**
   * Asks for a publish of `userId`'s Home through the outbox, unless one is already waiting that
   * has not been tried yet (it will render the state at its delivery, so a burst publishes once).
   */
  request(userId: string, at: Date): Promise<boolean>;
  /** Changes when anything a Home shows may have changed (one query). */
  stamp(): Promise<string>;
}

export type HomeRole = 'responder' | 'manager' | 'success';

export interface HomeModel {
  userId: string;
  isExternal: boolean;
  roles: HomeRole[];
  now: Date;
  onCall: string[];
  myTickets: (HomeData['tickets'][number] & { customer: string })[];
  waitingTickets: (HomeData['tickets'][number] & { customer: string })[];
  incidents: (HomeData['incidents'][number] & { customer: string | null })[];
  followUps: (HomeData['followUps'][number] & { customer: string })[];
}

/** Who sees what: pure, from the data, the user's roles and the time. */
export function homeModel({
  userId,
  isExternal,
  roles,
  data,
  directory,
  onCall,
  now,
}: {
  userId: string;
  isExternal: boolean;
  roles: HomeRole[];
  data: HomeData;
  directory: CustomerDirectory;
  onCall: string[];
  now: Date;
}): HomeModel {
  const name = (id: string | null) => (id ? (directory.byId(id)?.name ?? id) : null);
  const byDue = <T extends { firstResponseDueAt: Date }>(a: T, b: T) =>
    a.firstResponseDueAt.getTime() - b.firstResponseDueAt.getTime();
  const open = data.tickets
    .filter((t) => t.status !== 'resolved')
    .map((t) => ({ ...t, customer: name(t.customerId)! }));
  const isResponder = roles.includes('responder');
  const isManager = roles.includes('manager');
  const mine = new Set(
    directory
      .all()
      .filter((c) => c.successOwner === userId)
      .map((c) => c.id),
  );
  return {
    userId,
    isExternal,
    roles: isExternal ? [] : roles,
    now,
    onCall: isExternal ? [] : onCall,
    myTickets: isExternal || !isResponder ? [] : open.filter((t) => t.firstResponseBy === userId).sort(byDue),
    waitingTickets: isExternal || !isResponder ? [] : open.filter((t) => t.status === 'open').sort(byDue),
    incidents: isExternal
      ? []
      : data.incidents
          .filter((i) => isResponder || (isManager && (i.severity === 'S1' || i.severity === 'S2')))
          .map((i) => ({ ...i, customer: name(i.customerId) })),
    followUps: isExternal
      ? []
      : data.followUps
          .filter((f) => mine.has(f.customerId) && ['timeline', 'executive-summary', 'rca'].includes(f.kind))
          .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
          .map((f) => ({ ...f, customer: name(f.customerId)! })),
  };
}
