import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgentLoad,
  NoAgentAvailable,
  pickAgent,
  teamForCountry,
} from '../../../functions/leads/rules/assignment';
import type { StaffMember } from '../../../functions/shared/staff-member';
import {
  businessRulesSchema,
  defaultBusinessRules,
} from '../../../functions/staff/settings/business-rules';

const member = (
  staffId: string,
  capacity: number,
  over: Partial<StaffMember> = {},
): StaffMember => ({
  staffId,
  name: `Agent ${staffId}`,
  email: `${staffId}@desk.local`,
  role: 'agent',
  team: 'south',
  capacity,
  language: 'el',
  workingHours: { start: '09:00', end: '17:00' },
  active: true,
  version: 1,
  ...over,
});

const load = (m: StaffMember, openLeads: number, openAccounts = 0): AgentLoad => ({
  member: m,
  openLeads,
  openAccounts,
});

describe('the team of a lead', () => {
  const rules = defaultBusinessRules.assignment;
  it('is the team serving its country, else the default team', () => {
    expect(teamForCountry('GR', rules)).toBe('south');
    expect(teamForCountry('DE', rules)).toBe('north');
    expect(teamForCountry('BR', rules)).toBe('north');
  });

  it('comes from settings that refuse a country in two teams', () => {
    const broken = structuredClone(defaultBusinessRules);
    broken.assignment.teamsByCountry = { north: ['GR'], south: ['GR'] };
    const result = businessRulesSchema.safeParse(broken);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'assignment.teamsByCountry',
    ]);
  });
});

describe('picking the agent', () => {
  it('weighs open leads and accounts by capacity', () => {
    // a: 10/40 = 25 %, b: 6/12 = 50 %: a has more items but more room.
    const a = member('a', 40);
    const b = member('b', 12);
    expect(pickAgent('south', [load(b, 3, 3), load(a, 5, 5)])).toBe(a);
  });

  it('breaks ties by fewest items, then by staff id', () => {
    // Both at 50 %: b carries fewer.
    expect(pickAgent('south', [load(member('a', 20), 10), load(member('b', 10), 5)]).staffId).toBe(
      'b',
    );
    expect(pickAgent('south', [load(member('z', 10), 5), load(member('c', 10), 5)]).staffId).toBe(
      'c',
    );
  });

  it('skips other teams, inactive staff and non-agents', () => {
    const picked = pickAgent('south', [
      load(member('other-team', 10, { team: 'north' }), 0),
      load(member('away', 10, { active: false }), 0),
      load(member('boss', 10, { role: 'supervisor' }), 0),
      load(member('busy', 10), 9),
    ]);
    expect(picked.staffId).toBe('busy');
  });

  it('chooses agents at capacity only when everyone is', () => {
    const full = member('full', 2);
    const zero = member('zero', 0);
    const over = member('over', 4);
    expect(
      pickAgent('south', [load(full, 2), load(over, 5), load(member('room', 5), 4)]).staffId,
    ).toBe('room');
    // All full: the least over capacity (full at 100 %, over at 125 %; no capacity last).
    expect(pickAgent('south', [load(over, 5), load(zero, 0), load(full, 2)])).toBe(full);
    expect(pickAgent('south', [load(zero, 3)])).toBe(zero);
  });

  it('fails with a typed error when the team has no active agent', () => {
    expect(() => pickAgent('south', [load(member('n', 10, { team: 'north' }), 0)])).toThrow(
      NoAgentAvailable,
    );
    expect(() => pickAgent('east', [])).toThrow('Team east has no active agent');
  });

  const agentsArb = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        capacity: fc.integer({ min: 0, max: 50 }),
        leads: fc.integer({ min: 0, max: 60 }),
        accounts: fc.integer({ min: 0, max: 60 }),
        active: fc.boolean(),
      }),
      { selector: (a) => a.id, minLength: 1, maxLength: 12 },
    )
    .map((list) =>
      list.map((a) => load(member(a.id, a.capacity, { active: a.active }), a.leads, a.accounts)),
    );

  it('picks an agent nobody beats on relative load (property)', () => {
    fc.assert(
      fc.property(agentsArb, (agents) => {
        const eligible = agents.filter((a) => a.member.active);
        if (eligible.length === 0) {
          expect(() => pickAgent('south', agents)).toThrow(NoAgentAvailable);
          return;
        }
        const chosen = pickAgent('south', agents);
        const mine = agents.find((a) => a.member === chosen) as AgentLoad;
        expect(mine.member.active).toBe(true);
        const items = (a: AgentLoad) => a.openLeads + a.openAccounts;
        const hasRoom = (a: AgentLoad) => items(a) < a.member.capacity;
        if (eligible.some(hasRoom)) {
          expect(hasRoom(mine)).toBe(true);
          for (const other of eligible.filter(hasRoom)) {
            // mine/cap(mine) ≤ other/cap(other), compared without division.
            expect(items(mine) * other.member.capacity).toBeLessThanOrEqual(
              items(other) * mine.member.capacity,
            );
          }
        }
      }),
    );
  });

  it('gives the same agent whatever the order of the list (property)', () => {
    fc.assert(
      fc.property(
        agentsArb.filter((a) => a.some((x) => x.member.active)),
        (agents) => {
          expect(pickAgent('south', [...agents].reverse()).staffId).toBe(
            pickAgent('south', agents).staffId,
          );
        },
      ),
    );
  });
});
