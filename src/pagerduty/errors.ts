/**
 * An Events v2 call that did not end in a 202. `isRetryable` says whether sending the same event
 * again may succeed; `isAmbiguous` says PagerDuty may already have ingested it (5xx, dropped
 * connection, timeout). Both can be true at once: a repeated event with the same dedup_key is
 * deduplicated by PagerDuty, so retrying an ambiguous send does not page twice.
 */
export class PagerDutyDeliveryError extends Error {
  override readonly name = 'PagerDutyDeliveryError';
  readonly status: number | undefined;
  readonly isRetryable: boolean;
  readonly isAmbiguous: boolean;
  readonly retryAfterMs: number | undefined;

  constructor({
    message,
    status,
    isRetryable,
    isAmbiguous,
    retryAfterMs,
    cause,
  }: {
    message: string;
    status?: number;
    isRetryable: boolean;
    isAmbiguous: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
    this.isRetryable = isRetryable;
    this.isAmbiguous = isAmbiguous;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The on-call lookup failed (network, auth, shape); callers fall back to the configured roster. */
export class PagerDutyLookupError extends Error {
  override readonly name = 'PagerDutyLookupError';
  readonly status: number | undefined;

  constructor(message: string, { status, cause }: { status?: number; cause?: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
  }
}

/**
 * A well-formed, signed webhook about something other than an incident (e.g. `pagey.ping` or a
 * service change). Receivers should answer 2xx and ignore it rather than treat it as malformed.
 */
export class UnsupportedPagerDutyWebhookError extends Error {
  override readonly name = 'UnsupportedPagerDutyWebhookError';

  constructor(
    readonly eventType: string,
    readonly resourceType: string,
  ) {
    super(`PagerDuty webhook ${eventType} is about a ${resourceType}, not an incident`);
  }
}
