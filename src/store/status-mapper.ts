import { randomBytes } from 'node:crypto';
import type { StatusIncident, StatusUpdate } from '../generated/prisma/client.ts';
import type {
  ComponentImpact,
  PublicStatus,
  StatusImpact,
  StatusIncidentRecord,
  StatusUpdateRecord,
} from '../usecases/status-ports.ts';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 12 random lowercase base36 characters, like Statuspage's ids: not guessable from the row id. */
export function newPublicId(): string {
  const bytes = randomBytes(12);
  // 256 % 36 leaves a slight bias towards the first 4 characters; harmless for an opaque id.
  return Array.from(bytes, (b) => ALPHABET[b % 36]).join('');
}

export function parseImpacts(json: string): ComponentImpact[] {
  return JSON.parse(json) as ComponentImpact[];
}

/** The incident's affected components after an update: each named component takes its new state. */
export function mergeImpacts(
  current: readonly ComponentImpact[],
  changes: readonly ComponentImpact[],
): ComponentImpact[] {
  const merged = new Map(current.map((c) => [c.componentId, c.state]));
  for (const c of changes) merged.set(c.componentId, c.state);
  return [...merged].map(([componentId, state]) => ({ componentId, state }));
}

export function toStatusUpdate(row: StatusUpdate): StatusUpdateRecord {
  return {
    id: row.id,
    publicId: row.publicId,
    status: row.status as PublicStatus,
    body: row.body,
    components: parseImpacts(row.components),
    actor: row.actor,
    createdAt: row.createdAt,
    displayAt: row.displayAt,
  };
}

export function toStatusIncident(row: StatusIncident & { updates: StatusUpdate[] }): StatusIncidentRecord {
  return {
    id: row.id,
    publicId: row.publicId,
    kind: row.kind as StatusIncidentRecord['kind'],
    incidentId: row.incidentId,
    name: row.name,
    impact: row.impact as StatusImpact,
    status: row.status as PublicStatus,
    upstreamProvider: row.upstreamProvider,
    components: parseImpacts(row.components),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    monitoringAt: row.monitoringAt,
    resolvedAt: row.resolvedAt,
    scheduledFor: row.scheduledFor,
    scheduledUntil: row.scheduledUntil,
    announcedAt: row.announcedAt,
    isForced: row.isForced,
    updates: [...row.updates]
      .sort((a, b) => b.displayAt.getTime() - a.displayAt.getTime() || b.id - a.id)
      .map(toStatusUpdate),
  };
}
