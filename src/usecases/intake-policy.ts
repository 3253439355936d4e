import type { BusinessCalendar } from '../domain/calendar/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { CompiledSeverityRules } from '../domain/severity/index.ts';

/** The configured rules a filing is judged by. */
export interface IntakePolicy {
  rules: CompiledSeverityRules;
  calendarFor(customer: Customer): BusinessCalendar;
  triageChannelId: string;
  maxSummaryLength: number;
}
