import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { locales } from '../../shared/locales';
import {
  checkboxField,
  dataTable,
  detailList,
  errorSummary,
  pager,
  selectField,
  textField,
} from '../../shared/office/components';
import {
  csrfInput,
  type Flash,
  type Frame,
  officePage,
  roleNames,
} from '../../shared/office/layout';
import type { StaffMember } from '../../shared/staff-member';
import { type StaffRole, staffRoles } from '../../shared/staff-roles';

/** The staff directory: the list, one person's page (a form for managers) and a new entry. */

export interface StaffListView {
  frame: Frame;
  search: string;
  role: string;
  team: string;
  teams: readonly string[];
  members: readonly StaffMember[];
  next?: string;
  isFirst: boolean;
  flash?: Flash;
}

export function staffListPage(view: StaffListView): string {
  const { frame } = view;
  const path = `${frame.base}/office/staff`;
  const manager = frame.principal.role === 'manager';
  const filters = html`<form class="filters" method="get" action="${path}" role="search" aria-label="Search the directory">
${textField({ name: 'q', label: 'Search', type: 'search', value: view.search, hint: 'Name or email' })}
${selectField({ name: 'role', label: 'Role', value: view.role }, [
  { value: '', label: 'Any role' },
  ...staffRoles.map((r) => ({ value: r, label: roleNames[r] })),
])}
${
  manager
    ? selectField({ name: 'team', label: 'Team', value: view.team }, [
        { value: '', label: 'Any team' },
        ...view.teams.map((t) => ({ value: t, label: t })),
      ])
    : html``
}
<div class="actions"><button type="submit">Show staff</button></div>
</form>`;
  const rows = view.members.map((m) => [
    html`<a href="${path}/${encodeURIComponent(m.staffId)}">${m.name}</a>`,
    m.email,
    roleNames[m.role],
    m.team,
    m.active ? 'Active' : 'Inactive',
  ]);
  const columns = ['Name', 'Email', 'Role', 'Team', 'State'].map((label) => ({ label }));
  return officePage(frame, {
    title: 'Staff directory',
    section: 'staff',
    ...(view.flash ? { flash: view.flash } : {}),
    main: html`<h1>Staff directory</h1>
${manager ? html`<p><a class="button" href="${path}/new">Add a staff member</a></p>` : html``}
${filters}
${dataTable(manager ? 'Everyone at the desk' : `Team ${frame.principal.team}`, columns, rows, 'Nobody matches.')}
${pager(path, { q: view.search, role: view.role, team: view.team }, view.next, view.isFirst)}`,
  });
}

const fieldLabels: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  role: 'Role',
  team: 'Team',
  capacity: 'Capacity',
  language: 'Language',
  'workingHours.start': 'Working day starts',
  'workingHours.end': 'Working day ends',
  workingHours: 'Working hours',
  active: 'Active',
  version: 'Version',
};

export interface StaffFormView {
  frame: Frame;
  /** Absent for a new entry. */
  member?: StaffMember;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
  teams: readonly string[];
  flash?: Flash;
}

/** What a directory entry shows in its form. */
export function memberFormValues(member: StaffMember): Record<string, string> {
  return {
    name: member.name,
    email: member.email,
    role: member.role,
    team: member.team,
    capacity: String(member.capacity),
    language: member.language,
    'workingHours.start': member.workingHours.start,
    'workingHours.end': member.workingHours.end,
    active: member.active ? 'true' : '',
    version: String(member.version),
  };
}

export function staffFormPage(view: StaffFormView): string {
  const { frame, member, values } = view;
  const errorOf = (field: string) =>
    view.problems.find(
      (p) => p.field === field || (field === 'workingHours.end' && p.field === 'workingHours'),
    )?.message;
  const field = (name: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({
      name,
      label: fieldLabels[name] ?? name,
      value: values[name] ?? '',
      error: errorOf(name),
      ...extra,
    });
  const title = member ? member.name : 'Add a staff member';
  const action = member
    ? `${frame.base}/office/staff/${encodeURIComponent(member.staffId)}`
    : `${frame.base}/office/staff/new`;
  const form = html`<form method="post" action="${action}" novalidate>
${csrfInput(frame)}
${member ? html`<input type="hidden" name="version" value="${values.version ?? ''}">` : ''}
<div class="form-grid">
${field('name', { required: true, autocomplete: 'off' })}
${field('email', { type: 'email', required: true, autocomplete: 'off' })}
${selectField(
  { name: 'role', label: 'Role', value: values.role ?? 'agent', error: errorOf('role') },
  staffRoles.map((r: StaffRole) => ({ value: r, label: roleNames[r] })),
)}
${field('team', { required: true, hint: view.teams.length ? `Teams now: ${view.teams.join(', ')}` : 'A short name, like north' })}
${field('capacity', { type: 'number', required: true, hint: 'How many open leads and accounts this person can carry' })}
${selectField(
  {
    name: 'language',
    label: 'Language',
    value: values.language ?? 'en',
    error: errorOf('language'),
  },
  locales.map((l) => ({ value: l, label: l })),
)}
${field('workingHours.start', { type: 'time', required: true })}
${field('workingHours.end', { type: 'time', required: true })}
</div>
${checkboxField({ name: 'active', label: 'Active (may sign in and receive work)', checked: values.active === 'true', error: errorOf('active') })}
<button type="submit">${member ? 'Save changes' : 'Add staff member'}</button>
</form>`;
  return officePage(frame, {
    title,
    section: 'staff',
    ...(view.flash ? { flash: view.flash } : {}),
    main: html`<p><a href="${frame.base}/office/staff">← Staff directory</a></p>
<h1>${title}</h1>
${member ? html`<p class="meta">Version ${member.version}</p>` : ''}
${errorSummary(view.problems, (f) => fieldLabels[f] ?? f)}
${form}`,
  });
}

/** A directory entry as someone who may not edit it sees it. */
export function staffDetailPage(frame: Frame, member: StaffMember, flash?: Flash): string {
  const own = member.staffId === frame.principal.staffId;
  return officePage(frame, {
    title: member.name,
    section: own && frame.principal.role !== 'supervisor' ? 'profile' : 'staff',
    ...(flash ? { flash } : {}),
    main: html`<h1>${member.name}</h1>
${detailList([
  ['Email', member.email],
  ['Role', roleNames[member.role]],
  ['Team', member.team],
  ['Capacity', String(member.capacity)],
  ['Language', member.language],
  ['Working hours', `${member.workingHours.start}–${member.workingHours.end}`],
  ['State', member.active ? 'Active' : 'Inactive'],
])}
<p>Only a manager changes directory entries.</p>`,
  });
}
