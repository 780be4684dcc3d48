import { createHash } from 'node:crypto';
import type { LocalCloudEndpoints } from './local-cloud-context';
import { waitForIntake } from './staff-fixtures';
import type { StaffSession } from './staff-session';

/** Helpers for tests that drive the back office over HTTP. */

export const seeded = {
  manager: 'maria.manager@desk.local',
  supervisorNorth: 'sam.supervisor@desk.local',
  supervisorSouth: 'sue.supervisor@desk.local',
  agentNorth: 'alex.agent@desk.local',
  agentSouth: 'bea.agent@desk.local',
  finance: 'finn.finance@desk.local',
} as const;

/** A page's value of a hidden or text field, decoded. */
export function fieldValue(page: string, name: string): string | undefined {
  const match = new RegExp(`<input [^>]*name="${name}"[^>]*value="([^"]*)"`).exec(page);
  return match ? decodeEntities(match[1] ?? '') : undefined;
}

export const decodeEntities = (s: string) =>
  s
    .replace(/&#61;/g, '=')
    .replace(/&#96;/g, '`')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The CSRF token of a session, read from the sign-out form every page has. */
export async function csrfOf(session: StaffSession): Promise<string> {
  const page = await (await session.fetch('/office', { headers: { accept: 'text/html' } })).text();
  const token = fieldValue(page, 'csrf');
  if (!token) throw new Error(`No CSRF field on the dashboard:\n${page.slice(0, 500)}`);
  return token;
}

/** Posts a form as a browser does. */
export function postForm(session: StaffSession, path: string, fields: Record<string, string>) {
  return session.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });
}

/**
 * Submits a lead through the public JSON API and answers its id once its intake is over (so a
 * test's own assignment never races the intake's). A clean lead is then assigned to an agent of
 * its team; one from a blocked domain (`@mailinator.com`) waits unassigned for a supervisor.
 */
export async function submitLead(
  cloud: LocalCloudEndpoints,
  details: { name: string; company?: string; email: string; language?: string; country?: string },
): Promise<string> {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': `office-${details.email}`,
    },
    body: JSON.stringify({
      country: 'GR',
      language: 'en',
      interest: 'Office cleaning',
      ...details,
    }),
  });
  const body = (await response.json()) as { leadId?: string };
  if (response.status !== 201 || !body.leadId) {
    throw new Error(`POST /leads answered ${response.status}: ${JSON.stringify(body)}`);
  }
  const intake = await waitForIntake(cloud, body.leadId);
  if (intake !== 'SUCCEEDED' && intake !== 'awaiting-review') {
    throw new Error(`The intake of ${body.leadId} ended ${intake}`);
  }
  return body.leadId;
}

/** The staff id of a seeded person, from their own profile link or the directory. */
export async function staffIdOf(manager: StaffSession, email: string): Promise<string> {
  const page = await (
    await manager.fetch(`/office/staff?q=${encodeURIComponent(email)}`, {
      headers: { accept: 'text/html' },
    })
  ).text();
  const match = /href="\/office\/staff\/([0-9A-Z]{26})"/.exec(page);
  if (!match?.[1]) throw new Error(`${email} is not in the directory list`);
  return match[1];
}

/** Assigns a lead as `session` (a supervisor or manager) to the agent with `agentId`. */
export async function assignLead(session: StaffSession, leadId: string, agentId: string) {
  const page = await (
    await session.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
  ).text();
  return postForm(session, `/office/leads/${leadId}/assign`, {
    csrf: fieldValue(page, 'csrf') ?? '',
    version: fieldValue(page, 'version') ?? '',
    agentId,
  });
}

/**
 * A phone number of the prospect with this email address: the same address gives the same
 * number (a replay is the same lead), another address another one (a shared number would link
 * the leads as one prospect's).
 */
export function phoneFor(email: string): string {
  const digits = String(
    Number.parseInt(createHash('sha256').update(email).digest('hex').slice(0, 10), 16),
  );
  return `+30 ${digits.slice(0, 3)} ${digits.slice(3, 11)}`;
}

export const uniqueWord = () =>
  `z${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
