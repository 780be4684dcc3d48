import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { defaultBusinessRules } from '../../functions/core/domain/business-rules';
import { draftContractFromQuote } from '../../functions/core/domain/contract';
import { priceQuote } from '../../functions/core/domain/quote';
import { type Locale, locales } from '../../functions/core/locales';
import {
  renderDocumentRequest,
  renderWelcome,
} from '../../functions/core/mail/contract-customer-mail';
import { renderContractPdf } from '../../functions/core/pdf/contract-pdf';
import { contractPdfText } from '../../functions/core/pdf/contract-pdf-text';

/** The signed contract PDF and the customer's contract emails, in each of the five languages. */

const names: Record<Locale, string> = {
  en: 'Harbour Logistics Ltd',
  de: 'Müller & Söhne GmbH',
  el: 'Παπαδόπουλος Ναυτιλιακή Α.Ε.',
  ko: '서울상사 주식회사',
  zh: '上海明达贸易有限公司',
};

function signedContract(language: Locale) {
  const asOf = new Date('2026-03-10T10:00:00Z');
  const contract = draftContractFromQuote(
    {
      quoteId: 'Q1',
      leadId: 'L1',
      status: 'accepted',
      quote: priceQuote(
        {
          currency: 'EUR',
          lines: [
            {
              service: 'Membership',
              quantity: 1,
              unitPriceMinor: 10000,
              discountPercent: 0,
              taxRatePercent: 24,
            },
          ],
        },
        defaultBusinessRules,
        asOf,
        'Europe/Athens',
      ),
      customer: {
        legalName: names[language],
        contactName: 'Dana',
        email: 'dana@example.org',
        addressLines: ['1 Road'],
        country: 'GR',
        language,
      },
      service: { name: 'Membership', needsOperatingPermit: false },
      billingPlan: 'annual',
      startDate: '2026-04-01',
      termMonths: 12,
      renewal: 'manual',
      agentId: 'a',
      team: 'north',
      prepaid: true,
    },
    '01JCONTRACT000000000000000',
    asOf,
  );
  return {
    ...contract,
    signature: {
      signerName: 'Dana Contact',
      signedAt: '2026-03-12T09:00:00.000Z',
      sourceIp: '192.0.2.7',
    },
  };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const content = await (await document.getPage(1)).getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  await document.destroy();
  return text;
}

describe('the signed contract PDF', () => {
  for (const locale of locales) {
    it(`reads in ${locale}, the customer's name in its own script`, async () => {
      const contract = signedContract(locale);
      const bytes = await renderContractPdf(contract);
      const text = await pdfText(bytes);
      expect(text).toContain(contractPdfText[locale].title);
      expect(text).toContain(names[locale]);
      expect(text).toContain('Dana Contact');
      // The same signed contract, the same document.
      expect((await renderContractPdf(contract)).equals(bytes)).toBe(true);
    });
  }
});

describe("the customer's contract emails", () => {
  for (const locale of locales) {
    it(`exist in ${locale}, values escaped in the HTML`, () => {
      const contract = {
        ...signedContract(locale),
        customer: { ...signedContract(locale).customer, contactName: '<b>Dana</b>' },
      };
      const request = renderDocumentRequest(
        contract,
        ['business-licence'],
        'https://desk.example/contracts/documents/t',
      );
      expect(request.text).toContain('https://desk.example/contracts/documents/t');
      expect(request.html).not.toContain('<b>Dana</b>');
      const welcome = renderWelcome(contract, {
        filename: 'c.pdf',
        contentType: 'application/pdf',
        documentKey: 'k',
      });
      expect(welcome.attachments).toEqual([
        { filename: 'c.pdf', contentType: 'application/pdf', documentKey: 'k' },
      ]);
      // The contract's reference, never the legal name a customer may have typed.
      expect(welcome.subjectLine).toContain(contract.contractId);
      expect(welcome.subjectLine).not.toContain(names[locale]);
    });
  }
});
