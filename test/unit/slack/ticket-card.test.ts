import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../src/domain/customer-directory.ts';
import type { Ticket } from '../../../src/domain/ticket.ts';
import { ticketCard } from '../../../src/slack/views/ticket-card.ts';
import { customerAck, type TicketView } from '../../../src/slack/views/ticket-messages.ts';

const at = new Date('2026-11-24T14:00:00Z');
const acme: Customer = {
  id: 'acme',
  name: 'Acme Corp',
  tier: 'enterprise-premium',
  calendarId: 'us',
  successOwner: 'U0CS',
  teamIds: ['T0ACME'],
  channels: ['C0ACME'],
  supportChannels: [],
  components: [],
};
const base: Ticket = {
  id: 7,
  customerId: 'acme',
  tier: 'enterprise-premium',
  channelId: 'C0ACME',
  threadTs: '1764000000.000100',
  source: 'mention',
  reporterUserId: 'U0ACME',
  reporterTeamId: 'T0ACME',
  isFiledOnBehalf: false,
  summary: 'Checkout fails',
  description: 'Checkout fails',
  impact: null,
  component: null,
  proposedSeverity: null,
  severity: 'S2',
  classificationReason: 'Most like S2.',
  signals: [{ id: 'w:checkout', label: 'checkout <!channel>', matched: '<https://evil.example|checkout>' }],
  classifiedSeverity: 'S2',
  classificationConfidence: 0.784,
  isPossibleS1: false,
  impactAnswers: {},
  status: 'open',
  filedAt: at,
  firstResponseDueAt: new Date(at.getTime() + 3_600_000),
  firstResponseAt: null,
  firstResponseBy: null,
  slaBreachedAt: null,
  escalationRequestedAt: null,
};
const view = (ticket: Partial<Ticket>): TicketView => ({
  ticket: { ...base, ...ticket },
  customer: acme,
  timeZone: 'UTC',
  meaning: (s) => `meaning of ${s}`,
  targetText: () => '1 hour',
  formatInstant: (d) => d.toISOString(),
});
const text = (ticket: Partial<Ticket>) => JSON.stringify(ticketCard(view(ticket)).blocks);

describe('the triage card', () => {
  it('shows the severity with the classifier’s confidence while its severity stands', () => {
    expect(text({})).toContain('*Severity:* S2 · 78 % confident — meaning of S2');
  });

  it('after a change, shows the new severity and what the classifier had said', () => {
    expect(text({ severity: 'S1' })).toContain('*Severity:* S1 — meaning of S1 · classified S2 (78 % confident)');
  });

  it('shows no confidence for a ticket classified before the trained model', () => {
    expect(text({ classifiedSeverity: null, classificationConfidence: null })).toContain(
      '*Severity:* S2 — meaning of S2',
    );
  });

  it('shows the signals with their words, escaped', () => {
    const card = text({});
    expect(card).toContain('checkout &lt;!channel&gt; (“&lt;https://evil.example|checkout&gt;”)');
    expect(card).not.toContain('<!channel>');
    expect(card).not.toContain('<https://evil.example');
  });

  it('puts a possible S1 in its own line, until the ticket is S1', () => {
    const line =
      ':rotating_light: *Possible S1: confirm* — on-call paged; the customer was asked to confirm the impact.';
    expect(text({ isPossibleS1: true })).toContain(line);
    expect(text({ isPossibleS1: true, severity: 'S1' })).not.toContain('Possible S1');
    expect(text({})).not.toContain('Possible S1');
  });

  it('says what the customer answered, and that a lower severity is for a responder to decide', () => {
    const no = { isYes: false, userId: 'U0ACME', at };
    const answers = { 'unusable-for-all': no, 'data-lost-or-exposed': no, workaround: { ...no, isYes: true } };
    expect(text({})).toContain('*Customer’s answers:* none yet');
    const card = text({ impactAnswers: answers });
    expect(card).toContain('unusable for all users: *No*');
    expect(card).toContain("customer's answers suggest S3; a responder decides");
    expect(text({ impactAnswers: { workaround: no } })).toContain('— they confirm S2');
  });
});

describe('the customer’s acknowledgement', () => {
  const ack = (ticket: Partial<Ticket>) => JSON.stringify(customerAck(view(ticket)).blocks);

  it('tells a possible S1 that on-call was paged, and asks the questions', () => {
    expect(ack({ isPossibleS1: true })).toContain('we have paged our on-call engineer now');
    expect(ack({})).not.toContain('paged');
    expect(ack({})).toContain('Is data being lost or exposed to someone who should not see it?');
  });

  it('highlights the answer given, on the button of that answer only', () => {
    const blocks = customerAck(view({ impactAnswers: { workaround: { isYes: false, userId: 'U0ACME', at } } }))
      .blocks as {
      block_id?: string;
      elements?: { text: { text: string }; style?: string; value: string }[];
    }[];
    const workaround = blocks.find((b) => b.block_id === 'impact_7_workaround')!;
    expect(workaround.elements!.map((e) => [e.text.text, e.style ?? null, e.value])).toEqual([
      ['Yes', null, '7:workaround'],
      ['No', 'primary', '7:workaround'],
    ]);
    const unanswered = blocks.find((b) => b.block_id === 'impact_7_unusable-for-all')!;
    expect(unanswered.elements!.every((e) => e.style === undefined)).toBe(true);
  });
});
