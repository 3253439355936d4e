/**
 * When the commander is next reminded that the public status is stale: a period after the later
 * of the last public update and the last reminder. An update restarts the period; one reminder
 * per period, however late the sweep runs.
 */
export function staleStatusDueAt({
  lastUpdateAt,
  remindedAt,
  minutes,
}: {
  lastUpdateAt: Date;
  remindedAt: Date | null;
  minutes: number;
}): Date {
  const from = remindedAt && remindedAt > lastUpdateAt ? remindedAt : lastUpdateAt;
  return new Date(from.getTime() + minutes * 60_000);
}
