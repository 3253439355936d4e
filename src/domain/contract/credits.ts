/** One line of the contract's credit table (config.contract.credits), highest minimum first. */
export interface CreditTier {
  minUptime: number;
  percent: number;
  terminationRight: boolean;
}

export interface Credit {
  percent: number;
  terminationRight: boolean;
}

/**
 * Floating-point noise in an uptime computed from milliseconds (99.9 can come out as
 * 99.89999999999999): differences below a billionth of a percentage point (≈ 3 ms in a month)
 * are not a real shortfall and must not move a customer into a lower tier.
 */
const NOISE = 1e-9;

/**
 * The credit a month's uptime earns. The contract lists tiers as "99.9–100 %", "99.0–99.89 %",
 * "95.0–98.99 %", "below 95 %"; we read them as contiguous, each tier starting at its minimum
 * (inclusive) and running up to the next tier's minimum, so an uptime in the gaps the contract's
 * two-decimal wording leaves (99.895 %) falls in the lower tier (10 %). The exact, unrounded
 * uptime decides: 99.9 owes nothing, 99.8999 owes 10 %.
 */
export function creditFor(uptimePercent: number, tiers: readonly CreditTier[]): Credit {
  const tier = tiers.find((t) => uptimePercent >= t.minUptime - NOISE) ?? tiers.at(-1);
  return { percent: tier?.percent ?? 0, terminationRight: tier?.terminationRight ?? false };
}

/** Percent of one month's fee, capped at `capPercent` of it; in the fee's currency, to the cent. */
export function creditAmount({
  percent,
  monthlyFee,
  capPercent,
}: {
  percent: number;
  monthlyFee: number;
  capPercent: number;
}): number {
  return Math.round(Math.min(percent, capPercent) * monthlyFee) / 100;
}
