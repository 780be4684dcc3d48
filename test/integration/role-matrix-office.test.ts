import { beforeAll, describe, expect, inject, it } from 'vitest';
import { manifest } from '../../infra/manifest';
import {
  assignLead,
  csrfOf,
  postForm,
  seeded,
  staffIdOf,
  submitLead,
  uniqueWord,
} from '../support/office';
import { type StaffSession, signInAs } from '../support/staff-session';

/**
 * Who may open what in the back office, WRITTEN OUT BY HAND (not derived from the manifest or the
 * access rules: this table is what they must agree with).
 *
 * The people: agent = Alex (team north), supervisor = Sam (north), manager = Maria,
 * finance = Finn. Records:
 * - lead "own": assigned to Alex (so Sam's team's); lead "other": assigned to Bea (team south).
 * - staff "own": the caller's own entry; staff "other": Bea's entry (agent, south).
 * Posts carry a valid CSRF token and change nothing (an assignment to the current owner; forms
 * that fail validation), so the table tests access, not side effects.
 *
 * Decisions: agents, supervisors and managers enter leads (New lead); the directory list is for supervisors (their team) and managers (everyone); every
 * role may open their own entry ("My profile"); only managers add or edit entries, and only
 * managers see and change the settings. Finance has no lead access. A record one may not see is
 * answered 404, a route one's role may not use 403, no session 401.
 */

type Who = 'agent' | 'supervisor' | 'manager' | 'finance';
type RecordKind = 'none' | 'own' | 'other';

interface Row {
  route: string;
  record: RecordKind;
  expected: Record<Who, number>;
}

const all = (status: number) => ({
  agent: status,
  supervisor: status,
  manager: status,
  finance: status,
});

const matrix: Row[] = [
  { route: 'GET /office', record: 'none', expected: all(200) },
  {
    route: 'GET /office/leads',
    record: 'none',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/leads/new',
    record: 'none',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    // A form without fields: refused as incomplete, nothing entered.
    route: 'POST /office/leads/new',
    record: 'none',
    expected: { agent: 400, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/leads/{leadId}',
    record: 'own',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/leads/{leadId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/assign',
    record: 'own',
    expected: { agent: 403, supervisor: 303, manager: 303, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/assign',
    record: 'other',
    expected: { agent: 403, supervisor: 404, manager: 303, finance: 403 },
  },
  {
    // A stale version: refused as changed meanwhile, so nothing is logged.
    route: 'POST /office/leads/{leadId}/first-contact',
    record: 'own',
    expected: { agent: 409, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/first-contact',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 409, finance: 403 },
  },
  {
    route: 'GET /office/staff',
    record: 'none',
    expected: { agent: 403, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/staff/new',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/staff/new',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  { route: 'GET /office/staff/{staffId}', record: 'own', expected: all(200) },
  {
    route: 'GET /office/staff/{staffId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 404 },
  },
  {
    route: 'POST /office/staff/{staffId}',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/staff/{staffId}',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/settings',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/settings',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
];

const cloud = inject('localCloud');
const people: Record<Who, string> = {
  agent: seeded.agentNorth,
  supervisor: seeded.supervisorNorth,
  manager: seeded.manager,
  finance: seeded.finance,
};

let sessions: Record<Who, StaffSession>;
let csrf: Record<Who, string>;
let staffIds: Record<Who | 'bea', string>;
let leads: { own: string; other: string };

beforeAll(async () => {
  const [agent, supervisor, manager, finance] = await Promise.all(
    (['agent', 'supervisor', 'manager', 'finance'] as const).map((who) =>
      signInAs(cloud, people[who]),
    ),
  );
  sessions = { agent, supervisor, manager, finance } as Record<Who, StaffSession>;
  const tokens = await Promise.all(Object.values(sessions).map(csrfOf));
  csrf = {
    agent: tokens[0],
    supervisor: tokens[1],
    manager: tokens[2],
    finance: tokens[3],
  } as Record<Who, string>;
  const ids = await Promise.all(
    [...Object.values(people), seeded.agentSouth].map((email) =>
      staffIdOf(sessions.manager, email),
    ),
  );
  staffIds = {
    agent: ids[0],
    supervisor: ids[1],
    manager: ids[2],
    finance: ids[3],
    bea: ids[4],
  } as Record<Who | 'bea', string>;
  const word = uniqueWord();
  leads = {
    own: await submitLead(cloud, { name: 'Own Lead', email: `own.${word}@example.org` }),
    other: await submitLead(cloud, { name: 'Other Lead', email: `other.${word}@example.org` }),
  };
  expect((await assignLead(sessions.manager, leads.own, staffIds.agent)).status).toBe(303);
  expect((await assignLead(sessions.manager, leads.other, staffIds.bea)).status).toBe(303);
});

function pathOf(route: string, record: RecordKind, who: Who): string {
  const path = route.split(' ')[1] ?? '';
  const staffId = record === 'own' ? staffIds[who] : staffIds.bea;
  return path
    .replace('{leadId}', record === 'other' ? leads.other : leads.own)
    .replace('{staffId}', staffId);
}

function formFor(route: string, record: RecordKind, who: Who): Record<string, string> {
  if (route === 'POST /office/leads/{leadId}/assign') {
    // The lead's current owner again: allowed or not, nothing changes.
    return {
      csrf: csrf[who],
      version: '2',
      agentId: record === 'own' ? staffIds.agent : staffIds.bea,
    };
  }
  if (route === 'POST /office/leads/{leadId}/first-contact')
    return { csrf: csrf[who], version: '1' };
  return { csrf: csrf[who] };
}

describe('back office role matrix', () => {
  it('every /office route of the manifest is in the matrix', () => {
    const declared = manifest.routes
      .filter((r) => r.path.startsWith('/office') && r.access.kind === 'staff')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect([...new Set(matrix.map((r) => r.route))].sort()).toEqual(declared);
  });

  for (const row of matrix) {
    for (const who of ['agent', 'supervisor', 'manager', 'finance'] as const) {
      it(`${row.route} (${row.record}) as ${who} → ${row.expected[who]}`, async () => {
        const path = pathOf(row.route, row.record, who);
        const response = row.route.startsWith('POST')
          ? await postForm(sessions[who], path, formFor(row.route, row.record, who))
          : await sessions[who].fetch(path, { headers: { accept: 'text/html' } });
        expect(response.status).toBe(row.expected[who]);
      });
    }
  }

  it('the lead assignments above changed nothing', async () => {
    const page = await (
      await sessions.manager.fetch(`/office/leads/${leads.other}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(page).toContain('Bea Agent (team south)');
    expect(page.match(/Assigned to /g)?.length).toBe(1);
  });

  it('every staff route refuses a call without a session (401)', async () => {
    for (const row of matrix) {
      const [method] = row.route.split(' ');
      const response = await fetch(`${cloud.gatewayUrl}${pathOf(row.route, row.record, 'agent')}`, {
        method,
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(method === 'POST' ? { body: 'csrf=x' } : {}),
      });
      expect(response.status, row.route).toBe(401);
    }
  });

  it('serves the stylesheet to anyone', async () => {
    const response = await fetch(`${cloud.gatewayUrl}/office/assets/desk.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(await response.text()).toContain('.skip-link');
  });
});
