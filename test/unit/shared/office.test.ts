import { describe, expect, it } from 'vitest';
import { leadScopeFor } from '../../../functions/leads/lead-desk';
import { leadDetailPage } from '../../../functions/leads/pages/lead-pages';
import { firstContactClock } from '../../../functions/leads/rules/first-contact';
import type { Lead } from '../../../functions/leads/rules/lead';
import { leadIndexes, leadListSortKey } from '../../../functions/leads/store/lead-lists';
import { html } from '../../../functions/shared/http/html';
import { type Frame, officePage, sectionsFor } from '../../../functions/shared/office/layout';
import { deskStylesheet } from '../../../functions/shared/office/stylesheet';
import type { StaffPrincipal } from '../../../functions/shared/staff-member';
import {
  fieldOfProblem,
  rulesFromForm,
  settingFields,
} from '../../../functions/staff/pages/settings-form';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import { manifest } from '../../../infra/manifest';

const principal = (role: StaffPrincipal['role'], team = 'north'): StaffPrincipal => ({
  staffId: `${role}-1`,
  name: `Pat ${role}`,
  email: `${role}@desk.local`,
  role,
  team,
});
const frame = (role: StaffPrincipal['role']): Frame => ({
  principal: principal(role),
  base: '',
  csrf: 'token-1',
});

describe('the back-office frame', () => {
  it('shows each role only the sections it may use', () => {
    expect(sectionsFor('agent')).toEqual(['dashboard', 'leads', 'contracts', 'profile', 'arrears']);
    expect(sectionsFor('supervisor')).toEqual([
      'dashboard',
      'leads',
      'contracts',
      'staff',
      'arrears',
    ]);
    expect(sectionsFor('manager')).toEqual([
      'dashboard',
      'leads',
      'contracts',
      'staff',
      'arrears',
      'outbox',
      'settings',
    ]);
    expect(sectionsFor('finance')).toEqual(['dashboard', 'profile', 'arrears', 'outbox']);
  });

  it('has a skip link, a main landmark, the sign-out form with its CSRF token and no inline style', () => {
    const page = officePage(frame('agent'), {
      title: 'T',
      section: 'leads',
      main: html`<h1>T</h1>`,
    });
    expect(page).toContain('<a class="skip-link" href="#main">');
    expect(page).toContain('<main id="main"');
    expect(page).toMatch(
      /action="\/auth\/sign-out">\s*<input type="hidden" name="csrf" value="token-1">/,
    );
    expect(page).toContain('<a href="/office/leads" aria-current="page">Leads</a>');
    expect(page).not.toMatch(/style=|<style|<script/);
    expect(page).not.toContain('/office/settings');
  });

  it('escapes what prospects type', () => {
    const lead: Lead = {
      leadId: '01J0000000000000000000000A',
      name: '<img src=x onerror=alert(1)>',
      email: 'a@example.org',
      country: 'GR',
      language: 'en',
      interest: '"quoted" & more',
      source: 'web-form',
      receivedAt: '2026-11-01T10:00:00.000Z',
      status: 'new',
      version: 1,
    };
    const page = leadDetailPage({
      frame: frame('manager'),
      zone: 'Europe/Athens',
      lead,
      timeline: [],
    });
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(page).toContain('&quot;quoted&quot; &amp; more');
  });

  it('keeps the stylesheet usable: focus visible, a phone layout', () => {
    expect(deskStylesheet).toContain(':focus-visible{outline:3px solid');
    expect(deskStylesheet).toContain('@media (max-width:47.99rem)');
  });
});

describe('which leads a list holds', () => {
  it('follows the roles', () => {
    expect(leadScopeFor(principal('agent'), '')).toEqual({ kind: 'owner', staffId: 'agent-1' });
    expect(leadScopeFor(principal('agent'), 'someone-else')).toBeUndefined();
    expect(leadScopeFor(principal('supervisor'), '')).toEqual({
      kind: 'team',
      team: 'north',
      withUnassigned: true,
    });
    expect(leadScopeFor(principal('supervisor'), 'x')).toEqual({
      kind: 'owner',
      staffId: 'x',
      team: 'north',
    });
    expect(leadScopeFor(principal('manager'), '')).toEqual({ kind: 'all' });
    expect(leadScopeFor(principal('manager'), 'unassigned')).toEqual({ kind: 'unassigned' });
    expect(leadScopeFor(principal('finance'), '')).toBeUndefined();
  });

  it('reads indexes the manifest declares', () => {
    for (const index of Object.values(leadIndexes)) {
      expect(manifest.table.indexes).toContainEqual(
        expect.objectContaining({
          name: index.name,
          partitionKey: index.partitionKey,
          sortKey: leadListSortKey,
        }),
      );
    }
  });
});

describe('the settings form', () => {
  const fields = settingFields(defaultBusinessRules);
  const posted = Object.fromEntries(fields.map((f) => [f.name, f.value]));

  it('gives every setting a field and reads the same rules back', () => {
    expect(fields.map((f) => f.name)).toContain('dunning.ladder.1.daysPastDue');
    expect(posted['renewals.membershipReminderDaysBeforeEnd']).toBe('30, 7');
    const { rules, problems } = rulesFromForm(defaultBusinessRules, posted);
    expect(problems).toEqual([]);
    expect(rules).toEqual(defaultBusinessRules);
  });

  it('names a field whose text is not what it takes', () => {
    const { problems } = rulesFromForm(defaultBusinessRules, {
      ...posted,
      'quotes.validityDays': 'thirty',
      'calendar.holidays': '2026-12-25\nChristmas',
    });
    expect(problems.map((p) => p.field)).toEqual(['quotes.validityDays', 'calendar.holidays']);
  });

  it('reads holidays one per line, grouped by year', () => {
    const { rules } = rulesFromForm(defaultBusinessRules, {
      ...posted,
      'calendar.holidays': '2026-12-25\n2027-01-01\n2026-01-01',
    });
    expect((rules as typeof defaultBusinessRules).calendar.holidays).toEqual({
      '2026': ['2026-12-25', '2026-01-01'],
      '2027': ['2027-01-01'],
    });
  });

  it('puts a rule problem on the nearest field', () => {
    expect(fieldOfProblem(fields, 'renewals.membershipReminderDaysBeforeEnd.1')).toBe(
      'renewals.membershipReminderDaysBeforeEnd',
    );
    expect(fieldOfProblem(fields, 'calendar.holidays.2026.0')).toBe('calendar.holidays');
  });
});

describe('the first-contact clock', () => {
  const rules = defaultBusinessRules.leads;
  const assignedAt = '2026-03-02T09:00:00.000Z';
  it('is on time, then due for a reminder on day 5, then overdue on day 7', () => {
    const at = (iso: string) =>
      firstContactClock(assignedAt, rules, 'Europe/Athens', new Date(iso)).state;
    expect(at('2026-03-06T09:00:00.000Z')).toBe('on-time');
    expect(at('2026-03-07T09:00:00.000Z')).toBe('reminder-due');
    expect(at('2026-03-09T09:00:00.000Z')).toBe('overdue');
  });

  it('counts calendar days in the company zone across a clock change', () => {
    // Europe/Athens moves to summer time on 29 March 2026: day 7 is still 09:00 UTC+3 → 06:00Z.
    const clock = firstContactClock('2026-03-25T07:00:00.000Z', rules, 'Europe/Athens', new Date());
    expect(clock.dueOn.toISOString()).toBe('2026-04-01T06:00:00.000Z');
  });
});
