import { csrfField } from '../http/csrf';
import { html, type SafeHtml } from '../http/html';
import type { StaffPrincipal } from '../staff-member';
import type { StaffRole } from '../staff-roles';

/**
 * The frame of every back-office page: a skip link, the header with the desk's name, who is
 * signed in (and as what) and the sign-out form, the navigation (only what the role may use),
 * then the page in the main landmark. No inline style or script: the stylesheet is a file.
 */

export const deskName = 'Customer Desk';

/** What every page of one request needs to draw the frame. */
export interface Frame {
  principal: StaffPrincipal;
  /** Path prefix of the API stage, `''` on the default stage. */
  base: string;
  /** The CSRF token of the session, for every form that posts. */
  csrf: string;
}

export type Section =
  | 'dashboard'
  | 'leads'
  | 'contracts'
  | 'staff'
  | 'settings'
  | 'profile'
  | 'outbox'
  | 'arrears';

export interface Flash {
  kind: 'done' | 'problem';
  message: string;
}

export interface PageView {
  title: string;
  section?: Section;
  flash?: Flash;
  main: SafeHtml;
  /** Reloads the page every so many seconds (a running import's progress), without script. */
  refreshSeconds?: number;
}

interface NavItem {
  section: Section;
  label: string;
  href: (frame: Frame) => string;
  roles: readonly StaffRole[];
}

const navigation: readonly NavItem[] = [
  {
    section: 'dashboard',
    label: 'Dashboard',
    href: (f) => `${f.base}/office`,
    roles: ['agent', 'supervisor', 'manager', 'finance'],
  },
  {
    section: 'leads',
    label: 'Leads',
    href: (f) => `${f.base}/office/leads`,
    roles: ['agent', 'supervisor', 'manager'],
  },
  {
    section: 'contracts',
    label: 'Contracts',
    href: (f) => `${f.base}/office/contracts`,
    roles: ['agent', 'supervisor', 'manager'],
  },
  {
    section: 'staff',
    label: 'Staff directory',
    href: (f) => `${f.base}/office/staff`,
    roles: ['supervisor', 'manager'],
  },
  {
    section: 'profile',
    label: 'My profile',
    href: (f) => `${f.base}/office/staff/${encodeURIComponent(f.principal.staffId)}`,
    roles: ['agent', 'finance'],
  },
  {
    section: 'arrears',
    label: 'Arrears',
    href: (f) => `${f.base}/office/arrears`,
    roles: ['agent', 'supervisor', 'manager', 'finance'],
  },
  {
    section: 'outbox',
    label: 'Outbox',
    href: (f) => `${f.base}/office/outbox`,
    roles: ['manager', 'finance'],
  },
  {
    section: 'settings',
    label: 'Settings',
    href: (f) => `${f.base}/office/settings`,
    roles: ['manager'],
  },
];

/** The sections a role may open, in navigation order. */
export function sectionsFor(role: StaffRole): Section[] {
  return navigation.filter((n) => n.roles.includes(role)).map((n) => n.section);
}

export const roleNames: Record<StaffRole, string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  manager: 'Manager',
  finance: 'Finance',
};

/** A hidden field carrying the session's CSRF token: every form that posts has one. */
export const csrfInput = (frame: Frame) =>
  html`<input type="hidden" name="${csrfField}" value="${frame.csrf}">`;

export function officePage(frame: Frame, view: PageView): string {
  const { principal } = frame;
  const items = navigation.filter((n) => n.roles.includes(principal.role));
  const team = principal.role === 'manager' || principal.role === 'finance' ? '' : principal.team;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.title} · ${deskName}</title>
${view.refreshSeconds ? html`<meta http-equiv="refresh" content="${String(view.refreshSeconds)}">` : ''}
<link rel="stylesheet" href="${frame.base}/office/assets/desk.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="header-row">
<a class="brand" href="${frame.base}/office">${deskName}</a>
<div class="who">
<span>Signed in as <strong>${principal.name}</strong> <span class="role-badge">${roleNames[principal.role]}${team ? html` · team ${team}` : ''}</span></span>
<form method="post" action="${frame.base}/auth/sign-out">
${csrfInput(frame)}
<button type="submit">Sign out</button>
</form>
</div>
</div>
</header>
<nav class="site-nav" aria-label="Main">
<ul>
${items.map(
  (n) =>
    html`<li><a href="${n.href(frame)}"${n.section === view.section ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
)}
</ul>
</nav>
<main id="main" tabindex="-1">
${view.flash ? flashMessage(view.flash) : ''}
${view.main}
</main>
</body>
</html>
`.value;
}

function flashMessage(flash: Flash): SafeHtml {
  // A status message is announced without moving focus; a problem is an alert.
  return flash.kind === 'done'
    ? html`<p class="flash" role="status">${flash.message}</p>`
    : html`<p class="flash problem" role="alert">${flash.message}</p>`;
}
