import { buildBusinessCalendar, type BusinessCalendar } from '../domain/calendar/index.ts';
import { createCustomerDirectory, type Customer, type CustomerDirectory } from '../domain/customer-directory.ts';
import type { SeverityModel } from '../domain/severity/index.ts';
import type { IntakePolicy } from '../usecases/intake-policy.ts';
import type { TplusConfig } from './schema.ts';
import { ConfigError } from './load-config.ts';

export interface BuiltPolicy {
  directory: CustomerDirectory;
  calendars: Map<string, BusinessCalendar>;
  policy: IntakePolicy;
}

/** Turns the validated config into the domain objects use cases work with. */
export function buildPolicy(config: TplusConfig, severityModel: SeverityModel): BuiltPolicy {
  const calendars = new Map<string, BusinessCalendar>();
  config.calendars.forEach((spec, i) => {
    try {
      calendars.set(spec.id, buildBusinessCalendar(spec));
    } catch (error) {
      throw new ConfigError('config', [`calendars.${i}: ${(error as Error).message}`]);
    }
  });
  const customers: Customer[] = config.customers.map((c) => ({
    id: c.id,
    name: c.name,
    tier: c.tier,
    calendarId: c.calendar,
    successOwner: c.successOwner,
    teamIds: c.slack.teamIds,
    channels: c.slack.channels,
    supportChannels: c.slack.supportChannels,
    components: c.components,
  }));
  const directory = createCustomerDirectory(config.workspace.teamId, customers);
  const policy: IntakePolicy = {
    severityModel,
    calendarFor: (customer) => calendars.get(customer.calendarId) as BusinessCalendar,
    businessDay: config.contract.businessDay,
    triageChannelId: config.triage.channelId,
    maxSummaryLength: config.intake.maxSummaryLength,
  };
  return { directory, calendars, policy };
}
