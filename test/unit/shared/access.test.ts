import { describe, expect, it } from 'vitest';
import { mayChange, maySee, type OwnedRecord, staffRecord } from '../../../functions/shared/access';
import type { StaffPrincipal } from '../../../functions/shared/staff-member';

const person = (role: StaffPrincipal['role'], staffId: string, team: string): StaffPrincipal => ({
  staffId,
  name: staffId,
  email: `${staffId}@desk.local`,
  role,
  team,
});
const alex = person('agent', 'alex', 'north');
const sam = person('supervisor', 'sam', 'north');
const maria = person('manager', 'maria', 'office');
const finn = person('finance', 'finn', 'office');

const alexsLead: OwnedRecord = { ownerId: 'alex', team: 'north' };
const beasLead: OwnedRecord = { ownerId: 'bea', team: 'south' };
const unassigned: OwnedRecord = {};

describe('record access', () => {
  it('an agent sees and changes only their own records', () => {
    expect(maySee(alex, 'lead', alexsLead)).toBe(true);
    expect(mayChange(alex, 'contract', alexsLead)).toBe(true);
    expect(maySee(alex, 'lead', beasLead)).toBe(false);
    expect(maySee(alex, 'lead', { ownerId: 'bea', team: 'north' })).toBe(false);
    expect(maySee(alex, 'lead', unassigned)).toBe(false);
  });

  it("a supervisor sees their team's records and unassigned ones, not another team's", () => {
    expect(maySee(sam, 'lead', alexsLead)).toBe(true);
    expect(mayChange(sam, 'work-order', alexsLead)).toBe(true);
    expect(maySee(sam, 'lead', unassigned)).toBe(true);
    expect(maySee(sam, 'lead', beasLead)).toBe(false);
    expect(mayChange(sam, 'lead', beasLead)).toBe(false);
  });

  it('a manager sees and changes everything', () => {
    for (const record of [alexsLead, beasLead, unassigned]) {
      expect(maySee(maria, 'contract', record)).toBe(true);
      expect(mayChange(maria, 'contract', record)).toBe(true);
    }
  });

  it('finance reads every money record and edits no lead or contract', () => {
    expect(maySee(finn, 'invoice', beasLead)).toBe(true);
    expect(maySee(finn, 'payment', alexsLead)).toBe(true);
    expect(mayChange(finn, 'payment', alexsLead)).toBe(true);
    expect(maySee(finn, 'lead', alexsLead)).toBe(false);
    expect(mayChange(finn, 'contract', alexsLead)).toBe(false);
    expect(mayChange(finn, 'lead', alexsLead)).toBe(false);
  });

  it('directory entries: everyone sees their own, supervisors their team, managers all; only managers edit', () => {
    const alexEntry = staffRecord({ staffId: 'alex', team: 'north' });
    const beaEntry = staffRecord({ staffId: 'bea', team: 'south' });
    expect(maySee(alex, 'staff-member', alexEntry)).toBe(true);
    expect(maySee(alex, 'staff-member', beaEntry)).toBe(false);
    expect(maySee(sam, 'staff-member', alexEntry)).toBe(true);
    expect(maySee(sam, 'staff-member', beaEntry)).toBe(false);
    expect(maySee(finn, 'staff-member', alexEntry)).toBe(false);
    expect(maySee(maria, 'staff-member', beaEntry)).toBe(true);
    expect(mayChange(sam, 'staff-member', alexEntry)).toBe(false);
    expect(mayChange(maria, 'staff-member', alexEntry)).toBe(true);
  });
});
