#!/usr/bin/env node
// `tplus doctor` validates a config; `tplus start` runs the bot; `tplus report` writes a monthly SLA report. All run the TypeScript sources through tsx.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scripts = { doctor: 'src/cli/doctor.ts', start: 'src/main.ts', report: 'src/cli/report.ts' };
const [command = 'start', ...rest] = process.argv.slice(2);
const script = scripts[command];
if (!script) {
  process.stderr.write(`usage: tplus [start|doctor|report]\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, script), ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
