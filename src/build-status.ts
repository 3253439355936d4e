import type { TplusEnv } from './config/env.ts';
import { responderIdsOf } from './slack/responder-groups.ts';
import type { TplusConfig } from './config/schema.ts';
import type { CustomerDirectory } from './domain/customer-directory.ts';
import { createStatuspageClient, type StatuspageClient } from './statuspage/statuspage-client.ts';
import type { StatusPolicy } from './usecases/status-policy.ts';

/** What the status use cases need, from the config; the Statuspage mirror only with both its key and page id. */
export function buildStatusPolicy({
  env,
  config,
  directory,
}: {
  env: TplusEnv;
  config: TplusConfig;
  directory: CustomerDirectory;
}): StatusPolicy {
  const sp = config.statusPage.statuspage;
  return {
    components: config.components.map(({ id, name }) => ({ id, name })),
    directory,
    responderIds: responderIdsOf(config),
    maintenanceNoticeHours: config.statusPage.maintenanceNoticeHours,
    timeZone: config.statusPage.timeZone,
    ...(sp && env.STATUSPAGE_API_KEY ? { statuspage: { pageId: sp.pageId, components: sp.components } } : {}),
  };
}

/** The Statuspage REST client for the dispatcher, when STATUSPAGE_API_KEY is set. */
export function buildStatuspageClient(env: TplusEnv): StatuspageClient | undefined {
  return env.STATUSPAGE_API_KEY
    ? createStatuspageClient({ apiUrl: env.STATUSPAGE_API_URL, apiKey: env.STATUSPAGE_API_KEY })
    : undefined;
}
