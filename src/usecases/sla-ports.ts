import type { NewSlaVersion, SlaVersion } from '../domain/sla-page/index.ts';

/** The published SLA versions, append-only. */
export interface SlaVersionStore {
  /** Every version, oldest first. */
  list(): Promise<SlaVersion[]>;
  get(version: number): Promise<SlaVersion | undefined>;
  /**
   * Stores `next` as version `latestVersion + 1`. Returns undefined when that number is already
   * taken (another process published first): nothing was written; re-read and decide again.
   */
  append(latestVersion: number, next: NewSlaVersion): Promise<SlaVersion | undefined>;
}
