import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/harness.ts';

describe('tplus doctor', () => {
  it('prints each calendar’s week and its next 10 closed and shortened days', () => {
    const run = spawnSync(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'doctor'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        SLACK_BOT_TOKEN: 'xoxb-doctor',
        SLACK_SIGNING_SECRET: 'doctor-signing-secret',
        TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
      },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    // Which database, and whether its migrations are current (the file may not exist yet).
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^database: SQLite \/.+tplus\.db(; migrations current \(\d+ applied\)| \(not created yet: .+\)|; \d+ migration\(s\) pending, .+)$/,
      ),
    );
    const section = lines.slice(lines.indexOf('calendars:') + 1, lines.indexOf('customers:'));
    const berlin = section.slice(section.findIndex((l) => l.startsWith('  - de-berlin (Europe/Berlin): ')));
    expect(berlin[0]).toBe(
      '  - de-berlin (Europe/Berlin): mon 09:00–17:00; tue 09:00–17:00; wed 09:00–17:00; thu 09:00–17:00; fri 09:00–17:00; sat closed; sun closed',
    );
    // The dates depend on the day this runs: ten closed working days, then the Christmas and New Year's Eve half days.
    expect(berlin[1]).toMatch(/^ {4}next closed days from \d{4}-\d{2}-\d{2}:$/);
    const closed = berlin.slice(2, 12);
    for (const line of closed) expect(line).toMatch(/^ {6}\d{4}-\d{2}-\d{2} (mon|tue|wed|thu|fri) closed \(.+\)$/);
    expect(berlin[12]).toMatch(/^ {4}next shortened days from \d{4}-\d{2}-\d{2}:$/);
    expect(berlin[13]).toMatch(
      /^ {6}\d{4}-12-(24|31) (mon|tue|wed|thu|fri) 09:00–14:00 \(yearly hours \(12-(24|31)\)\)$/,
    );
    expect(section.filter((l) => /^ {2}- /.test(l))).toHaveLength(2);
  }, 30_000);
});
