#!/usr/bin/env node
// `tplus start` builds and runs the bot (bin/runtime.mjs says how); `tplus doctor` validates a
// config; `tplus report` writes a monthly SLA report; `tplus classify` classifies JSON Lines;
// `tplus train` retrains the severity model. The short commands run the TypeScript through tsx.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { buildBundle } from './build.mjs';
import { botCommand, projectRoot } from './runtime.mjs';

const scripts = {
  doctor: 'src/cli/doctor.ts',
  report: 'src/cli/report.ts',
  classify: 'src/cli/classify.ts',
  train: 'src/cli/train.ts',
};
const [command = 'start', ...rest] = process.argv.slice(2);

async function run() {
  if (command === 'start') {
    await buildBundle();
    const bot = botCommand();
    return { command: bot.command, args: [...bot.args, ...rest], env: { ...bot.env, ...process.env } };
  }
  const script = scripts[command];
  if (!script) {
    process.stderr.write('usage: tplus [start|doctor|report|classify|train]\n');
    process.exit(2);
  }
  return { command: process.execPath, args: ['--import', 'tsx', join(projectRoot, script), ...rest], env: process.env };
}

const { command: file, args, env } = await run();
const child = spawn(file, args, { stdio: 'inherit', env });
// A process manager stops tplus by signalling this launcher: the bot must get the signal to stop
// cleanly (finish the tick, close the database), and the launcher exits as the bot did.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// Killed by a signal: exit as a shell reports it, 128 + the signal's number.
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
