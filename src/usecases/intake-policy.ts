import type { BusinessCalendar, BusinessDayDefinition } from '../domain/calendar/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { SeverityModel } from '../domain/severity/index.ts';

/** The configured rules a filing is judged by. */
export interface IntakePolicy {
  severityModel: SeverityModel;
  calendarFor(customer: Customer): BusinessCalendar;
  /** What a first-response target of N business days means (contract.businessDay). */
  businessDay: BusinessDayDefinition;
  triageChannelId: string;
  maxSummaryLength: number;
}
