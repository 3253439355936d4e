/** `inc-<number>-<slug>`: Slack channel names are lower case, ≤ 80 characters, letters, digits, - and _. */
export function incidentChannelName(incidentId: number, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return `inc-${incidentId}${slug ? `-${slug}` : ''}`;
}

/** "T+15", "T+2h05", "T-3" (minutes relative to incident start). */
export function formatOffset(from: Date, at: Date): string {
  const minutes = Math.round((at.getTime() - from.getTime()) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  if (abs < 120) return `T${sign}${abs}`;
  return `T${sign}${Math.floor(abs / 60)}h${String(abs % 60).padStart(2, '0')}`;
}
