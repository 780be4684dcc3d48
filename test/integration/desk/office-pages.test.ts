import { beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForEmailsTo } from '../../support/local-cloud-clients';
import {
  assignLead,
  csrfOf,
  decodeEntities,
  fieldValue,
  postForm,
  seeded,
  staffIdOf,
  submitLead,
  uniqueWord,
} from '../../support/office';
import { type StaffSession, signInAs } from '../../support/staff-session';

/** The back-office pages over HTTP against the local cloud: what staff see and what they change. */

const cloud = inject('localCloud');
const html = { accept: 'text/html' };
let manager: StaffSession;
let supervisor: StaffSession;
let agent: StaffSession;
let ids: { alex: string; bea: string };

beforeAll(async () => {
  [manager, supervisor, agent] = await Promise.all([
    signInAs(cloud, seeded.manager),
    signInAs(cloud, seeded.supervisorNorth),
    signInAs(cloud, seeded.agentNorth),
  ]);
  const [alex, bea] = await Promise.all([
    staffIdOf(manager, seeded.agentNorth),
    staffIdOf(manager, seeded.agentSouth),
  ]);
  ids = { alex: alex as string, bea: bea as string };
});

const text = async (session: StaffSession, path: string) =>
  (await session.fetch(path, { headers: html })).text();

