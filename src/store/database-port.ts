import type { PrismaClient } from '../generated/prisma/client.ts';
import type { InboxStore, NewInboxEntry } from '../usecases/ports.ts';

export type AppendResult = Awaited<ReturnType<InboxStore['append']>>;
/** The intake insert on the ack path: committed (group-committed) before it resolves. */
export type InboxAppend = (entry: NewInboxEntry) => Promise<AppendResult>;

/** Work that one replica at a time may do (the once-a-minute checks): whoever holds the lock. */
export interface ExclusiveLock {
  /** Takes the lock if free; true while this process holds it. */
  holds(): Promise<boolean>;
}

/** An open database of either kind, with what tplus needs beside Prisma. */
export interface OpenDatabase {
  kind: 'sqlite' | 'postgresql';
  /** A file path, or host:port/database: never credentials. */
  location: string;
  /** Prisma's client. PostgreSQL's is generated from the same schema with the same API. */
  prisma: PrismaClient;
  appendInbox: InboxAppend;
  /** Read-only SQL outside Prisma (scrapes, the status page's version): `?` placeholders. */
  read<T>(sql: string, ...values: unknown[]): Promise<T[]>;
  /** The once-a-minute lock: on SQLite every process holds it (their checks are idempotent). */
  exclusiveLock: ExclusiveLock;
  /** Whether the database answers now (for /healthz). */
  ping(): Promise<boolean>;
  /** Migrations applied at this start. */
  migrated: string[];
  close(): Promise<void>;
}
