export { describeTarget, FIRST_RESPONSE_TARGETS, type ResponseTarget } from './targets.ts';
export { firstResponseDueAt, minutesUntilDue, slaState, type SlaState } from './first-response.ts';
export { formatInstantForReader } from './format.ts';
