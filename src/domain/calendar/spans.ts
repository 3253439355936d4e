import { wallClockInstant } from './local-time.ts';
import type { DayWindow } from './types.ts';

/** A business window as instants (ms): [open, close). */
export interface Span {
  open: number;
  close: number;
}

/**
 * A local day's windows as instants, in order. Around a spring-forward gap a window boundary in
 * the skipped hour reads later than one just after it (02:30 → 03:30 EDT, 03:00 → 03:00 EDT), so
 * each span starts no earlier than the previous one closed and empty spans are dropped: business
 * time is never counted twice.
 */
export function spansOn(timeZone: string, localDate: string, hours: readonly DayWindow[]): Span[] {
  const spans: Span[] = [];
  let previousClose = Number.NEGATIVE_INFINITY;
  for (const w of hours) {
    const open = Math.max(previousClose, wallClockInstant(localDate, w.start, timeZone));
    const close = wallClockInstant(localDate, w.end, timeZone);
    if (close > open) {
      spans.push({ open, close });
      previousClose = close;
    }
  }
  return spans;
}
