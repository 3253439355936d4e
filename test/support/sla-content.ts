import { join } from 'node:path';
import { loadRunbooks } from '../../src/config/load-runbooks.ts';
import type { TplusConfig } from '../../src/config/schema.ts';
import { slaContentFrom } from '../../src/build-sla.ts';
import type { SlaContent } from '../../src/domain/sla-page/index.ts';
import { config, projectRoot } from './harness.ts';

export const runbooks = loadRunbooks(join(projectRoot, 'runbooks'));

/** The SLA generated from the example config and the real runbooks, optionally changed. */
export function exampleSlaContent(change: (c: TplusConfig) => void = () => {}): SlaContent {
  const changed = structuredClone(config);
  change(changed);
  return slaContentFrom({ config: changed, runbooks });
}
