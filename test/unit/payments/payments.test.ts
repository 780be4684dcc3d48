import { describe, expect, it } from 'vitest';
import type { Account } from '../../../functions/accounts/store/accounts';
import { companyOnDocuments } from '../../../functions/invoicing/invoices';
import type { StoredInvoice } from '../../../functions/invoicing/store/invoice-numbers';
import type { Outbox } from '../../../functions/messages/outbox';
import { renderReceiptEmail } from '../../../functions/payments/mail/receipt-email';
import { receiptText } from '../../../functions/payments/mail/receipt-text';
import { parsePaymentRequest } from '../../../functions/payments/payment-input';
import type { Payment } from '../../../functions/payments/payment-model';
import { recordPayment } from '../../../functions/payments/payments';
import type {
  PaymentStore,
  PaymentWrite,
  PaymentWriteOutcome,
} from '../../../functions/payments/store/payments';
import { ValidationError } from '../../../functions/shared/errors';
import { locales } from '../../../functions/shared/locales';
import { defaultCompanyDetails } from '../../../functions/staff/settings/company';

const payment: Payment = {
  paymentId: 'PAY-2026-03-15-01KAQ3Z8XH6V0M2T4B9C1D7E5F',
  accountId: 'ACC-1',
  amount: { amountMinor: 30_000, currency: 'EUR' },
  date: '2026-03-15',
  method: 'bank-transfer',
  reference: '<b>Transfer</b>',
  allocations: [
    { invoiceNumber: 'INV-2026-000001', amountMinor: 12_400, openAfterMinor: 0 },
    { invoiceNumber: 'INV-2026-000002', amountMinor: 10_000, openAfterMinor: 2_400 },
  ],
  creditMinor: 7_600,
  recordedAt: '2026-03-15T10:00:00.000Z',
  recordedBy: { kind: 'staff', staffId: 'S1', name: 'Finn', via: 'api' },
};

const account = { contactName: 'Petra <Payer>', legalName: 'Payer GmbH' };

describe('the receipt', () => {
  it.each(locales)(
    'exists in %s with the amount, each invoice, the credit and the reference',
    (locale) => {
      const mail = renderReceiptEmail(
        payment,
        { ...account, language: locale },
        companyOnDocuments(defaultCompanyDetails),
      );
      expect(mail.subjectLine).toContain(payment.paymentId);
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain('INV-2026-000001');
        expect(part).toContain('INV-2026-000002');
        expect(part).toContain(receiptText[locale].fullyPaid);
        expect(part).toContain(receiptText[locale].methods['bank-transfer']);
      }
      expect(mail.html).toContain(`lang="${locale}"`);
      // Customer data stays text in the HTML part.
      expect(mail.html).not.toContain('<b>Transfer</b>');
      expect(mail.html).toContain('&lt;b&gt;Transfer&lt;/b&gt;');
      expect(mail.html).not.toContain('<Payer>');
      expect(mail.text).toContain('<b>Transfer</b>');
      expect(mail.attachments).toBeUndefined();
    },
  );

  it('writes amounts as the customer’s language does', () => {
    const de = renderReceiptEmail(
      payment,
      { ...account, language: 'de' },
      companyOnDocuments(defaultCompanyDetails),
    );
    expect(de.text).toContain('300,00');
    expect(de.text).toContain('76,00');
    const en = renderReceiptEmail(
      payment,
      { ...account, language: 'en' },
      companyOnDocuments(defaultCompanyDetails),
    );
    expect(en.text).toContain('€300.00');
    expect(en.text).toContain('€76.00 is more than your open invoices');
  });

  it('says nothing about credit when there is none', () => {
    const mail = renderReceiptEmail(
      { ...payment, creditMinor: 0 },
      { ...account, language: 'en' },
      companyOnDocuments(defaultCompanyDetails),
    );
    expect(mail.text).not.toContain('credit');
  });
});

