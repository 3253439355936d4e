import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { scaledClock, systemClock } from './engine/clock.ts';
import { buildTplus } from './tplus.ts';
import { replicaIdOf } from './config/env.ts';
import { DatabaseOpenError } from './store/database.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Composition root: load config, build tplus, start, and stop cleanly on a signal. */
async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tplus cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { env, config } = loaded;
  const logger = pino({
    level: env.LOG_LEVEL,
    // Every line says which replica wrote it.
    base: { pid: process.pid, replica: replicaIdOf(env) },
    redact: {
      paths: [
        'token',
        '*.token',
        'headers.authorization',
        'headers["x-slack-signature"]',
        'env.SLACK_BOT_TOKEN',
        'env.SLACK_SIGNING_SECRET',
        'env.SLACK_APP_TOKEN',
        'env.PAGERDUTY_ROUTING_KEY',
        'env.PAGERDUTY_API_TOKEN',
        'env.PAGERDUTY_WEBHOOK_SECRET',
      ],
      censor: '[secret]',
    },
  });
  const isScaled = env.TPLUS_TIME_SCALE !== undefined || env.TPLUS_START_AT !== undefined;
  const clock = isScaled
    ? scaledClock({
        startAt: env.TPLUS_START_AT ? new Date(env.TPLUS_START_AT) : undefined,
        scale: env.TPLUS_TIME_SCALE,
        ...(env.TPLUS_CLOCK_ANCHOR ? { anchorWallMs: Date.parse(env.TPLUS_CLOCK_ANCHOR) } : {}),
      })
    : systemClock;
  let tplus;
  try {
    tplus = await buildTplus({ env, config, clock, logger, projectRoot });
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      process.stderr.write(`tplus cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const port = await tplus.start();
  logger.info(
    {
      port,
      mode: env.SLACK_APP_TOKEN ? 'socket' : 'http',
      customers: config.customers.length,
      isScaledClock: isScaled,
    },
    'tplus started',
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    tplus.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`tplus failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
