import type { FollowUpKind } from '../domain/follow-ups/index.ts';

/** A published post-mortem or RCA: the sections the public may read, with their labels, in order. */
export interface PublicSummary {
  kind: 'postmortem' | 'rca';
  sections: { label: string; text: string }[];
  publishedAt: Date;
}

export interface PublicSummaryStore {
  /** The document's kind, state and edited sections; undefined when there is no such document. */
  document(
    id: number,
  ): Promise<
    { kind: FollowUpKind; state: string; sections: Record<string, string>; publishedAt: Date | null } | undefined
  >;
  /** Marks it published (the first time only; publishing again keeps the first date). */
  markPublished(id: number, at: Date): Promise<Date>;
  /** The latest published summary of the internal incident, if any. */
  latestFor(incidentId: number): Promise<PublicSummary | undefined>;
}
