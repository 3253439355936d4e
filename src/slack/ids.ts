/** Every action and callback id tplus uses, defined once. */
export const ACTION = {
  openTicket: 'tplus_open_ticket',
  acknowledge: 'tplus_ticket_acknowledge',
  reclassify: 'tplus_ticket_reclassify',
  escalate: 'tplus_ticket_escalate',
  resolve: 'tplus_ticket_resolve',
  updateStatus: 'tplus_update_status',
  requestCredit: 'tplus_request_credit',
  approveCredit: 'tplus_credit_approve',
  rejectCredit: 'tplus_credit_reject',
  /** Prefix: each Draft button is `<prefix>:<kind>:<customer>` (action ids must differ within a block). */
  draftDocument: 'tplus_document_draft',
  editDocument: 'tplus_document_edit',
  approveDocument: 'tplus_document_approve',
  sendDocument: 'tplus_document_send',
  /** The customer's impact questions under their ticket's acknowledgement; value `<ticket>:<question>`. */
  impactYes: 'tplus_impact_yes',
  impactNo: 'tplus_impact_no',
} as const;

export const VIEW = {
  ticketModal: 'tplus_ticket_modal',
  reclassifyModal: 'tplus_reclassify_modal',
  resolveModal: 'tplus_resolve_modal',
  statusModal: 'tplus_status_modal',
  maintenanceModal: 'tplus_maintenance_modal',
  creditModal: 'tplus_credit_modal',
  documentModal: 'tplus_document_modal',
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
  statusState: 'status_state',
  statusMessage: 'status_message',
  /** Followed by the component id: one state select per component. */
  statusComponentPrefix: 'status_component:',
  maintenanceTitle: 'maintenance_title',
  maintenanceMessage: 'maintenance_message',
  maintenanceStartDate: 'maintenance_start_date',
  maintenanceStartTime: 'maintenance_start_time',
  maintenanceEndDate: 'maintenance_end_date',
  maintenanceEndTime: 'maintenance_end_time',
  maintenanceComponents: 'maintenance_components',
  maintenanceForce: 'maintenance_force',
} as const;

export const SHORTCUT = { fileFromMessage: 'tplus_file_ticket_from_message' } as const;
export const COMMAND = '/tplus';
