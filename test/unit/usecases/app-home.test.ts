import { describe, expect, it } from 'vitest';
import { createCustomerDirectory, type Customer } from '../../../src/domain/customer-directory.ts';
import { homeModel, type HomeData } from '../../../src/usecases/app-home.ts';

const NOW = new Date('2026-11-24T14:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const acme = {
  id: 'acme',
  name: 'Acme',
  successOwner: 'U0CS',
  channels: ['C1'],
  components: [],
} as unknown as Customer;
const directory = createCustomerDirectory('T0US', [acme]);
const ticket = (id: number, status: string, by: string | null) => ({
  id,
  customerId: 'acme',
  severity: 'S3' as const,
  status,
  summary: `ticket ${id}`,
  firstResponseDueAt: at(100 - id),
  firstResponseBy: by,
});
const incident = (id: number, severity: 'S1' | 'S2' | 'S3') => ({
  id,
  severity,
  title: `incident ${id}`,
  customerId: null,
  acknowledgedBy: null,
  commanderId: null,
  nextStep: undefined,
});
const data: HomeData = {
  tickets: [
    ticket(1, 'open', null),
    ticket(2, 'acknowledged', 'U0ME'),
    ticket(3, 'acknowledged', 'U0OTHER'),
    ticket(4, 'open', null),
  ],
  incidents: [incident(1, 'S1'), incident(2, 'S2'), incident(3, 'S3')],
  followUps: [
    { incidentId: 1, kind: 'rca', customerId: 'acme', dueAt: at(300) },
    { incidentId: 1, kind: 'postmortem', customerId: '', dueAt: at(100) },
    { incidentId: 1, kind: 'timeline', customerId: 'acme', dueAt: at(200) },
  ],
};
const model = (userId: string, roles: ('responder' | 'manager' | 'success')[], isExternal = false) =>
  homeModel({ userId, isExternal, roles, data, directory, onCall: ['U0ONCALL'], now: NOW });

describe('who sees what on the App Home', () => {
  it('gives a responder the waiting tickets by due time, their own, and every open incident', () => {
    const m = model('U0ME', ['responder']);
    expect(m.waitingTickets.map((t) => t.id)).toEqual([4, 1]);
    expect(m.myTickets.map((t) => t.id)).toEqual([2]);
    expect(m.incidents.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(m.followUps).toEqual([]);
  });

  it('gives a manager only the open S1 and S2 incidents', () => {
    const m = model('U0MGR', ['manager']);
    expect(m.incidents.map((i) => i.id)).toEqual([1, 2]);
    expect(m.waitingTickets).toEqual([]);
  });

  it('gives a success owner their customers’ customer follow-ups by due time, not the internal post-mortem', () => {
    expect(model('U0CS', ['success']).followUps.map((f) => f.kind)).toEqual(['timeline', 'rca']);
  });

  it('gives an external user nothing, whatever roles were passed', () => {
    const m = model('U0EXT', ['responder', 'manager', 'success'], true);
    expect([m.roles, m.onCall, m.waitingTickets, m.myTickets, m.incidents, m.followUps]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});
