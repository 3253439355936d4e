/**
 * What DATABASE_URL names: `file:` is SQLite (the embedded default), `postgresql://` (or
 * `postgres://`) is PostgreSQL for several replicas. Errors never repeat the URL's password.
 */
export type DatabaseTarget =
  | { kind: 'sqlite'; url: string; location: string }
  | { kind: 'postgresql'; url: string; location: string; user: string };

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) {
    if (url.length === 'file:'.length) throw new DatabaseUrlError('DATABASE_URL names no SQLite file (file:<path>)');
    return { kind: 'sqlite', url, location: url.slice('file:'.length) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError('DATABASE_URL is not a valid postgresql:// URL');
    }
    if (!parsed.hostname) throw new DatabaseUrlError('DATABASE_URL names no PostgreSQL host');
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    return {
      kind: 'postgresql',
      url,
      location: `${parsed.hostname}:${parsed.port || '5432'}/${database}`,
      user: decodeURIComponent(parsed.username) || '(default user)',
    };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new DatabaseUrlError(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)${scheme ? `, not ${scheme}:` : ''}`,
  );
}

/** One line for an operator: what failed to open, without credentials. */
export function describeOpenFailure(target: DatabaseTarget, error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (target.kind === 'sqlite') return `cannot open SQLite database ${target.location}: ${e.message ?? String(error)}`;
  const where = `PostgreSQL at ${target.location}`;
  switch (e.code) {
    case '28P01':
    case '28000':
      return `${where} refused the login of user ${target.user} (wrong password or no access)`;
    case '3D000':
      return `${where}: the database does not exist`;
    case 'ECONNREFUSED':
      return `cannot reach ${where}: connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach ${where}: unknown host`;
    case 'ETIMEDOUT':
      return `cannot reach ${where}: timed out`;
    default:
      return `cannot open ${where}: ${(e.message ?? String(error)).replaceAll(target.url, '<DATABASE_URL>')}`;
  }
}
