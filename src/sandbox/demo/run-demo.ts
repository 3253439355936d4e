import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseConfigText, parseEnv } from '../../config/load-config.ts';
import { formatInstantForReader } from '../../domain/sla/index.ts';
import { ticketRef } from '../../domain/ticket.ts';
import { scaledClock } from '../../engine/clock.ts';
import { buildTplus } from '../../tplus.ts';
import {
  buildAppMention,
  buildBlockActions,
  buildChannelMessage,
  buildEventCallback,
  sendSigned,
} from '../driver/index.ts';
import { startSlackEmulator } from '../slack-emulator/index.ts';
import { describeCall } from './transcript.ts';
import { startPagerDutyEmulator } from '../pagerduty-emulator/index.ts';
import { playIncident } from './play-incident.ts';
import { playContract } from './play-contract.ts';
import { playDocuments } from './play-documents.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'demo-signing-secret-000000';
const TOKEN = 'xoxb-demo-token';
// Friday 27 Nov 2026, 18:30 in Berlin (12:30 in New York): Globex's office has closed for the weekend.
const DEFAULT_START = '2026-11-27T17:30:00Z';
const PD_ROUTING_KEY = 'R0UTINGKEYDEMO000000000000000000';
const PD_API_TOKEN = 'pd-demo-api-token';

