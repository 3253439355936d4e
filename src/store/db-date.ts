/**
 * Dates as Prisma's SQLite adapter stores them (ISO text with `+00:00`), for SQL written by hand:
 * the raw intake connection and the batched outbox statements compare and write the same text.
 */
export const toDbDate = (date: Date) => date.toISOString().replace('Z', '+00:00');