describe('a payment as staff give it', () => {
  const valid = {
    accountId: 'ACC-1',
    amount: '124.5',
    currency: 'eur',
    date: '2026-03-15',
    method: 'cash',
    reference: ' Slip 7 ',
  };

  it('is read into minor units of its currency', () => {
    expect(parsePaymentRequest(valid)).toEqual({
      accountId: 'ACC-1',
      amount: { amountMinor: 12_450, currency: 'EUR' },
      date: '2026-03-15',
      method: 'cash',
      reference: 'Slip 7',
    });
    expect(parsePaymentRequest({ ...valid, amount: 1000, currency: 'KRW' }).amount).toEqual({
      amountMinor: 1000,
      currency: 'KRW',
    });
    expect(parsePaymentRequest({ ...valid, invoiceNumber: 'INV-2026-000001' }).invoiceNumber).toBe(
      'INV-2026-000001',
    );
  });

  const fieldsOf = (input: unknown) => {
    try {
      parsePaymentRequest(input);
    } catch (error) {
      if (error instanceof ValidationError) return error.problems.map((p) => p.field).sort();
      throw error;
    }
    return [];
  };

  it('takes a decimal comma, and refuses an amount beyond the ledger naming the field', () => {
    expect(parsePaymentRequest({ ...valid, amount: '124,50' }).amount.amountMinor).toBe(12_450);
    expect(() => parsePaymentRequest({ ...valid, amount: '1,234' })).toThrow(/amount: .*unclear/);
    expect(() => parsePaymentRequest({ ...valid, amount: 1e17 })).toThrow(
      'amount: is too large: the ledger holds at most €90,071,992,547,409.91',
    );
  });

  it('names every bad field', () => {
    expect(fieldsOf({ ...valid, amount: '1,234.00' })).toEqual(['amount']);
    expect(fieldsOf({ ...valid, amount: '12.345' })).toEqual(['amount']);
    expect(fieldsOf({ ...valid, amount: '12.5', currency: 'JPY' })).toEqual(['amount']);
    expect(fieldsOf({ ...valid, amount: '0' })).toEqual(['amount']);
    expect(fieldsOf({ ...valid, amount: '-3' })).toEqual(['amount']);
    expect(fieldsOf({ ...valid, date: '15.03.2026', method: 'gold' })).toEqual(['date', 'method']);
    expect(fieldsOf({ ...valid, invoiceNumber: 'CN-2026-000001' })).toEqual(['invoiceNumber']);
    expect(fieldsOf({ ...valid, extra: 1 })).toEqual(['(body)']);
    expect(fieldsOf({})).toEqual([
      'accountId',
      'amount',
      'currency',
      'date',
      'method',
      'reference',
    ]);
  });
});

describe('recording a payment', () => {
  const invoice = (number: string, openMinor: number): StoredInvoice =>
    ({
      number,
      accountId: 'ACC-1',
      dueDate: '2026-02-01',
      issueDate: '2026-01-02',
      currency: 'EUR',
      openMinor,
    }) as StoredInvoice;

  /** A store whose invoices another payment changes once, between the read and the write. */
  function racedStore() {
    let open = [invoice('INV-2026-000001', 12_400)];
    const writes: PaymentWrite[] = [];
    let raced = false;
    const store: PaymentStore = {
      openInvoices: async () => open,
      async write(w): Promise<PaymentWriteOutcome> {
        writes.push(w);
        if (!raced) {
          raced = true;
          open = [invoice('INV-2026-000001', 2_400)];
          return { kind: 'lost-race' };
        }
        return { kind: 'recorded' };
      },
      request: async () => undefined,
      get: async () => undefined,
    };
    return { store, writes };
  }

  const delivered: string[] = [];
  const outbox: Outbox = {
    deliver: async (key) => {
      delivered.push(key.subject);
      return 'sent';
    },
    sendClaimed: async () => 'sent',
    resend: async () => 'sent',
  };
  const theAccount = {
    accountId: 'ACC-1',
    email: 'a@example.org',
    language: 'en',
    contactName: 'A',
    legalName: 'A Ltd',
  } as Account;

  it('reads again after losing a race and allocates what is open now', async () => {
    const { store, writes } = racedStore();
    const result = await recordPayment(
      {
        payments: store,
        accounts: { get: async () => theAccount },
        outbox,
        sender: 'desk@example.org',
        company: defaultCompanyDetails,
        zone: 'Europe/Athens',
        retry: { maxAttempts: 5, baseDelayMs: 0, maxDelayMs: 0 },
      },
      {
        accountId: 'ACC-1',
        amount: { amountMinor: 5_000, currency: 'EUR' },
        date: '2026-03-15',
        method: 'cash',
        reference: 'r',
      },
      'staff#k1',
      { kind: 'staff', staffId: 'S1', name: 'Finn', via: 'api' },
      new Date('2026-03-15T10:00:00Z'),
    );
    expect(result.attempts).toBe(2);
    expect(writes[1]?.paydowns).toEqual([
      expect.objectContaining({ openBefore: 2_400, openAfter: 0 }),
    ]);
    expect(writes[1]?.ledger).toEqual({
      currency: 'EUR',
      balanceMinor: -2_400,
      creditMinor: 2_600,
    });
    expect(result.payment.creditMinor).toBe(2_600);
    expect(delivered).toEqual([`payment#${result.payment.paymentId}`]);
  });

  it('refuses a payment dated after today in the company’s zone', async () => {
    const { store } = racedStore();
    await expect(
      recordPayment(
        {
          payments: store,
          accounts: { get: async () => theAccount },
          outbox,
          sender: 'desk@example.org',
          company: defaultCompanyDetails,
          zone: 'Asia/Seoul',
        },
        {
          accountId: 'ACC-1',
          amount: { amountMinor: 5_000, currency: 'EUR' },
          date: '2026-03-17',
          method: 'cash',
          reference: 'r',
        },
        'staff#k2',
        { kind: 'staff', staffId: 'S1', name: 'Finn', via: 'api' },
        // 23:30 on the 15th in UTC is already the 16th in Seoul: the 17th is still ahead.
        new Date('2026-03-15T23:30:00Z'),
      ),
    ).rejects.toThrow(ValidationError);
  });
});
