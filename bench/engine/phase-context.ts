// What every child-process phase of bench:engine shares: where tplus is, its environment, the
// Slack emulator it posts to, and the extra node flags to start it with.
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { startTplusChild } from './child.ts';

export interface PhaseContext {
  projectRoot: string;
  env: Record<string, string>;
  slack: SlackEmulator;
  childNodeOptions: string | undefined;
}

/** A tplus child process on the database at `url`, as `tplus start` runs it. */
export function startChild(context: PhaseContext, url: string) {
  return startTplusChild({
    projectRoot: context.projectRoot,
    env: { ...context.env, DATABASE_URL: url },
    ...(context.childNodeOptions ? { nodeOptions: context.childNodeOptions } : {}),
  });
}