async function main(): Promise<void> {
  const config = parseConfigText(
    readFileSync(join(root, 'tplus.config.example.yaml'), 'utf8'),
    'tplus.config.example.yaml',
  );
  const names: Record<string, string> = {
    [config.triage.channelId]: 'support-triage',
    C0ACMESHR1: 'acme-support (Slack Connect)',
    C0GLOBEX01: 'globex-shared (Slack Connect)',
    C0RANDOM01: 'random-partner-channel',
  };
  const emulator = await startSlackEmulator({
    botToken: TOKEN,
    teamId: config.workspace.teamId,
    botUserId: config.workspace.botUserId,
    botId: config.workspace.botId,
    channels: Object.entries(names).map(([id, name]) => ({ id, name })),
  });
  const pagerduty = await startPagerDutyEmulator({
    routingKey: PD_ROUTING_KEY,
    apiToken: PD_API_TOKEN,
    onCalls: [
      {
        escalationPolicyId: config.pagerduty.escalationPolicyId ?? 'PESCAL1',
        users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'tplus-demo-'));
  const env = parseEnv({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: `file:${join(dir, 'demo.db')}`,
    TPLUS_START_AT: process.env.TPLUS_START_AT ?? DEFAULT_START,
    // 90× by default: the S1 reaches its T+60 manager escalation within a minute of wall time.
    TPLUS_TIME_SCALE: process.env.TPLUS_TIME_SCALE ?? '90',
    PAGERDUTY_ROUTING_KEY: PD_ROUTING_KEY,
    PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
    PAGERDUTY_API_TOKEN: PD_API_TOKEN,
    PAGERDUTY_API_URL: pagerduty.apiUrl,
  });
  const clock = scaledClock({ startAt: new Date(env.TPLUS_START_AT as string), scale: env.TPLUS_TIME_SCALE });
  const tplus = await buildTplus({ env, config, clock, logger: pino({ level: 'error' }), projectRoot: root });
  const port = await tplus.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await tplus.intake.idle();
    tplus.delivery.kick();
    await tplus.delivery.idle();
  };
  let shown = 0;
  const showNewCalls = () => {
    for (const call of emulator.calls.slice(shown)) {
      const line = describeCall(call, names);
      if (line) console.log(line);
    }
    shown = emulator.calls.length;
  };
  let seq = 0;
  const say = async (
    title: string,
    channel: string,
    user: string,
    userTeam: string,
    text: string,
    kind: 'mention' | 'message',
  ) => {
    seq += 1;
    const ts = `${Math.floor(clock.now().getTime() / 1000)}.${String(seq).padStart(6, '0')}`;
    console.log(`\n■ ${title}\n  ${user} (team ${userTeam}) in ${names[channel] ?? channel}: “${text}”`);
    const event =
      kind === 'mention'
        ? buildAppMention({ channel, user, userTeam, text: `<@${config.workspace.botUserId}> ${text}`, ts })
        : buildChannelMessage({ channel, user, userTeam, text, ts });
    const response = await sendSigned(url, {
      signingSecret: SECRET,
      kind: 'event',
      payload: buildEventCallback({ teamId: config.workspace.teamId, event }),
    });
    console.log(`  (tplus acknowledged Slack with HTTP ${response.status} in ${response.ms.toFixed(1)} ms)`);
    await settle();
    showNewCalls();
  };

  console.log(
    `tplus demo — clock starts ${clock.now().toISOString()} (${formatInstantForReader(clock.now(), 'Europe/Berlin')} / ${formatInstantForReader(clock.now(), 'America/New_York')}), all Slack traffic goes to a local emulator.`,
  );
  await say(
    'An Enterprise Premium customer reports an outage',
    'C0ACMESHR1',
    'U0ACMEUSR1',
    'T0ACME0001',
    'Production is down: every API request returns 503 since 12:20 and none of our users can log in. No workaround.',
    'mention',
  );
  await say(
    'A Standard customer on a Friday evening in Berlin',
    'C0GLOBEX01',
    'U0GLOBUSR1',
    'T0GLOBEX01',
    'The CSV export drops the last column when a field contains a comma. We can export as XLSX in the meantime.',
    'mention',
  );
  await say(
    'Someone in a channel that belongs to no customer',
    'C0RANDOM01',
    'U0RANDOM01',
    'T0RANDOM01',
    'hey, is your API down?',
    'mention',
  );
  await say(
    'A customer tries to ping everyone through the bot',
    'C0ACMESHR1',
    'U0ACMEUSR2',
    'T0ACME0001',
    '<!channel> the logo on the billing page looks blurry <https://evil.example|click here> @here',
    'message',
  );

  const acme = await tplus.db.prisma.ticket.findFirstOrThrow({ where: { customerId: 'acme' }, orderBy: { id: 'asc' } });
  console.log(`\n■ Responder ${config.responders.userIds[0]} presses Acknowledge on ${ticketRef(acme.id)}`);
  await sendSigned(url, {
    signingSecret: SECRET,
    kind: 'interaction',
    payload: buildBlockActions({
      teamId: config.workspace.teamId,
      user: { id: config.responders.userIds[0] as string, teamId: config.workspace.teamId },
      channel: config.triage.channelId,
      actionId: 'tplus_ticket_acknowledge',
      value: String(acme.id),
      triggerId: 'demo-trigger-1',
    }),
  });
  await settle();
  showNewCalls();

  console.log('\n■ Deadlines set (stored in the database)');
  const deadlines = await tplus.db.prisma.deadline.findMany({ include: { ticket: true }, orderBy: { id: 'asc' } });
  for (const d of deadlines) {
    const customer = config.customers.find((c) => c.id === d.ticket.customerId)!;
    const zone = config.calendars.find((c) => c.id === customer.calendar)!.timeZone;
    console.log(
      `  ${ticketRef(d.ticket.id)} ${customer.name} (${customer.tier}) ${d.ticket.severity}: first response due ${formatInstantForReader(d.dueAt, zone)} — ${d.state}${d.ticket.firstResponseBy ? ` (by ${d.ticket.firstResponseBy})` : ''}`,
    );
  }
  const refused = await tplus.db.prisma.ticket.count({ where: { channelId: 'C0RANDOM01' } });
  console.log(
    `\n  Tickets stored from the unknown channel: ${refused}. Web API calls recorded by the emulator: ${emulator.calls.length}.`,
  );
  await playIncident({
    tplus,
    clock,
    url,
    secret: SECRET,
    ticketId: acme.id,
    responder: config.responders.userIds[0] as string,
    ourTeam: config.workspace.teamId,
    pagerduty,
  });
  const acmeIncident = await tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: acme.id } });
  await playDocuments({
    tplus,
    url,
    secret: SECRET,
    incidentId: acmeIncident.id,
    responder: config.responders.userIds[0] as string,
    successOwner: config.customers.find((c) => c.id === 'acme')?.successOwner as string,
    customerId: 'acme',
    ourTeam: config.workspace.teamId,
    triage: config.triage.channelId,
    outDir: process.env.TPLUS_DEMO_OUT ?? join(root, 'data/demo-reports'),
  });
  await playContract({
    tplus,
    clock,
    url,
    secret: SECRET,
    incidentId: acmeIncident.id,
    outDir: process.env.TPLUS_DEMO_OUT ?? join(root, 'data/demo-reports'),
    customer: {
      id: 'acme',
      teamId: 'T0ACME0001',
      userId: 'U0ACMEUSR1',
      channelId: 'C0ACMESHR1',
      successOwner: config.customers.find((c) => c.id === 'acme')?.successOwner as string,
      ourTeam: config.workspace.teamId,
    },
  });
  await tplus.stop();
  await emulator.close();
  await pagerduty.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
