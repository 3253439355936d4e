import { describe, expect, it } from 'vitest';
import {
  createCustomerDirectory,
  identifyIntake,
  isResponder,
  type Customer,
} from '../../../src/domain/customer-directory.ts';

const acme: Customer = {
  id: 'acme',
  name: 'Acme',
  tier: 'enterprise-premium',
  calendarId: 'us',
  successOwner: 'U0CS',
  teamIds: ['T0ACME'],
  channels: ['C0ACME', 'C0ACME2'],
  supportChannels: ['C0ACME'],
  components: [],
};
const directory = createCustomerDirectory('T0OURS', [acme]);

describe('identifying who files a ticket', () => {
  it('finds the customer from the channel, and the actor from their team id', () => {
    expect(identifyIntake(directory, 'C0ACME2', 'T0ACME')).toEqual({ ok: true, customer: acme, actor: 'customer' });
    expect(identifyIntake(directory, 'C0ACME', 'T0OURS')).toEqual({ ok: true, customer: acme, actor: 'internal' });
  });

  it('refuses a channel that belongs to no customer, whoever writes', () => {
    expect(identifyIntake(directory, 'C0OTHER', 'T0ACME')).toEqual({ ok: false, reason: 'unknown-channel' });
  });

  it('refuses a third organisation in the customer’s shared channel, and an actor with no team', () => {
    expect(identifyIntake(directory, 'C0ACME', 'T0THIRD')).toMatchObject({ ok: false, reason: 'stranger' });
    expect(identifyIntake(directory, 'C0ACME', undefined)).toMatchObject({ ok: false, reason: 'stranger' });
  });
});

describe('isResponder', () => {
  const responders = new Set(['U0RESP']);
  it('is true only for a listed user of our own team', () => {
    expect(isResponder(responders, 'T0OURS', { id: 'U0RESP', teamId: 'T0OURS' })).toBe(true);
    expect(isResponder(responders, 'T0OURS', { id: 'U0OTHER', teamId: 'T0OURS' })).toBe(false);
  });
  it('is false for an external user even when their user id collides with a responder’s', () => {
    expect(isResponder(responders, 'T0OURS', { id: 'U0RESP', teamId: 'T0ACME' })).toBe(false);
  });
});
