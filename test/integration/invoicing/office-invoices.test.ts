import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { accountWithInvoice } from '../../support/invoice-fixtures';
import { seeded, staffIdOf } from '../../support/office';
import { type StaffSession, signInAs } from '../../support/staff-session';

/** The back office's invoice page and PDF download, as finance uses them. */

const cloud = inject('localCloud');
let finance: StaffSession;
let agent: StaffSession;
let invoiceNumber: string;

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  const manager = await signInAs(cloud, seeded.manager);
  agent = await signInAs(cloud, seeded.agentNorth);
  const alex = await staffIdOf(manager, seeded.agentNorth);
  ({ invoiceNumber } = await accountWithInvoice(cloud, { staffId: alex, team: 'north' }));
});

describe('the invoice in the back office', () => {
  it('shows the number, lines, tax, total and what is unpaid', async () => {
    const response = await finance.fetch(`/office/invoices/${invoiceNumber}`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(`Invoice ${invoiceNumber}`);
    expect(page).toContain('Membership');
    expect(page).toContain('24 %');
    // 100.00 net + 24.00 tax, all of it unpaid.
    expect(page.match(/€124\.00/g)?.length).toBeGreaterThanOrEqual(2);
    expect(page).toContain('Open');
    expect(page).toContain(`/office/invoices/${invoiceNumber}/pdf`);
  });

  it('leads finance to a credit note for it; the agent of the account only reads it', async () => {
    const creditLink = `/office/invoices/${invoiceNumber}/credit-notes/new`;
    const read = async (session: StaffSession) =>
      (
        await session.fetch(`/office/invoices/${invoiceNumber}`, {
          headers: { accept: 'text/html' },
        })
      ).text();
    expect(await read(finance)).toContain(creditLink);
    const agentPage = await read(agent);
    expect(agentPage).toContain(`Invoice ${invoiceNumber}`);
    expect(agentPage).not.toContain(creditLink);
    const form = await finance.fetch(creditLink, { headers: { accept: 'text/html' } });
    expect(form.status).toBe(200);
  });

  it('downloads the PDF the customer received', async () => {
    const response = await finance.fetch(`/office/invoices/${invoiceNumber}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`${invoiceNumber}.pdf`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const document = await getDocument({ data: bytes }).promise;
    const content = await (await document.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
    await document.destroy();
    expect(text).toContain(invoiceNumber);
  });

  it('answers an unknown or malformed number with 404', async () => {
    for (const number of ['INV-1999-999999', 'not-a-number', '..%2F..%2Fsecret']) {
      const response = await finance.fetch(`/office/invoices/${number}`, {
        headers: { accept: 'text/html' },
      });
      expect(response.status, number).toBe(404);
    }
  });

  it('finds an invoice by its number as a payment reference gives it, and leads to its account', async () => {
    const typed = `  ${invoiceNumber.toLowerCase()} `;
    const found = await finance.fetch(`/office/invoices?number=${encodeURIComponent(typed)}`, {
      headers: { accept: 'text/html' },
    });
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe(`/office/invoices/${invoiceNumber}`);
    const page = await (
      await finance.fetch(`/office/invoices/${invoiceNumber}`, { headers: { accept: 'text/html' } })
    ).text();
    const account = /href="(\/office\/accounts\/[^"]+)"/.exec(page)?.[1];
    expect(account).toBeDefined();
    const accountPage = await finance.fetch(account ?? '', { headers: { accept: 'text/html' } });
    expect(accountPage.status).toBe(200);
    expect(await accountPage.text()).toContain('/payments/new');
  });

  it('refuses a number that is not one, naming the field, and offers the form again', async () => {
    const refused = await finance.fetch('/office/invoices?number=12345', {
      headers: { accept: 'text/html' },
    });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Invoice or credit note number: an invoice number is INV-');
    expect(page).toContain('value="12345"');
    const empty = await finance.fetch('/office/invoices', { headers: { accept: 'text/html' } });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('<h1>Find an invoice</h1>');
  });
});
