import { describe, expect, it } from 'vitest';
import { arrearsText } from '../../../functions/collections/mail/arrears-text';
import { renderWelcome } from '../../../functions/contracts/mail/contract-customer-mail';
import { contractCustomerText } from '../../../functions/contracts/mail/contract-customer-text';
import { invoiceEmailText } from '../../../functions/invoicing/mail/invoice-email-text';
import { renderLeadAcknowledgement } from '../../../functions/leads/mail/lead-acknowledgement';
import { leadAcknowledgementText } from '../../../functions/leads/mail/lead-acknowledgement-text';
import { creditNoteText } from '../../../functions/payments/mail/credit-note-email';
import { receiptText } from '../../../functions/payments/mail/receipt-text';
import { quoteText } from '../../../functions/quotes/mail/quote-text';
import { renewalText } from '../../../functions/renewals/mail/renewal-text';
import { type Locale, locales } from '../../../functions/shared/locales';
import { statementText } from '../../../functions/statements/mail/statement-text';

/**
 * The lead acknowledgement was an open relay: anyone could make the desk email any address with
 * their own text in the subject. Whoever fills a form chooses the recipient of what follows, so
 * no customer email's subject may carry what a prospect or customer typed: only the desk's own
 * values (references, numbers, dates, amounts, the company's and the service's names).
 */

const deskValues = new Set([
  'leadId',
  'reference',
  'contractId',
  'number',
  'invoice',
  'receiptNumber',
  'amount',
  'month',
  'company',
  'service',
  'endDate',
  'newStart',
  'newEnd',
  'dueDate',
]);

/** Every customer email's subject template, by message and language. */
function customerSubjects(): [string, string][] {
  const subjects: [string, string][] = [];
  for (const locale of locales as readonly Locale[]) {
    const add = (message: string, template: string) =>
      subjects.push([`${message} (${locale})`, template]);
    add('lead acknowledgement', leadAcknowledgementText[locale].subject);
    add('quote', quoteText[locale].subject);
    add('documents request', contractCustomerText[locale].documentsSubject);
    add('signature request', contractCustomerText[locale].signatureSubject);
    add('welcome', contractCustomerText[locale].welcomeSubject);
    add('invoice', invoiceEmailText[locale].subject);
    add('receipt', receiptText[locale].subject);
    add('statement', statementText[locale].subject);
    add('credit note', creditNoteText[locale].subject);
    for (const [notice, subject] of Object.entries(arrearsText[locale].subjects)) {
      add(`arrears ${notice}`, subject);
    }
    for (const [key, text] of Object.entries(renewalText[locale])) {
      if (key.endsWith('Subject')) add(`renewal ${key}`, text);
    }
  }
  return subjects;
}

describe('customer email subjects', () => {
  it.each(customerSubjects())('%s names only the desk’s own values', (_message, template) => {
    const placeholders = [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
    expect(placeholders.filter((p) => !deskValues.has(p ?? ''))).toEqual([]);
  });

  it('hold nothing a prospect typed into the lead form', () => {
    const text = 'Win a prize at evil.example';
    for (const language of locales) {
      const email = renderLeadAcknowledgement({
        leadId: '01JPA7Q0Z3V8M2K4N6R8T0W2Y4',
        name: text,
        interest: text,
        language,
      });
      expect(email.subjectLine).not.toContain(text);
      expect(email.subjectLine).toContain('01JPA7Q0Z3V8M2K4N6R8T0W2Y4');
      expect(email.text).toContain(text);
    }
  });

  it('hold no legal name a customer typed when uploading documents', () => {
    const legalName = 'Win a prize at evil.example';
    const email = renderWelcome(
      {
        contractId: 'C-1',
        round: 1,
        startDate: '2026-05-01',
        service: { name: 'Cleaning', needsOperatingPermit: false },
        customer: {
          legalName,
          contactName: 'Dana',
          email: 'dana@example.org',
          addressLines: ['1 Road'],
          country: 'GR',
          language: 'en',
        },
      },
      { filename: 'contract-C-1.pdf', contentType: 'application/pdf', documentKey: 'k' },
    );
    expect(email.subjectLine).toBe('Welcome: your contract C-1 is active');
  });
});
