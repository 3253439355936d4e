import { SocketModeClient } from '@slack/socket-mode';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { InboxIntake } from './inbox-intake.ts';
import type { InboxKind } from '../../usecases/ports.ts';

const KIND_BY_ENVELOPE: Record<string, InboxKind> = {
  events_api: 'event',
  interactive: 'interaction',
  slash_commands: 'command',
};

/** Bolt receiver for Socket Mode: the same commit-before-ack inbox as the HTTP transport. */
export class TplusSocketReceiver implements Receiver {
  readonly client: SocketModeClient;

  constructor(private readonly deps: { intake: InboxIntake; appToken: string; slackApiUrl?: string; logger: Logger }) {
    this.client = new SocketModeClient({
      appToken: deps.appToken,
      clientOptions: deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {},
      autoReconnectEnabled: true,
    });
    this.client.on(
      'slack_event',
      (args: {
        ack: (body?: unknown) => Promise<void>;
        type: string;
        body: Record<string, unknown>;
        retry_num?: number;
        retry_reason?: string;
      }) => {
        const kind = KIND_BY_ENVELOPE[args.type];
        if (!kind) return;
        void this.deps.intake.accept({
          kind,
          body: args.body,
          raw: JSON.stringify(args.body),
          retryNum: args.retry_num,
          retryReason: args.retry_reason,
          // Not acking (status ≥ 500) makes Slack redeliver the envelope, as an HTTP 503 would.
          respond: (status, body) => {
            if (status >= 500) return;
            args
              .ack(body === undefined || body === '' ? undefined : body)
              .catch((error: unknown) => deps.logger.warn({ err: error }, 'socket ack failed'));
          },
        });
      },
    );
  }

  init(app: App): void {
    this.deps.intake.init(app);
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    return this.client.disconnect();
  }
}
