import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type StaffSession, signInAs } from '../../support/staff-session';

/** The directory and settings API: validation naming fields, versions, and what a write needs. */

const cloud = inject('localCloud');
let manager: StaffSession;

beforeAll(async () => {
  manager = await signInAs(cloud, 'maria.manager@desk.local');
});

const json = (method: string, value: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

const newcomer = () => ({
  name: 'Nora Newcomer',
  email: `nora.${crypto.randomUUID()}@desk.local`,
  role: 'agent',
  team: 'south',
  capacity: 25,
  language: 'el',
  workingHours: { start: '08:30', end: '16:30' },
});

describe('the staff directory', () => {
  it('adds an entry a manager gives, and finds it by id and in the team list', async () => {
    const created = await manager.fetch('/staff', json('POST', newcomer()));
    expect(created.status).toBe(201);
    const entry = (await created.json()) as { staffId: string; version: number };
    expect(entry.version).toBe(1);
    expect((await manager.fetch(`/staff/${entry.staffId}`)).status).toBe(200);
    const south = (await (await manager.fetch('/staff?team=south')).json()) as {
      staff: { staffId: string; team: string }[];
    };
    expect(south.staff.map((s) => s.staffId)).toContain(entry.staffId);
    expect(south.staff.every((s) => s.team === 'south')).toBe(true);
  });

  it('refuses bad input with 400 naming each field, and stores nothing', async () => {
    const bad = { ...newcomer(), email: 'not-an-email', capacity: -1, role: 'boss' };
    const answer = await manager.fetch('/staff', json('POST', bad));
    expect(answer.status).toBe(400);
    const { errors } = (await answer.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['capacity', 'email', 'role']);
    const hours = await manager.fetch(
      '/staff',
      json('POST', { ...newcomer(), workingHours: { start: '18:00', end: '09:00' } }),
    );
    expect(((await hours.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'workingHours',
    );
  });

  it('refuses a second entry with the same email', async () => {
    const entry = newcomer();
    expect((await manager.fetch('/staff', json('POST', entry))).status).toBe(201);
    const twice = await manager.fetch('/staff', json('POST', { ...entry, name: 'Other' }));
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'email',
    );
  });

  it('answers a stale edit 409 and keeps the newer one', async () => {
    const created = (await (await manager.fetch('/staff', json('POST', newcomer()))).json()) as {
      staffId: string;
    } & Record<string, unknown>;
    const { staffId, version: _v, ...details } = created;
    const first = await manager.fetch(
      `/staff/${staffId}`,
      json('PUT', { ...details, capacity: 30, version: 1 }),
    );
    expect(first.status).toBe(200);
    expect(((await first.json()) as { version: number }).version).toBe(2);
    const stale = await manager.fetch(
      `/staff/${staffId}`,
      json('PUT', { ...details, capacity: 5, version: 1 }),
    );
    expect(stale.status).toBe(409);
    const now = (await (await manager.fetch(`/staff/${staffId}`)).json()) as { capacity: number };
    expect(now.capacity).toBe(30);
  });

  it('takes writes only as JSON: a cross-site form cannot send one', async () => {
    const answer = await manager.fetch('/staff', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Eve&email=eve%40evil.example',
    });
    expect(answer.status).toBe(415);
  });

  it('refuses a team supervisor who is not a supervisor of that team', async () => {
    const { staff } = (await (await manager.fetch('/staff?role=agent&team=north')).json()) as {
      staff: { staffId: string }[];
    };
    const answer = await manager.fetch(
      '/teams/north',
      json('PUT', { supervisorId: staff[0]?.staffId, version: 1 }),
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'supervisorId',
    );
  });
});

describe('the settings', () => {
  it('hold the business calendar, and refuse a bad one naming the setting', async () => {
    const current = (await (await manager.fetch('/settings')).json()) as {
      rules: { calendar: { workingDays: number[] } } & Record<string, unknown>;
      version: number;
    };
    expect(current.rules.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
    const bad = await manager.fetch(
      '/settings',
      json('PUT', {
        version: current.version,
        rules: {
          ...current.rules,
          calendar: { ...current.rules.calendar, hours: { start: '25:00', end: '17:00' } },
        },
      }),
    );
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: { field: string }[] };
    expect(errors[0]?.field).toBe('calendar.hours.start');
    const stale = await manager.fetch(
      '/settings',
      json('PUT', { version: current.version - 1 || 999, rules: current.rules }),
    );
    expect(stale.status).toBe(409);
  });
});
