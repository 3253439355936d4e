export { PagerDutyDeliveryError, PagerDutyLookupError, UnsupportedPagerDutyWebhookError } from './errors.ts';
export { createPagerDutyEvents, truncateSummary, MAX_SUMMARY_LENGTH, MAX_DEDUP_KEY_LENGTH } from './events-client.ts';
export type { PagerDutyEvents, PagerEvent, PagerSeverity } from './events-client.ts';
export { createOnCallLookup } from './oncall-client.ts';
export type { OnCallLookup, OnCallUser } from './oncall-client.ts';
export { verifyPagerDutySignature } from './webhook-signature.ts';
export { parsePagerDutyWebhook } from './webhook-event.ts';
export type { PagerDutyWebhookEvent } from './webhook-event.ts';
