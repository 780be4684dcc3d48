import { beforeAll, describe, expect, inject, it } from 'vitest';
import { manifest } from '../../../infra/manifest';
import { leadOwnedBy } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Every staff route × every role × the caller's own record or another's, against the running
 * local cloud with real sign-ins. The expected statuses are written out by hand from DOMAIN.md
 * ("People and roles"), not derived from the manifest or the code: if either drifts, this fails.
 * The back office's pages (`/office/…`) have their own matrix.
 *
 * Callers: agent = Alex (north), supervisor = Sam (north), manager = Maria, finance = Finn.
 * "own" is the caller's own record (for a supervisor: their team's); "other" belongs to Bea
 * (agent, south). 403 is the gateway refusing the role; 404 is a record the caller may not see.
 */

type Role = 'agent' | 'supervisor' | 'manager' | 'finance';
type Which = 'own' | 'other';

const expected: [route: string, role: Role, own: number, other: number][] = [
  ['GET /leads/{leadId}', 'agent', 200, 404],
  ['GET /leads/{leadId}', 'supervisor', 200, 404],
  ['GET /leads/{leadId}', 'manager', 200, 200],
  ['GET /leads/{leadId}', 'finance', 403, 403],

  ['GET /staff', 'agent', 403, 403],
  ['GET /staff', 'supervisor', 200, 200],
  ['GET /staff', 'manager', 200, 200],
  ['GET /staff', 'finance', 403, 403],

  ['GET /staff/me', 'agent', 200, 200],
  ['GET /staff/me', 'supervisor', 200, 200],
  ['GET /staff/me', 'manager', 200, 200],
  ['GET /staff/me', 'finance', 200, 200],

  ['GET /staff/{staffId}', 'agent', 200, 404],
  ['GET /staff/{staffId}', 'supervisor', 200, 404],
  ['GET /staff/{staffId}', 'manager', 200, 200],
  ['GET /staff/{staffId}', 'finance', 200, 404],

  ['POST /staff', 'agent', 403, 403],
  ['POST /staff', 'supervisor', 403, 403],
  ['POST /staff', 'manager', 201, 201],
  ['POST /staff', 'finance', 403, 403],

  ['PUT /staff/{staffId}', 'agent', 403, 403],
  ['PUT /staff/{staffId}', 'supervisor', 403, 403],
  ['PUT /staff/{staffId}', 'manager', 200, 200],
  ['PUT /staff/{staffId}', 'finance', 403, 403],

  ['GET /teams', 'agent', 403, 403],
  ['GET /teams', 'supervisor', 200, 200],
  ['GET /teams', 'manager', 200, 200],
  ['GET /teams', 'finance', 403, 403],

  ['PUT /teams/{team}', 'agent', 403, 403],
  ['PUT /teams/{team}', 'supervisor', 403, 403],
  ['PUT /teams/{team}', 'manager', 200, 200],
  ['PUT /teams/{team}', 'finance', 403, 403],

  ['GET /settings', 'agent', 403, 403],
  ['GET /settings', 'supervisor', 200, 200],
  ['GET /settings', 'manager', 200, 200],
  ['GET /settings', 'finance', 200, 200],

  ['PUT /settings', 'agent', 403, 403],
  ['PUT /settings', 'supervisor', 403, 403],
  ['PUT /settings', 'manager', 200, 200],
  ['PUT /settings', 'finance', 403, 403],

  // Payments are recorded by finance and managers; the call names no real account, so the
  // answer is 400 (accountId) and nothing is recorded.
  ['POST /payments', 'agent', 403, 403],
  ['POST /payments', 'supervisor', 403, 403],
  ['POST /payments', 'manager', 400, 400],
  ['POST /payments', 'finance', 400, 400],
];

const callers: Record<Role, string> = {
  agent: 'alex.agent@desk.local',
  supervisor: 'sam.supervisor@desk.local',
  manager: 'maria.manager@desk.local',
  finance: 'finn.finance@desk.local',
};

const cloud = inject('localCloud');
const sessions = {} as Record<Role, StaffSession>;
let manager: StaffSession;
interface Entry {
  staffId: string;
  team: string;
  version: number;
  [field: string]: unknown;
}
const entries = {} as Record<Role | 'bea', Entry>;
const leads = {} as Record<'alex' | 'bea' | 'unassigned', string>;

beforeAll(async () => {
  for (const role of Object.keys(callers) as Role[]) {
    sessions[role] = await signInAs(cloud, callers[role]);
    entries[role] = (await (await sessions[role].fetch('/staff/me')).json()) as Entry;
  }
  manager = sessions.manager;
  const bea = await signInAs(cloud, 'bea.agent@desk.local');
  entries.bea = (await (await bea.fetch('/staff/me')).json()) as Entry;
  leads.alex = await leadOwnedBy(cloud, { staffId: entries.agent.staffId, team: 'north' });
  leads.bea = await leadOwnedBy(cloud, { staffId: entries.bea.staffId, team: 'south' });
  leads.unassigned = await leadOwnedBy(cloud);
});

