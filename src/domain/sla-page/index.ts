export type {
  SlaContent,
  SlaChange,
  SlaCreditTier,
  SlaRunbookStep,
  UptimeTableRow,
  DowntimeAllowance,
} from './content.ts';
export { buildSlaContent, type SlaSources } from './build-content.ts';
export { uptimeTable, downtimeAllowance, formatDowntime, UPTIME_TABLE_TARGETS } from './uptime-table.ts';
export { canonicalJson, slaContentHash } from './canonical.ts';
export { diffSla } from './diff.ts';
export { isWeakening, isWeakeningChange, hasWeakeningRule } from './weakening.ts';
export {
  planSlaVersion,
  versionInEffect,
  versionState,
  nextScheduled,
  type SlaVersion,
  type NewSlaVersion,
  type SlaVersionState,
} from './versions.ts';
export { slaPageView, percentText, dateText, SLA_SECTIONS, type SlaPageView } from './page-view.ts';
export { versionSummary, versionsPageView } from './versions-view.ts';
