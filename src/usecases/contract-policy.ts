import type { CreditTier, CustomerMonthUptime } from '../domain/contract/index.ts';
import { customerMonthlyUptime } from '../domain/contract/index.ts';
import { monthWindow } from '../domain/uptime/index.ts';
import type { Severity } from '../domain/types.ts';
import type { ContractStore } from './contract-ports.ts';

/** A customer as the contract sees them: who to alert, what they pay, which components they use. */
export interface ContractAccount {
  id: string;
  name: string;
  components: string[];
  /** The customer's calendar zone: months and report dates are theirs. */
  timeZone: string;
  successOwner: string;
  executiveContact?: string | undefined;
  monthlyFee?: { amount: number; currency: string } | undefined;
}

/**
 * What the config says about the contract (config.contract, statusPage.maintenanceNoticeHours, documents.approvers).
 */
export interface ContractPolicy {
  account(customerId: string): ContractAccount | undefined;
  accounts(): ContractAccount[];
  availabilityTarget: number;
  downtimeWeights: Partial<Record<Severity, number>>;
  tiers: CreditTier[];
  creditCapPercent: number;
  claimWindowDays: number;
  termination: { s1Count: number; s1WindowDays: number; uptimeBelow: number };
  maintenanceNoticeHours: number;
  /** Besides each customer's success owner, who may approve or reject credit claims. */
  approvers: ReadonlySet<string>;
}

/** Loads a month's incidents and maintenance and measures the customer's uptime (to `now` while the month runs). */
export async function measureCustomerMonth({
  store,
  policy,
  account,
  month,
  now,
}: {
  store: ContractStore;
  policy: ContractPolicy;
  account: ContractAccount;
  month: string;
  now: Date;
}): Promise<CustomerMonthUptime> {
  const { from, to } = monthWindow(month, account.timeZone);
  const [incidents, maintenances] = await Promise.all([
    store.incidentsOverlapping(from, to),
    store.maintenances(from, to),
  ]);
  return customerMonthlyUptime({
    month,
    timeZone: account.timeZone,
    now,
    customer: account,
    incidents,
    maintenances,
    weights: policy.downtimeWeights,
    noticeHours: policy.maintenanceNoticeHours,
  });
}
