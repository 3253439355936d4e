import type { SubscriptionRequest } from '../domain/subscriptions/parse-subscription.ts';

export type SubscriberState = 'pending' | 'active' | 'unsubscribed' | 'disabled';

export interface StatusSubscriber {
  id: number;
  kind: 'email' | 'webhook';
  address: string;
  /** Empty: every component. */
  components: string[];
  /** Carried by the confirm and unsubscribe links. */
  token: string;
  /** The webhook's signing key (`whsec_…`); null for email. */
  secret: string | null;
  state: SubscriberState;
  failures: number;
}

export interface SubscriberStore {
  /**
   * One transaction: stores a new subscriber (email pending with its confirmation mail in the
   * outbox, webhook active), or revives an unsubscribed or disabled one with the new token and
   * secret. A pending or active subscriber of the same address is left as it is (no second mail).
   */
  subscribe(args: {
    request: SubscriptionRequest;
    token: string;
    secret: string | null;
    at: Date;
  }): Promise<{ subscriber: StatusSubscriber; outcome: 'created' | 'already-pending' | 'already-active' }>;
  /** Pending → active; undefined for an unknown token. Confirming twice is harmless. */
  confirm(token: string, at: Date): Promise<StatusSubscriber | undefined>;
  /** → unsubscribed; undefined for an unknown token. Nothing is sent to it afterwards. */
  unsubscribe(token: string, at: Date): Promise<StatusSubscriber | undefined>;
  byToken(token: string): Promise<StatusSubscriber | undefined>;
  get(id: number): Promise<StatusSubscriber | undefined>;
  /** A delivery went through: the failures in a row start again from 0. */
  recordSuccess(id: number): Promise<void>;
  /** Counts a failed delivery; at `limit` failures in a row the subscriber is disabled. Resolves whether it now is. */
  recordFailure(id: number, args: { error: string; limit: number; at: Date }): Promise<boolean>;
}
