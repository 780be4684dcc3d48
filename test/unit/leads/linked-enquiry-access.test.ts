import { describe, expect, it } from 'vitest';
import { mayAssign, openLead } from '../../../functions/leads/lead-desk';
import type { Lead } from '../../../functions/leads/rules/lead';
import { NotFound } from '../../../functions/shared/errors';
import type { StaffRole } from '../../../infra/manifest';

const person = (staffId: string, role: StaffRole, team: string) => ({
  staffId,
  name: staffId,
  email: `${staffId}@desk.local`,
  role,
  team,
});
const alex = person('alex', 'agent', 'north');
const bea = person('bea', 'agent', 'south');
const sam = person('sam', 'supervisor', 'north');
const sue = person('sue', 'supervisor', 'south');
const maria = person('maria', 'manager', 'office');

const base = {
  email: 'p@example.org',
  country: 'GR',
  language: 'en' as const,
  interest: 'Cleaning',
  source: 'api' as const,
  receivedAt: '2026-05-04T09:00:00.000Z',
  version: 1,
};
const earlier: Lead = {
  ...base,
  leadId: 'E',
  name: 'P',
  status: 'assigned',
  ownerId: 'alex',
  ownerName: 'Alex',
  team: 'north',
};
/** Stored before enquiries took their owner: no owner of its own. */
const legacyEnquiry: Lead = {
  ...base,
  leadId: 'L',
  name: 'P',
  status: 'new',
  linkedTo: { leadId: 'E' },
};

const leads = {
  getLead: async (id: string) => ({ E: earlier, L: legacyEnquiry })[id],
  earlierOwner: async () => ({
    owner: { staffId: 'alex', name: 'Alex', team: 'north' },
    version: earlier.version,
  }),
};

const opens = (principal: ReturnType<typeof person>) =>
  openLead(leads, principal, 'L').then(
    () => true,
    (error) => {
      if (error instanceof NotFound) return false;
      throw error;
    },
  );

describe('a linked enquiry', () => {
  it('belongs to the earlier lead’s owner even before it has one of its own', async () => {
    expect(await opens(alex)).toBe(true);
    expect(await opens(sam)).toBe(true);
    expect(await opens(maria)).toBe(true);
    // Unassigned work is every supervisor's; an enquiry of a worked lead is not.
    expect(await opens(sue)).toBe(false);
    expect(await opens(bea)).toBe(false);
  });

  it('is never assigned on its own: it follows the earlier record', () => {
    expect(mayAssign(maria, legacyEnquiry)).toBe(false);
    expect(mayAssign(sam, legacyEnquiry)).toBe(false);
    expect(mayAssign(maria, earlier)).toBe(true);
  });
});
