/** How the emulated Web API misbehaves, for outage and ambiguity tests. */
export type FaultMode =
  /** HTTP 500, nothing happened. */
  | '5xx'
  /** HTTP 429 with Retry-After, nothing happened. */
  | '429'
  /** HTTP 200 with `ok: false, error: internal_error`, nothing happened. */
  | 'ok-false'
  /** The connection is cut without an answer, nothing happened. */
  | 'drop'
  /** The call takes effect, then the answer is HTTP 500: the ambiguous case. */
  | '5xx-after-commit'
  /** No answer until `releaseHung()`; then the call takes effect and is answered (a stuck call). */
  | 'hang';