describe('leads in the back office', () => {
  it('shows a new lead with its timeline, escaped, and lets a supervisor assign it once', async () => {
    const word = uniqueWord();
    // From a blocked domain: flagged, it waits unassigned for a supervisor.
    const email = `esc.${word}@mailinator.com`;
    const leadId = await submitLead(cloud, {
      name: `<script>alert(1)</script> ${word}`,
      company: `"Quoted" & Co ${word}`,
      email,
    });
    await waitForEmailsTo(cloud, email);

    const list = await text(supervisor, `/office/leads?q=${word}`);
    expect(list).toContain(`/office/leads/${leadId}`);
    expect(list).not.toContain('<script>alert(1)</script>');
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const before = await text(supervisor, `/office/leads/${leadId}`);
    const managerBefore = await text(manager, `/office/leads/${leadId}`);
    expect(before).toMatch(/Lead received: Office cleaning[\s\S]*through API/);
    expect(before).toMatch(
      /Qualification<\/dt><dd>Score \d+ \([a-z ]+\); flagged: blocked-email-domain/,
    );
    expect(before).toMatch(/Email &quot;[^<]+&quot; sent to esc\.[^<]+[\s\S]*through outbox/);

    // An agent of another team is refused, named next to the choice, and nothing changes.
    const refused = await assignLead(supervisor, leadId, ids.bea);
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('aria-describedby="f-agentId-error"');
    expect(refusedPage).toMatch(/id="f-agentId-error">Choose an active agent of your team/);

    const done = await assignLead(supervisor, leadId, ids.alex);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/office/leads/${leadId}?done=assigned`);
    const after = await text(supervisor, `/office/leads/${leadId}?done=assigned`);
    expect(after).toContain('Lead assigned to Alex Agent.');
    expect(after).toMatch(
      /Assigned to Alex Agent \(team north\)[\s\S]*By Sam Supervisor, through back office/,
    );

    // Maria's page was opened before the assignment: her reassignment is refused, nothing changes.
    const stale = await postForm(manager, `/office/leads/${leadId}/assign`, {
      csrf: fieldValue(managerBefore, 'csrf') ?? '',
      version: fieldValue(managerBefore, 'version') ?? '',
      agentId: ids.bea,
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Someone changed this lead while you were looking at it');
    // Sam's own form again (a double click): the same agent, so nothing to do and no error.
    const twice = await postForm(supervisor, `/office/leads/${leadId}/assign`, {
      csrf: fieldValue(before, 'csrf') ?? '',
      version: fieldValue(before, 'version') ?? '',
      agentId: ids.alex,
    });
    expect(twice.status).toBe(303);
    const timeline = await text(manager, `/office/leads/${leadId}`);
    expect(timeline.match(/Assigned to Alex Agent/g)?.length).toBe(1);

    // Alex now has the lead on his list and his dashboard; Bea's list does not show it.
    expect(await text(agent, '/office/leads')).toContain(`/office/leads/${leadId}`);
    expect(await text(agent, '/office')).toMatch(
      new RegExp(`First contacts due[\\s\\S]*${leadId}`),
    );
    const bea = await signInAs(cloud, seeded.agentSouth);
    expect(await text(bea, '/office/leads')).not.toContain(leadId);
    expect((await bea.fetch(`/office/leads/${leadId}`, { headers: html })).status).toBe(404);
  });

  it('refuses a form post without the session CSRF token', async () => {
    const leadId = await submitLead(cloud, {
      name: 'Csrf Check',
      email: `csrf.${uniqueWord()}@mailinator.com`,
    });
    const response = await postForm(manager, `/office/leads/${leadId}/assign`, {
      csrf: 'forged',
      version: '1',
      agentId: ids.alex,
    });
    expect(response.status).toBe(403);
    expect(await text(manager, `/office/leads/${leadId}`)).toContain('Unassigned');
  });

  it('names a bad filter next to its field', async () => {
    const response = await supervisor.fetch('/office/leads?status=sideways&after=nonsense', {
      headers: html,
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('id="f-status-error"');
    expect(page).toContain('This page link is broken');
  });
});

describe('settings', () => {
  it('saves a new version, and refuses an edit of an older one with a clear message', async () => {
    const page = await text(manager, '/office/settings');
    const version = Number(fieldValue(page, 'version'));
    const field = 'quotes.validityDays';
    const current = Number(fieldValue(page, field));
    const form: Record<string, string> = {};
    for (const m of page.matchAll(/<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
      form[m[1] as string] = decodeEntities(m[2] ?? '');
    }
    for (const m of page.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
      form[m[1] as string] = decodeEntities(m[2] ?? '');
    }

    const saved = await postForm(manager, '/office/settings', {
      ...form,
      [field]: String(current + 1),
    });
    expect(saved.status, await saved.clone().text()).toBe(303);
    const after = await text(manager, saved.headers.get('location') ?? '');
    expect(after).toContain(`Settings saved as version ${version + 1}.`);
    expect(fieldValue(after, field)).toBe(String(current + 1));

    // The same old form again: someone saved meanwhile, so it is refused and changes nothing.
    const stale = await postForm(manager, '/office/settings', { ...form, [field]: '99' });
    expect(stale.status).toBe(409);
    const stalePage = await stale.text();
    expect(stalePage).toContain(
      `someone saved version ${version + 1} after you opened version ${version}`,
    );
    expect(fieldValue(await text(manager, '/office/settings'), field)).toBe(String(current + 1));

    // A rule broken: the problem sits next to its field, nothing saved.
    const fresh = await text(manager, '/office/settings');
    const bad = await postForm(manager, '/office/settings', {
      ...form,
      version: fieldValue(fresh, 'version') ?? '',
      csrf: await csrfOf(manager),
      'leads.firstContactReminderDay': '0',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="f-leads-firstContactReminderDay-error"');
  });
});

describe('the staff directory', () => {
  it('lets a manager add and edit an entry, and refuses a stale edit', async () => {
    const csrf = await csrfOf(manager);
    const email = `new.${uniqueWord()}@desk.local`;
    const entry = {
      csrf,
      name: 'Nora New',
      email,
      role: 'agent',
      team: 'north',
      capacity: '12',
      language: 'de',
      'workingHours.start': '08:00',
      'workingHours.end': '16:00',
      active: 'true',
    };
    const missing = await postForm(manager, '/office/staff/new', {
      ...entry,
      name: '',
      capacity: 'many',
    });
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(missingPage).toContain('id="f-name-error"');
    expect(missingPage).toContain('id="f-capacity-error"');

    const created = await postForm(manager, '/office/staff/new', entry);
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    const page = await text(manager, location);
    expect(page).toContain('Staff member added.');
    expect(fieldValue(page, 'capacity')).toBe('12');

    const again = await postForm(manager, '/office/staff/new', entry);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('someone in the directory has this email already');

    const path = location.split('?')[0] ?? '';
    const edited = await postForm(manager, path, { ...entry, capacity: '15', version: '1' });
    expect(edited.status).toBe(303);
    const stale = await postForm(manager, path, { ...entry, capacity: '20', version: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('someone changed this entry (now version 2)');
    expect(fieldValue(await text(manager, path), 'capacity')).toBe('15');

    // Sam sees the new north agent in his team's list; an agent sees no directory at all.
    expect(await text(supervisor, '/office/staff')).toContain('Nora New');
    expect((await agent.fetch('/office/staff', { headers: html })).status).toBe(403);
  });
});
