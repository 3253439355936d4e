import type { ComponentState } from '../domain/uptime/index.ts';
import type { OutboxEffect } from './ports.ts';

/** The public states of a status incident, and of a scheduled maintenance (Statuspage's names). */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export type PublicStatus = IncidentStatus | MaintenanceStatus;
export type StatusImpact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export interface ComponentImpact {
  componentId: string;
  state: ComponentState;
}

export interface StatusUpdateRecord {
  id: number;
  publicId: string;
  status: PublicStatus;
  /** Public text only: written for the internet, never an internal title, Slack id or link. */
  body: string;
  components: ComponentImpact[];
  /** Internal (who published); never served publicly. */
  actor: string;
  createdAt: Date;
  displayAt: Date;
}

export interface StatusIncidentRecord {
  id: number;
  publicId: string;
  kind: 'incident' | 'maintenance';
  /** Internal link to the tplus incident; never served publicly. */
  incidentId: number | null;
  name: string;
  impact: StatusImpact;
  status: PublicStatus;
  upstreamProvider: string | null;
  components: ComponentImpact[];
  createdAt: Date;
  updatedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  announcedAt: Date | null;
  isForced: boolean;
  /** Newest first, as Statuspage lists them. */
  updates: StatusUpdateRecord[];
}

/** A new status incident or maintenance, created by its first update. */
export interface NewStatusIncident {
  kind: 'incident' | 'maintenance';
  incidentId?: number;
  name: string;
  impact: StatusImpact;
  upstreamProvider?: string;
  scheduledFor?: Date;
  scheduledUntil?: Date;
  isForced?: boolean;
}

export interface StatusPublication {
  /** An existing status incident to update, or a new one to open with this update. */
  target: { statusIncidentId: number } | { create: NewStatusIncident };
  status: PublicStatus;
  body: string;
  /** Components and the state this update sets them to; each becomes a ComponentStatusChange row. */
  components: ComponentImpact[];
  actor: string;
  at: Date;
  /** Outbox effects written in the same transaction (customer channel posts, Statuspage sync). */
  effects?: OutboxEffect[];
  /** Effects whose keys name the written rows (channel posts per update, the Statuspage mirror); same transaction. */
  effectsFor?: (written: { statusIncidentId: number; updateId: number }) => OutboxEffect[];
  /**
   * Written only if the status incident still has this status: a timed move (a maintenance
   * starting) is claimed once across ticks and processes. Otherwise nothing is written.
   */
  expectedStatus?: PublicStatus;
  /** The components are listed as affected but keep their state for now (a maintenance announced ahead). */
  isAnnouncement?: boolean;
  /** The inbox entry that caused this; nothing is written when it was already applied. */
  causeInboxId?: number;
}

export interface StatusStore {
  /**
   * One transaction: opens or updates the status incident, adds the update, records each
   * component's new state with its time, writes the effects, claims the inbox entry. Resolves
   * undefined when the cause was already applied (a replay) and nothing was written.
   */
  publish(publication: StatusPublication): Promise<{ statusIncidentId: number; updateId: number } | undefined>;
  get(id: number): Promise<StatusIncidentRecord | undefined>;
  byIncident(incidentId: number): Promise<StatusIncidentRecord | undefined>;
  /** Incidents and maintenances created or still open since `since`, newest first. */
  list(args: { since: Date; kind?: 'incident' | 'maintenance'; limit?: number }): Promise<StatusIncidentRecord[]>;
  /**
   * One page of every incident and maintenance ever published (or of one kind), newest first by
   * creation, with the total count: the history page, the feeds and the 50-item API lists.
   */
  page(args: { kind?: 'incident' | 'maintenance'; limit: number; offset: number }): Promise<{
    records: StatusIncidentRecord[];
    total: number;
  }>;
  /** The incident or maintenance behind a public id (its page, its shortlink). */
  byPublicId(publicId: string): Promise<StatusIncidentRecord | undefined>;
  /** Each component's first recorded change ever: its stable `created_at`. */
  firstChanges(): Promise<Map<string, Date>>;
  /** When this database was created (its first migration): `created_at` of a component never changed. */
  createdAt(): Promise<Date>;
  /** Not resolved (incidents) or not completed (maintenances). */
  open(kind?: 'incident' | 'maintenance'): Promise<StatusIncidentRecord[]>;
  /**
   * Maintenances due for a move at `now`: scheduled whose window has started, under way whose window has ended
   * (indexed; the engine asks every tick).
   */
  dueMaintenances(now: Date): Promise<StatusIncidentRecord[]>;
  /**
   * Every component's state changes in [from, to), oldest first, plus each component's last
   * change before `from` (its state at the window's start).
   */
  componentChanges(from: Date, to: Date): Promise<{ componentId: string; state: ComponentState; at: Date }[]>;
  /**
   * Changes whenever anything the public pages show was written (a status update, a component
   * state change from any source, in any process): a cache key. Cheap enough for every request.
   */
  version(): Promise<string>;
}
