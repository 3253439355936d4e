import { createInterface } from 'node:readline';
import { loadSeverityModel } from '../config/load-severity-model.ts';
import { ConfigError } from '../config/load-config.ts';
import { classifyTicket } from '../domain/severity/index.ts';
import { classifyLine } from './severity/classify-line.ts';

/**
 * `tplus classify`: JSON Lines `{"text": …}` on standard input, one JSON line out per line in:
 * `{"severity","confidence","possibleS1","reason"}`, or `{"error"}` for a bad line (also on
 * standard error), and the rest of the stream still classifies. Exits 1 when any line was bad.
 */
async function classify(): Promise<number> {
  let model;
  try {
    model = loadSeverityModel(process.env.TPLUS_SEVERITY_MODEL ?? 'models/severity.json');
  } catch (error) {
    process.stderr.write(`tplus classify: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 2;
  }
  let [lineNumber, bad] = [0, 0];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const result = classifyLine(line, (text) => classifyTicket({ text, model }));
    if ('error' in result) {
      bad += 1;
      process.stderr.write(`tplus classify: line ${lineNumber}: ${result.error}\n`);
    }
    process.stdout.write(
      `${JSON.stringify('error' in result ? { error: `line ${lineNumber}: ${result.error}` } : result)}\n`,
    );
  }
  return bad > 0 ? 1 : 0;
}

process.exitCode = await classify();
