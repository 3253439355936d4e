/** How the emulated PagerDuty misbehaves. In every mode the request has no effect. */
export type PagerDutyFaultMode =
  /** HTTP 429 with Retry-After: rate-limited, not ingested. */
  | '429'
  /** HTTP 500: PagerDuty failed before ingesting. Clients still cannot tell, so it is ambiguous to them. */
  | '5xx'
  /** The socket is destroyed without an answer. */
  | 'drop';
