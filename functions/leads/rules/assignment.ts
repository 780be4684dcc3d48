import { z } from 'zod';
import { isCountryCode } from '../../shared/rules/countries';
import type { StaffMember } from '../../shared/staff-member';
import { teamNameSchema } from '../../staff/rules/staff';

/**
 * Assignment balances the book: a lead goes to its team (by the prospect's country, else the
 * default team), and within the team to the active agent with the lightest load for their
 * capacity: open leads and accounts ÷ capacity. Ties go to the fewest open items, then to the
 * lowest staff id, so the same facts always give the same agent. Agents at or over capacity are
 * chosen only when everyone is.
 */

const countryCode = z.string().refine(isCountryCode, { error: 'use ISO country codes like GR' });

export const assignmentRulesSchema = z.object({
  /** The team of a prospect from a country no team lists. */
  defaultTeam: teamNameSchema,
  /** Team → the countries it serves. */
  teamsByCountry: z.record(teamNameSchema, z.array(countryCode)).refine(
    (teams) => {
      const all = Object.values(teams).flat();
      return new Set(all).size === all.length;
    },
    { error: 'a country belongs to one team only' },
  ),
});

export type AssignmentRules = z.infer<typeof assignmentRulesSchema>;

export const defaultAssignmentRules: AssignmentRules = {
  defaultTeam: 'north',
  teamsByCountry: {
    north: ['DE', 'AT', 'CH', 'GB', 'IE'],
    south: ['GR', 'CY', 'KR', 'CN', 'HK', 'TW', 'SG'],
  },
};

/** An agent with what they carry today (the caller counts them from the lead and account lists). */
export interface AgentLoad {
  member: StaffMember;
  openLeads: number;
  openAccounts: number;
}

/** Nobody in the team can take the lead: no active agent at all. */
export class NoAgentAvailable extends Error {
  override name = 'NoAgentAvailable';
}

export function teamForCountry(country: string, rules: AssignmentRules): string {
  for (const [team, countries] of Object.entries(rules.teamsByCountry)) {
    if (countries.includes(country)) return team;
  }
  return rules.defaultTeam;
}

const loadOf = (a: AgentLoad) => a.openLeads + a.openAccounts;

/** Compares load ÷ capacity exactly (cross-multiplied); no capacity is the heaviest of all. */
function byRelativeLoad(a: AgentLoad, b: AgentLoad): number {
  const ca = a.member.capacity;
  const cb = b.member.capacity;
  if (ca === 0 || cb === 0) {
    if (ca !== cb) return ca === 0 ? 1 : -1;
  } else {
    const diff = loadOf(a) * cb - loadOf(b) * ca;
    if (diff !== 0) return diff;
  }
  return loadOf(a) - loadOf(b) || (a.member.staffId < b.member.staffId ? -1 : 1);
}

/** The agent of `team` who gets the next lead; NoAgentAvailable when the team has none. */
export function pickAgent(team: string, agents: readonly AgentLoad[]): StaffMember {
  const candidates = agents.filter(
    (a) => a.member.role === 'agent' && a.member.active && a.member.team === team,
  );
  if (candidates.length === 0) {
    throw new NoAgentAvailable(`Team ${team} has no active agent to take the lead`);
  }
  const withRoom = candidates.filter((a) => loadOf(a) < a.member.capacity);
  const pool = withRoom.length > 0 ? withRoom : candidates;
  const [chosen] = [...pool].sort(byRelativeLoad);
  if (!chosen) throw new NoAgentAvailable(`Team ${team} has no active agent to take the lead`);
  return chosen.member;
}
