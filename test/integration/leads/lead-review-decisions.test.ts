import { describe, expect, inject, it } from 'vitest';
import { leadReviewKey } from '../../../functions/leads/lead-review';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { decisionSteps } from '../../../functions/shared/decisions/decision-step';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { staffStore } from '../../../functions/staff/store/staff-store';
import {
  emailsTo,
  executionArn,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import {
  csrfOf,
  decodeEntities,
  phoneFor,
  postForm,
  seeded,
  uniqueWord,
} from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * The supervisor decides a flagged lead: by the emailed signed link (GET shows, POST decides) or
 * on the lead's back-office page; a second decision is told "already decided".
 */

const cloud = inject('localCloud');

async function submitFlagged(name: string) {
  const email = `${uniqueWord()}@mailinator.com`;
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      name,
      email,
      company: 'Decision Test Ltd',
      phone: phoneFor(email),
      language: 'en',
      interest: 'Office cleaning',
      country: 'DE',
    }),
  });
  expect(response.status).toBe(201);
  return { leadId: ((await response.json()) as { leadId: string }).leadId, email };
}

/** The approve and reject links of the review request emailed to the supervisor. */
async function reviewLinks(name: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [request] = (await emailsTo(cloud, seeded.supervisorNorth)).filter(
      // The subject names the lead, never what the prospect typed: the body names them.
      (e) => e.subject.startsWith('Lead to review: lead ') && (e.body.text ?? '').includes(name),
    );
    const text = request?.body.text ?? '';
    const approve = /Approve: (\S+)/.exec(text)?.[1];
    const reject = /Reject: (\S+)/.exec(text)?.[1];
    if (approve && reject) return { approve, reject };
    if (Date.now() > deadline) throw new Error(`No review request for ${name}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stored(leadId: string) {
  const table = localTable(cloud);
  try {
    return {
      lead: await leadStore(table).getLead(leadId),
      review: await decisionSteps(table).get(leadReviewKey(leadId)),
      timeline: await readTimeline(table, leadRecordPk(leadId)),
    };
  } finally {
    table.client.destroy();
  }
}

async function memberOf(staffId: string) {
  const table = localTable(cloud);
  try {
    return await staffStore(table).getMember(staffId);
  } finally {
    table.client.destroy();
  }
}

const postLink = (link: string, fields: Record<string, string>) =>
  fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });

const intakeOf = (leadId: string) =>
  waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));

describe('deciding a flagged lead', () => {
  it('approved by the emailed link: the lead goes to an agent, who is told; a second click is already decided', async () => {
    const name = `Linked ${uniqueWord()}`;
    const { leadId } = await submitFlagged(name);
    const links = await reviewLinks(name);
    expect(links.approve.startsWith(`${cloud.gatewayUrl}/leads/review/`)).toBe(true);

    // Opening the link shows the lead and the form, and changes nothing.
    const shown = await fetch(links.approve);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain(`Review a flagged lead: ${name}`);
    expect(page).toMatch(/<button type="submit" name="decision" value="approve">/);
    expect((await stored(leadId)).review?.taskToken).toBeTruthy();

    const decided = await postLink(links.approve, { decision: 'approve', reason: '' });
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('Lead approved');

    const execution = await intakeOf(leadId);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('assigned');
    expect(after.review?.taskToken).toBeUndefined();
    expect(after.review?.decision).toMatchObject({ decision: 'approve', via: 'link' });
    const decidedEntry = after.timeline.find((e) => e.step === 'lead-review-decided');
    expect(decidedEntry?.summary).toBe('Approved');
    expect(decidedEntry?.by).toMatchObject({ kind: 'staff', name: 'Sam Supervisor' });
    // Acknowledgement, review request, and the agent's notice.
    expect(after.timeline.filter((e) => e.step === 'email-sent')).toHaveLength(3);
    const owner = after.lead?.ownerId ? await memberOf(after.lead.ownerId) : undefined;
    const notices = (await waitForEmailsTo(cloud, owner?.email ?? 'nobody')).filter(
      (e) => e.subject === `New lead for you: lead ${leadId}`,
    );
    expect(notices).toHaveLength(1);

    // The other link, and this one again: already decided, nothing changes.
    const again = await fetch(links.reject);
    expect(again.status).toBe(200);
    expect(decodeEntities(await again.text())).toContain('already approved by Sam Supervisor');
    const second = await postLink(links.reject, { decision: 'reject', reason: 'Changed my mind' });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('Already decided');
    const repeated = await postLink(links.approve, { decision: 'approve' });
    expect(repeated.status).toBe(200);
    expect(await repeated.text()).toContain('Already decided');
    expect((await stored(leadId)).lead?.status).toBe('assigned');
  });

  it('a rejection by link needs a reason, named on the page; nothing is decided without it', async () => {
    const name = `Reasonless ${uniqueWord()}`;
    const { leadId } = await submitFlagged(name);
    const links = await reviewLinks(name);
    const refused = await postLink(links.reject, { decision: 'reject', reason: ' ' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Reason: Say why the lead is rejected');
    expect((await stored(leadId)).review?.decision).toBeUndefined();

    const decided = await postLink(links.reject, { decision: 'reject', reason: 'Fake company' });
    expect(await decided.text()).toContain('Lead rejected');
    expect((await intakeOf(leadId)).status).toBe('SUCCEEDED');
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('rejected');
    expect(after.lead?.rejectionReason).toBe('Fake company');
    const rejected = after.timeline.find((e) => e.step === 'lead-rejected');
    expect(rejected?.by).toMatchObject({ kind: 'staff', name: 'Sam Supervisor' });
  });

  it('rejected in the back office by the supervisor; a second decision is already decided', async () => {
    const name = `Office ${uniqueWord()}`;
    const { leadId } = await submitFlagged(name);
    await reviewLinks(name);
    const sam = await signInAs(cloud, seeded.supervisorNorth);
    const csrf = await csrfOf(sam);
    const page = await (
      await sam.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(page).toContain(`action="/office/leads/${leadId}/review"`);

    const refused = await postForm(sam, `/office/leads/${leadId}/review`, {
      csrf,
      decision: 'reject',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Say why the lead is rejected');

    // The supervisor of another team sees unassigned leads but does not decide this one.
    const sue = await signInAs(cloud, seeded.supervisorSouth);
    const foreign = await postForm(sue, `/office/leads/${leadId}/review`, {
      csrf: await csrfOf(sue),
      decision: 'approve',
    });
    expect(foreign.status).toBe(403);

    const decided = await postForm(sam, `/office/leads/${leadId}/review`, {
      csrf,
      decision: 'reject',
      reason: 'Known fraud',
    });
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe(`/office/leads/${leadId}?done=review-decided`);
    expect((await intakeOf(leadId)).status).toBe('SUCCEEDED');
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('rejected');
    expect(after.lead?.rejectionReason).toBe('Known fraud');
    expect(after.review?.decision).toMatchObject({ decision: 'reject', via: 'office' });

    const manager = await signInAs(cloud, seeded.manager);
    const second = await postForm(manager, `/office/leads/${leadId}/review`, {
      csrf: await csrfOf(manager),
      decision: 'approve',
    });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(
      `/office/leads/${leadId}?done=review-already-decided`,
    );
    const told = await (
      await manager.fetch(second.headers.get('location') ?? '', {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(decodeEntities(told)).toContain('This lead was already rejected by Sam Supervisor');
    expect((await stored(leadId)).lead?.status).toBe('rejected');
  });

  it('an altered link gets the link problem page and changes nothing', async () => {
    const name = `Altered ${uniqueWord()}`;
    const { leadId, email } = await submitFlagged(name);
    const links = await reviewLinks(name);
    const altered = links.approve.replace(/\.([A-Za-z0-9_-])([A-Za-z0-9_-]*)\?/, (_m, c, rest) => {
      return `.${c === 'A' ? 'B' : 'A'}${rest}?`;
    });
    const response = await postLink(altered, { decision: 'approve' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This link is not valid');
    expect((await stored(leadId)).review?.taskToken).toBeTruthy();
    expect(await waitForEmailsTo(cloud, email)).toHaveLength(1);
  });
});
