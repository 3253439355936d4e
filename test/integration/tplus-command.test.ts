import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlashCommand } from '../../src/sandbox/driver/index.ts';
import { VERBS } from '../../src/slack/listeners/commands/tplus-command.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { nextTs } from '../support/payloads.ts';

describe('/tplus through the real receiver', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  const command = async (text: string, user = ids.responder, channel = ids.triage) => {
    const response = await h.send(
      'command',
      buildSlashCommand({
        teamId: ids.ourTeam,
        user: { id: user, teamId: ids.ourTeam },
        channel,
        command: '/tplus',
        text,
        triggerId: `trig-${nextTs()}`,
      }),
    );
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as { response_type: string; text: string };
  };

  it('files /tplus ticket with the words as typed, though Slack escaped them', async () => {
    const answer = await command('ticket acme Exports fail for R&amp;D when a name has &lt;b&gt; in it', ids.responder);
    expect(answer.text).toMatch(/^Filing a ticket for Acme/);
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(ticket.description).toBe('Exports fail for R&D when a name has <b> in it');
  });

  it('lists every verb, ephemerally, for help, an empty command and an unknown verb', async () => {
    for (const text of ['help', '', 'frobnicate']) {
      const answer = await command(text);
      expect(answer.response_type).toBe('ephemeral');
      for (const verb of Object.keys(VERBS)) expect(answer.text, `${text}: ${verb}`).toContain(`\`/tplus ${verb}`);
    }
  });
});
