import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

// prisma.config.ts turns off .env loading; the CLI still needs a URL that resolves, or
// `prisma generate` falls back to downloading a native engine (unreachable here).
process.env.DATABASE_URL ??= 'file:./data/tplus.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? 'file:./data/tplus.db' }),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
