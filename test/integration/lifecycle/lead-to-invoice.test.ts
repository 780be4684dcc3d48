import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { contractStore } from '../../../functions/contracts/store/contracts';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { staffStore } from '../../../functions/staff/store/staff-store';
import { multipartForm, pdfBytes } from '../../support/contracts';
import { firstContactJob } from '../../support/first-contacts';
import {
  emailsTo,
  executionArn,
  sfnClient,
  uniqueAddress,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { seeded, submitLead, uniqueWord } from '../../support/office';
import { drawQuote } from '../../support/quotes';
import { localTable } from '../../support/staff-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * Issue 5's "done when", on the local cloud: one lead, in German, taken from the public API to
 * an emailed first invoice using only the back office and the links in the mailbox — the quote
 * accepted, the documents uploaded, both approvals given and the contract signed through their
 * emailed links — and every workflow's history showing each step.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
afterAll(() => table.client.destroy());

/** The newest email to `to` holding a link to `path`, and that link (absolute, on the gateway). */
async function linkTo(
  to: string,
  path: string,
  about?: string,
  timeoutMs = 60_000,
): Promise<[Email, string]> {
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(`(https?://\\S+${path}/[A-Za-z0-9._-]+(?:\\?[^\\s"<]*)?)`);
  for (;;) {
    // Staff receive other tests' emails too: take only the one about this customer.
    const emails = (await emailsTo(cloud, to)).filter(
      (e) => !about || `${e.subject}\n${e.body.text ?? ''}`.includes(about),
    );
    for (const email of emails.reverse()) {
      const link = pattern.exec(email.body.text ?? '')?.[1];
      if (link) return [email, link];
    }
    if (Date.now() > deadline) throw new Error(`No email to ${to} links to ${path}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function emailWith(to: string, match: (e: Email) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(cloud, to)).filter(match);
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`No matching email reached ${to}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const postForm = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });

async function stepsOf(machine: string, execution: string): Promise<string[]> {
  const sfn = sfnClient(cloud);
  try {
    const history = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: executionArn(cloud, machine, execution),
        maxResults: 1000,
      }),
    );
    return (history.events ?? [])
      .filter((e) => e.type?.endsWith('StateEntered'))
      .map((e) => String(e.stateEnteredEventDetails?.name));
  } finally {
    sfn.destroy();
  }
}

describe('a lead taken to its first invoice', () => {
  it('goes form → quote → contract → signed → invoiced, each step through its email', async () => {
    const word = uniqueWord();
    const customer = uniqueAddress(`walk-${word}`);
    const legalName = `Olivenhain ${word} GmbH`;
    const leadId = await submitLead(cloud, {
      name: 'Dana Weber',
      company: legalName,
      email: customer,
      language: 'de',
    });
    const lead = await leadStore(table).getLead(leadId);
    expect(lead?.ownerId).toBeTruthy();

    // The agent's side is the back office; a manager may act on any lead.
    const manager = await signInAs(cloud, seeded.manager);
    const { quoteId } = await drawQuote(manager, leadId, {
      email: customer,
      billingPlan: 'monthly',
      paymentTerms: 'prepaid',
    });

    const [quoteEmail, answerLink] = await linkTo(customer, '/quotes/answer');
    expect(quoteEmail.subject).toContain(quoteId);
    expect((await fetch(answerLink)).status).toBe(200);
    expect((await postForm(answerLink, { answer: 'accept' })).status).toBe(200);

    const [, uploadLink] = await linkTo(customer, '/contracts/documents');
    const licence = await fetch(uploadLink, {
      method: 'POST',
      body: multipartForm(
        { documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(),
        },
      ),
    });
    expect(licence.status, await licence.clone().text()).toBe(201);

    for (const approver of [seeded.supervisorSouth, seeded.manager]) {
      const [, approvalLink] = await linkTo(approver, '/contracts/approval', legalName);
      expect(approvalLink).toContain('decision=approve');
      const approved = await postForm(approvalLink.split('?')[0] ?? approvalLink, {
        decision: 'approve',
      });
      expect(approved.status, await approved.clone().text()).toBe(200);
    }

    const [, signLink] = await linkTo(customer, '/contracts/sign');
    expect(await (await fetch(signLink)).text()).toContain(legalName);
    expect((await postForm(signLink, { signerName: 'Dana Weber', agree: 'yes' })).status).toBe(200);

    // The welcome with the signed contract, then the invoice with its PDF, in German.
    await emailWith(customer, (e) =>
      e.attachments.some((a) => /^contract-.+\.pdf$/.test(a.filename ?? '')),
    );
    const [invoiceEmail] = await emailWith(customer, (e) =>
      e.attachments.some((a) => /^INV-\d{4}-\d{6}\.pdf$/.test(a.filename ?? '')),
    );
    expect(invoiceEmail?.subject).toMatch(/^Rechnung INV-\d{4}-\d{6} von /);
    const number = /INV-\d{4}-\d{6}/.exec(invoiceEmail?.subject ?? '')?.[0] ?? '';
    const invoice = await invoiceStore(table).get(number);
    expect(invoice?.language).toBe('de');
    const balance = await ledgerStore(table).getBalance(String(invoice?.accountId));
    expect(balance?.balanceMinor).toBe(invoice?.totals.total.amountMinor);

    // Every email once: each reminder-free step sent one message to the customer.
    const subjects = (await emailsTo(cloud, customer)).map((e) => e.subject);
    expect(new Set(subjects).size).toBe(subjects.length);

    const contractId = String(invoice?.contractId);
    expect((await contractStore(table).get(contractId))?.status).toBe('active');

    // The lead is won with its contract, and nothing chases it: it was never logged as
    // contacted, as with the customers who got first-contact reminders and escalations.
    expect(await leadStore(table).getLead(leadId)).toMatchObject({
      status: 'won',
      wonWith: { contractId },
    });
    const leadPage = await (
      await manager.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(leadPage).toContain(`Won: <a href="/office/contracts/${contractId}">`);
    const reminders = firstContactJob(cloud);
    try {
      const assignedAt = Date.parse(lead?.assignedAt ?? '');
      await reminders.run(new Date(assignedAt + 5 * 86_400_000 + 60_000));
      await reminders.run(new Date(assignedAt + 7 * 86_400_000 + 60_000));
    } finally {
      reminders.close();
    }
    const agentEmail = (await staffStore(table).getMember(lead?.ownerId ?? ''))?.email ?? '';
    const chased = (await emailsTo(cloud, agentEmail)).filter((e) =>
      e.subject.includes(`first contact with lead ${leadId}`),
    );
    expect(chased).toEqual([]);
    await waitForExecution(cloud, executionArn(cloud, 'contract', contractId));
    expect(await stepsOf('lead-intake', leadId)).toEqual(
      expect.arrayContaining(['Qualify', 'Acknowledge prospect', 'Assign', 'Tell agent']),
    );
    expect((await stepsOf('quote', quoteId)).length).toBeGreaterThan(3);
    const contractSteps = await stepsOf('contract', contractId);
    expect(contractSteps.at(-1)).toBe('Issue first invoice');
  });
});
