/** Every action and callback id tplus uses, defined once. */
export const ACTION = {
  openTicket: 'tplus_open_ticket',
  acknowledge: 'tplus_ticket_acknowledge',
  reclassify: 'tplus_ticket_reclassify',
  escalate: 'tplus_ticket_escalate',
  resolve: 'tplus_ticket_resolve',
  requestCredit: 'tplus_request_credit',
  approveCredit: 'tplus_credit_approve',
  rejectCredit: 'tplus_credit_reject',
} as const;

export const VIEW = {
  ticketModal: 'tplus_ticket_modal',
  reclassifyModal: 'tplus_reclassify_modal',
  resolveModal: 'tplus_resolve_modal',
  creditModal: 'tplus_credit_modal',
} as const;

export const BLOCK = {
  creditIncident: 'credit_incident',
  creditNote: 'credit_note',
  summary: 'summary',
  description: 'description',
  impact: 'impact',
  component: 'component',
  proposedSeverity: 'proposed_severity',
  severity: 'severity',
  reason: 'reason',
  resolutionSummary: 'resolution_summary',
  upstream: 'upstream_cause',
  upstreamProvider: 'upstream_provider',
} as const;

export const SHORTCUT = { fileFromMessage: 'tplus_file_ticket_from_message' } as const;
export const COMMAND = '/tplus';
