import { beforeEach, describe, expect, inject, it } from 'vitest';
import { suppressedAddresses } from '../../../functions/messages/store/suppressed-addresses';
import { quoteApprovalStep } from '../../../functions/quotes/quote-steps';
import { quoteStore, type StoredQuote } from '../../../functions/quotes/store/quotes';
import { decisionSteps } from '../../../functions/shared/decisions/decision-step';
import { staffStore } from '../../../functions/staff/store/staff-store';
import {
  cloudNow,
  emailsTo,
  executionArn,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { fieldValue, postForm, seeded, submitLead, uniqueWord } from '../../support/office';
import { drawQuote, quoteFormFields } from '../../support/quotes';
import { localTable } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Quotes on the local cloud, through the back office and the emailed links only: sent at once
 * without special terms, approved or rejected by a supervisor with them, accepted, declined,
 * expired; every answer once.
 */

const cloud = inject('localCloud');
let manager: StaffSession;

// Signed in afresh for each test: a test that moves the clock by days outlives the session.
beforeEach(async () => {
  manager = await signInAs(cloud, seeded.manager);
});

async function stored(quoteId: string) {
  const table = localTable(cloud);
  try {
    const quotes = quoteStore(table);
    const quote = await quotes.get(quoteId);
    if (!quote) throw new Error(`Quote ${quoteId} is not stored`);
    return { quote, timeline: await quotes.timeline(quoteId) };
  } finally {
    table.client.destroy();
  }
}

/** The token the quote's supervisor approval waits on now. */
async function approvalToken(quoteId: string): Promise<string | undefined> {
  const table = localTable(cloud);
  try {
    return (await decisionSteps(table).get(quoteApprovalStep(quoteId)))?.taskToken;
  } finally {
    table.client.destroy();
  }
}

async function staffEmail(staffId: string): Promise<string> {
  const table = localTable(cloud);
  try {
    const member = await staffStore(table).getMember(staffId);
    if (!member) throw new Error(`No staff member ${staffId}`);
    return member.email;
  } finally {
    table.client.destroy();
  }
}

async function supervisorEmail(quote: StoredQuote): Promise<string> {
  const table = localTable(cloud);
  try {
    const team = await staffStore(table).getTeam(quote.team);
    if (!team) throw new Error(`No team ${quote.team}`);
    return staffEmail(team.supervisorId);
  } finally {
    table.client.destroy();
  }
}

async function newLead() {
  const word = uniqueWord();
  return submitLead(cloud, {
    name: `Quote Prospect ${word}`,
    company: `Quote Co ${word}`,
    email: `quote.${word}@example.org`,
  });
}

const quoteForm = (leadId: string, changes: Record<string, string>) =>
  quoteFormFields(manager, leadId, changes);
const draw = (leadId: string, changes: Record<string, string>) =>
  drawQuote(manager, leadId, changes);

/** The first link in the newest email to `to` whose subject contains `subject`. */
async function linkIn(to: string, subject: string, path: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await emailsTo(cloud, to)).filter((e) => e.subject.includes(subject));
    const text = found.at(-1)?.body.text ?? '';
    const link = new RegExp(
      `(\\S*${path}v2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(\\?decision=\\w+)?)`,
    ).exec(text)?.[1];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No email to ${to} about ${subject}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const post = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const finished = (quoteId: string) =>
  waitForExecution(cloud, executionArn(cloud, 'quote', quoteId));

async function agentNotices(quote: StoredQuote, outcome: string) {
  const to = await staffEmail(quote.agentId);
  return (await emailsTo(cloud, to)).filter(
    (e) => e.subject === `Quote ${outcome}: ${quote.customer.legalName}`,
  );
}

describe('quotes', () => {
  it('without special terms goes to the customer at once; accepted once through its link', async () => {
    const leadId = await newLead();
    const customer = uniqueAddress('quote');
    const { quoteId } = await draw(leadId, { email: customer, quantity1: '2.5' });
    const [email] = await waitForEmailsTo(cloud, customer);
    expect(email?.subject).toBe(`Your quote ${quoteId}`);
    // 2.5 × 120.00 = 300.00 net, 19 % tax 57.00, 357.00 in total.
    expect(email?.body.text).toContain('€357.00');
    const link = await linkIn(customer, quoteId, '/quotes/answer/');
    expect(link.startsWith(`${cloud.gatewayUrl}/quotes/answer/`)).toBe(true);

    const shown = await fetch(link);
    const page = await shown.text();
    expect(shown.status).toBe(200);
    expect(page).toContain('Accept the quote');
    expect((await stored(quoteId)).quote.status).toBe('sent');

    // A double click: two posts at once, one answer.
    const answers = await Promise.all([
      post(link, { answer: 'accept' }),
      post(link, { answer: 'accept' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const execution = await finished(quoteId);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(quoteId);
    expect(after.quote.status).toBe('accepted');
    expect(after.timeline.filter((e) => e.step === 'quote-accepted')).toHaveLength(1);
    // Accepted, the contract is drafted from it and its own workflow started.
    const { contractId } = JSON.parse(execution.output ?? '{}') as { contractId?: string };
    expect(contractId).toMatch(/^[0-9A-Z]{26}$/);
    expect(await agentNotices(after.quote, 'accepted')).toHaveLength(1);
    // Used up: the link now says so and changes nothing.
    expect((await post(link, { answer: 'decline' })).status).toBe(409);
    expect((await stored(quoteId)).quote.status).toBe('accepted');
  });

  it('whose email could not be sent reads "Not sent" and why, on its page, its lead’s and the outbox', async () => {
    const leadId = await newLead();
    // The address bounced before: the outbox sends nothing to it.
    const customer = uniqueAddress('marked');
    const table = localTable(cloud);
    await suppressedAddresses(table).mark({
      address: customer,
      reason: 'bounced',
      markedAt: new Date().toISOString(),
      sesMessageId: `ses-${uniqueWord()}`,
      feedbackId: `fb-${uniqueWord()}`,
      detail: 'General',
    });
    table.client.destroy();
    const { quoteId } = await draw(leadId, { email: customer });

    const pageOf = async (path: string) =>
      (await manager.fetch(path, { headers: { accept: 'text/html' } })).text();
    const deadline = Date.now() + 30_000;
    let page = await pageOf(`/office/quotes/${quoteId}`);
    while (!page.includes('Address bounced') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      page = await pageOf(`/office/quotes/${quoteId}`);
    }
    expect((await stored(quoteId)).quote.status).toBe('sent');
    expect(page).toContain('<span class="status not-sent">Not sent</span>');
    expect(page).toContain(`Address bounced: SES reported ${customer}`);
    expect(page).not.toContain('Sent to the customer');
    expect(await pageOf(`/office/leads/${leadId}`)).toContain(
      '<span class="status not-sent">Not sent</span>',
    );
    const outbox = await pageOf('/office/outbox');
    const row = outbox.slice(outbox.indexOf(`/office/quotes/${quoteId}`) - 400);
    expect(row).toContain('Not sent');
    expect(row).toContain(`>Quote ${quoteId}</a>`);
    expect(await emailsTo(cloud, customer)).toEqual([]);

    // A quote whose email went says so, with its recipient.
    const sentTo = uniqueAddress('quote-sent');
    const sent = await draw(await newLead(), { email: sentTo });
    await waitForEmailsTo(cloud, sentTo);
    const sentPage = await pageOf(`/office/quotes/${sent.quoteId}`);
    expect(sentPage).toContain('Sent to the customer');
    expect(sentPage).toContain(`Sent to ${sentTo}`);
  });

  it('with special terms waits for the supervisor, whose emailed link approves it; then declined', async () => {
    const leadId = await newLead();
    const customer = uniqueAddress('special');
    const { quoteId } = await draw(leadId, { email: customer, discount1: '20' });
    const waiting = await stored(quoteId);
    await expect
      .poll(async () => (await stored(quoteId)).quote.status, { timeout: 30_000 })
      .toBe('awaiting-approval');
    const supervisor = await supervisorEmail(waiting.quote);
    const approve = await linkIn(supervisor, waiting.quote.customer.legalName, '/quotes/approval/');
    expect(approve.startsWith(cloud.gatewayUrl)).toBe(true);
    expect(await emailsTo(cloud, customer)).toHaveLength(0);

    const confirm = await fetch(approve);
    expect(confirm.status).toBe(200);
    expect((await stored(quoteId)).quote.status).toBe('awaiting-approval');
    const decided = await post(approve, { decision: 'approve' });
    expect(decided.status, await decided.clone().text()).toBe(200);
    const [email] = await waitForEmailsTo(cloud, customer);
    expect(email?.subject).toBe(`Your quote ${quoteId}`);

    const link = await linkIn(customer, quoteId, '/quotes/answer/');
    const declined = await post(link, { answer: 'decline', reason: 'Too expensive' });
    expect(declined.status).toBe(200);
    const execution = await finished(quoteId);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(quoteId);
    expect(after.quote.status).toBe('declined');
    expect(after.quote.answer?.reason).toBe('Too expensive');
    expect(after.quote.approval?.decision).toBe('approve');
    expect(await agentNotices(after.quote, 'declined')).toHaveLength(1);
    const steps = after.timeline.map((e) => e.step);
    expect(steps).toEqual(
      expect.arrayContaining(['quote-drafted', 'quote-approval-requested', 'quote-approved']),
    );
  });

  it('rejected by the supervisor with a reason, it is never sent and the agent is told', async () => {
    const leadId = await newLead();
    const customer = uniqueAddress('rejected');
    const { quoteId } = await draw(leadId, {
      email: customer,
      paymentTerms: 'net',
      paymentTermsDays: '60',
    });
    await expect
      .poll(async () => (await stored(quoteId)).quote.status, { timeout: 30_000 })
      .toBe('awaiting-approval');
    const page = await (
      await manager.fetch(`/office/quotes/${quoteId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(page).toContain('payment terms of 60 days');
    const csrf = fieldValue(page, 'csrf') ?? '';
    // A rejection without its reason is refused, naming the field; nothing changes.
    const refused = await postForm(manager, `/office/quotes/${quoteId}/decision`, {
      csrf,
      decision: 'reject',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Say why the quote is rejected');
    expect((await stored(quoteId)).quote.approval).toBeUndefined();

    const rejected = await postForm(manager, `/office/quotes/${quoteId}/decision`, {
      csrf,
      decision: 'reject',
      reason: 'Terms too long',
    });
    expect(rejected.status).toBe(303);
    const execution = await finished(quoteId);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(quoteId);
    expect(after.quote.status).toBe('rejected');
    expect(after.quote.approval?.reason).toBe('Terms too long');
    const notices = await agentNotices(after.quote, 'rejected');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.text).toContain('Reason: Terms too long');
    expect(await emailsTo(cloud, customer)).toHaveLength(0);
    // The emailed link now finds the decision made.
    const supervisor = await supervisorEmail(after.quote);
    const link = await linkIn(supervisor, after.quote.customer.legalName, '/quotes/approval/');
    expect((await post(link, { decision: 'approve' })).status).toBe(409);
  });

  it('bad input is refused field by field and stores nothing; a double submit makes one quote', async () => {
    const leadId = await newLead();
    const form = await quoteForm(leadId, {
      email: 'not-an-address',
      quantity1: '0',
      currency: 'EURO',
      startDate: '2026-13-01',
    });
    const refused = await postForm(manager, `/office/leads/${leadId}/quotes/new`, form);
    const page = await refused.text();
    expect(refused.status).toBe(400);
    for (const label of ['Email', 'Currency', 'Start date']) expect(page).toContain(`${label}:`);
    const table = localTable(cloud);
    try {
      expect(await quoteStore(table).get(form.entryKey ?? '')).toBeUndefined();
    } finally {
      table.client.destroy();
    }

    const good = await quoteForm(leadId, { email: uniqueAddress('twice') });
    const [first, second] = await Promise.all([
      postForm(manager, `/office/leads/${leadId}/quotes/new`, good),
      postForm(manager, `/office/leads/${leadId}/quotes/new`, good),
    ]);
    expect(first.headers.get('location')).toBe(second.headers.get('location'));
    const lead = await (
      await manager.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(lead.match(/\/office\/quotes\/[0-9A-Z]{26}"/g)).toHaveLength(1);
  });

  it('undecided for 3 business days, the managers are told once and the decision still counts', async () => {
    const leadId = await newLead();
    const customer = uniqueAddress('escalated');
    const { quoteId } = await draw(leadId, { email: customer, overallDiscount: '16' });
    await expect
      .poll(async () => (await stored(quoteId)).quote.approvalDeadline, { timeout: 30_000 })
      .toBeTruthy();
    const { quote } = await stored(quoteId);
    const firstToken = await approvalToken(quoteId);
    expect(firstToken).toBeTruthy();
    const now = await cloudNow(cloud);
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({
        milliseconds: Date.parse(quote.approvalDeadline ?? '') - now.getTime() + 60_000,
      }),
    });
    expect(moved.status).toBe(200);
    const subject = `Quote approval overdue: ${quote.customer.legalName}`;
    await expect
      .poll(
        async () => (await emailsTo(cloud, seeded.manager)).filter((e) => e.subject === subject),
        {
          timeout: 30_000,
        },
      )
      .toHaveLength(1);
    // Waiting again, on a new token.
    await expect
      .poll(async () => (await approvalToken(quoteId)) ?? firstToken, { timeout: 30_000 })
      .not.toBe(firstToken);
    const escalated = await stored(quoteId);
    expect(escalated.quote.status).toBe('awaiting-approval');
    expect(escalated.timeline.map((e) => e.step)).toContain('quote-approval-escalated');

    // The supervisor's link from before the escalation still decides.
    const approve = await linkIn(
      await supervisorEmail(quote),
      quote.customer.legalName,
      '/quotes/approval/',
    );
    expect((await post(approve, { decision: 'approve' })).status).toBe(200);
    const [email] = await waitForEmailsTo(cloud, customer);
    expect(email?.subject).toBe(`Your quote ${quoteId}`);
    expect(
      (await emailsTo(cloud, seeded.manager)).filter((e) => e.subject === subject),
    ).toHaveLength(1);
  });

  it('expires unanswered at the end of its validity; its link then shows the expired page', async () => {
    const leadId = await newLead();
    const customer = uniqueAddress('expiry');
    const { quoteId } = await draw(leadId, { email: customer, validityDays: '1', language: 'de' });
    const link = await linkIn(customer, quoteId, '/quotes/answer/');
    const { quote } = await stored(quoteId);
    const now = await cloudNow(cloud);
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({
        milliseconds: Date.parse(quote.quote.expiresAt) - now.getTime() + 60_000,
      }),
    });
    expect(moved.status).toBe(200);
    const execution = await finished(quoteId);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(quoteId);
    expect(after.quote.status).toBe('expired');
    expect(await agentNotices(after.quote, 'expired')).toHaveLength(1);

    const accept = await post(link, { answer: 'accept' });
    const page = await accept.text();
    expect(accept.status).toBe(410);
    expect(page).toContain('Dieses Angebot ist abgelaufen');
    expect((await stored(quoteId)).quote.status).toBe('expired');
  });
});
