// The baseline: a default Bolt app (its own HTTPReceiver, signature checks on) whose listener does nothing.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET as string,
  token: process.env.SLACK_BOT_TOKEN as string,
  botId: 'B0TPLUSBOT',
  botUserId: 'U0TPLUSBOT',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.event('app_mention', async () => {});
await app.start(Number(process.env.PORT ?? 0));
const address = (
  app as unknown as { receiver: { server?: { address(): { port: number } } } }
).receiver.server?.address();
console.log(JSON.stringify({ msg: 'bare bolt started', port: address?.port ?? Number(process.env.PORT) }));
