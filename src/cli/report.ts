import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildContracts } from '../build-contracts.ts';
import { ConfigError, parseConfigText } from '../config/load-config.ts';
import { systemClock } from '../engine/clock.ts';
import { openDatabase } from '../store/database.ts';
import { buildMonthlyReport } from '../usecases/build-monthly-report.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE =
  'usage: tplus report --customer <id> --month <YYYY-MM> [--format md|json] [--out <dir>]\n' +
  '  Without --out the report is printed (Markdown unless --format json); with --out both files are written unless --format names one.\n';

/**
 * `tplus report`: a customer's monthly SLA report from the database tplus runs on (TPLUS_CONFIG,
 * DATABASE_URL, as `tplus start`). Needs no Slack or PagerDuty credentials: it only reads.
 */
async function report(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        customer: { type: 'string' },
        month: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { customer, month, format, out } = values;
  if (!customer || !month || (format !== undefined && format !== 'md' && format !== 'json')) {
    process.stderr.write(USAGE);
    return 2;
  }
  const configPath = process.env.TPLUS_CONFIG ?? './tplus.config.yaml';
  const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/tplus.db';
  if (!databaseUrl.startsWith('file:')) {
    process.stderr.write('DATABASE_URL must be a SQLite URL such as file:./data/tplus.db\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    process.stderr.write(
      `tplus report: cannot read the config ${configPath} (TPLUS_CONFIG): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return 2;
  }
  const config = parseConfigText(text, configPath);
  const db = await openDatabase({ databaseUrl, migrationsDir: join(projectRoot, 'prisma/migrations') });
  try {
    const contracts = buildContracts({
      config,
      prisma: db.prisma,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      projectRoot,
      internalToken: undefined,
    });
    const outcome = await buildMonthlyReport({
      store: contracts.store,
      claims: contracts.claims,
      policy: contracts.policy,
      clock: systemClock,
      customerId: customer,
      month,
    });
    if (!outcome.ok) {
      process.stderr.write(`tplus report: ${outcome.message}\n`);
      return 2;
    }
    const markdown = () =>
      contracts.renderReport(outcome.report, contracts.policy.account(customer)?.timeZone ?? 'UTC');
    const json = () => `${JSON.stringify(outcome.report, null, 2)}\n`;
    if (!out) {
      process.stdout.write(format === 'json' ? json() : markdown());
      return 0;
    }
    const dir = resolve(out);
    mkdirSync(dir, { recursive: true });
    const base = join(dir, `${customer}-${month}`);
    if (format !== 'json') writeFileSync(`${base}.md`, markdown());
    if (format !== 'md') writeFileSync(`${base}.json`, json());
    process.stdout.write(
      `wrote ${[format !== 'json' ? `${base}.md` : '', format !== 'md' ? `${base}.json` : ''].filter(Boolean).join(' and ')}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

report(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `tplus report: ${error.message}\n`
        : `tplus report failed: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
