import { LogLevel, WebClient } from '@slack/web-api';

/**
 * The Web API client every outbox delivery and lookup goes through. The dispatcher owns retries
 * (backoff, Retry-After, ambiguity checks), so the client must not retry; its 10 s timeout is the
 * call timeout the outbox lease outlasts.
 */
export function createDeliveryClient({ token, apiUrl }: { token: string; apiUrl: string | undefined }): WebClient {
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
}