const json = (method: string, value: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** The current entry, as the manager reads it, as a full edit (same values, current version). */
async function sameEdit(staffId: string) {
  const {
    staffId: _id,
    identitySubject: _sub,
    ...entry
  } = (await (await manager.fetch(`/staff/${staffId}`)).json()) as Entry;
  return entry;
}

/** How each route is called, for the caller's own record or another's. */
const calls: Record<string, (s: StaffSession, role: Role, which: Which) => Promise<Response>> = {
  'GET /leads/{leadId}': (s, _role, which) =>
    s.fetch(`/leads/${which === 'own' ? leads.alex : leads.bea}`),
  'GET /staff': (s) => s.fetch('/staff'),
  'GET /staff/me': (s) => s.fetch('/staff/me'),
  'GET /staff/{staffId}': (s, role, which) =>
    s.fetch(`/staff/${which === 'own' ? entries[role].staffId : entries.bea.staffId}`),
  'POST /staff': (s) =>
    s.fetch(
      '/staff',
      json('POST', {
        name: 'Matrix Newcomer',
        email: `newcomer.${crypto.randomUUID()}@desk.local`,
        role: 'agent',
        team: 'north',
        capacity: 10,
        language: 'de',
        workingHours: { start: '08:00', end: '16:00' },
      }),
    ),
  'PUT /staff/{staffId}': async (s, role, which) => {
    const target = which === 'own' ? entries[role].staffId : entries.bea.staffId;
    return s.fetch(`/staff/${target}`, json('PUT', await sameEdit(target)));
  },
  'GET /teams': (s) => s.fetch('/teams'),
  'PUT /teams/{team}': async (s, _role, which) => {
    const team = which === 'own' ? 'north' : 'south';
    const { teams } = (await (await manager.fetch('/teams')).json()) as {
      teams: { team: string; supervisorId: string; version: number }[];
    };
    const current = teams.find((t) => t.team === team);
    return s.fetch(
      `/teams/${team}`,
      json('PUT', { supervisorId: current?.supervisorId, version: current?.version }),
    );
  },
  'GET /settings': (s) => s.fetch('/settings'),
  'POST /payments': (s, _role, which) =>
    s.fetch('/payments', {
      ...json('POST', {
        accountId: `ACC-matrix-${which}`,
        amount: '1.00',
        currency: 'EUR',
        date: '2026-01-15',
        method: 'cash',
        reference: 'Role matrix',
      }),
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    }),
  'PUT /settings': async (s) => {
    const current = (await (await manager.fetch('/settings')).json()) as {
      rules: unknown;
      version: number;
    };
    return s.fetch('/settings', json('PUT', current));
  },
};

describe('the role matrix', () => {
  it('covers every staff route outside the back office', () => {
    const declared = manifest.routes
      .filter((r) => r.access.kind === 'staff' && !r.path.startsWith('/office'))
      .map((r) => `${r.method} ${r.path}`);
    expect([...new Set(expected.map(([route]) => route))].sort()).toEqual(declared.sort());
    expect(Object.keys(calls).sort()).toEqual(declared.sort());
  });

  // Writes of one route run one after another (a settings PUT reads the version it replaces).
  it.each(expected)('%s as %s: own %i, other %i', async (route, role, own, other) => {
    const call = calls[route];
    if (!call) throw new Error(`No call for ${route}`);
    const ownAnswer = await call(sessions[role], role, 'own');
    expect(ownAnswer.status, `${route} as ${role}, own: ${await ownAnswer.clone().text()}`).toBe(
      own,
    );
    const otherAnswer = await call(sessions[role], role, 'other');
    expect(otherAnswer.status, `${route} as ${role}, other`).toBe(other);
  });

  it('unassigned leads: supervisors and managers see them, agents do not', async () => {
    const status = async (role: Role) =>
      (await sessions[role].fetch(`/leads/${leads.unassigned}`)).status;
    expect(await status('agent')).toBe(404);
    expect(await status('supervisor')).toBe(200);
    expect(await status('manager')).toBe(200);
    expect(await status('finance')).toBe(403);
  });

  it.each(
    manifest.routes.filter((r) => r.access.kind === 'staff' && !r.path.startsWith('/office')),
  )('anonymous $method $path is 401, a forged session 403', async (route) => {
    const path = route.path
      .replace('{leadId}', leads.alex)
      .replace('{staffId}', entries.agent.staffId)
      .replace('{team}', 'north');
    const init = route.method === 'GET' ? {} : json(route.method, {});
    const anonymous = await fetch(`${cloud.gatewayUrl}${path}`, init);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Unauthorized' });
    const forged = await fetch(`${cloud.gatewayUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as object), cookie: `desk_session=${sessions.manager.token}x` },
    });
    expect(forged.status).toBe(403);
  });
});
