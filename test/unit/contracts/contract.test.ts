import { describe, expect, it } from 'vitest';
import {
  checkUpload,
  maxDocumentBytes,
  sniffDocument,
} from '../../../functions/contracts/contract-documents';
import { checkSignature } from '../../../functions/contracts/contract-signing';
import {
  contractBilling,
  contractEndDate,
  draftContractFromQuote,
  legalNamesMatch,
  missingDocuments,
  QuoteNotContractable,
} from '../../../functions/contracts/rules/contract';
import { invoiceDraft } from '../../../functions/invoicing/rules/invoice';
import { readMultipart } from '../../../functions/shared/http/multipart';
import { asOf, quote } from '../../support/accepted-quote';

describe('drafting a contract from an accepted quote', () => {
  it('fills every field from the quote', () => {
    const contract = draftContractFromQuote(quote(), 'C1', asOf);
    expect(contract).toMatchObject({
      contractId: 'C1',
      quoteId: 'Q1',
      status: 'awaiting-documents',
      round: 1,
      version: 1,
      customer: { legalName: 'Acme Trading S.A.', addressLines: ['1 Road', 'Athens'] },
      currency: 'EUR',
      billingPlan: 'monthly',
      paymentTerms: { kind: 'net', days: 14 },
      startDate: '2026-04-01',
      endDate: '2027-03-31',
      renewal: 'auto',
      requiredDocuments: ['business-licence'],
      documents: [],
      draftedAt: asOf.toISOString(),
    });
    expect(contract.totals).toEqual(quote().quote.totals);
  });

  it('copies the kind of service (its renewal type); quotes stored before it are memberships', () => {
    expect(draftContractFromQuote(quote(), 'C1', asOf).serviceKind).toBe('membership');
    const placement = draftContractFromQuote(quote({ serviceKind: 'placement' }), 'C1', asOf);
    expect(placement.serviceKind).toBe('placement');
  });

  it('asks for an operating permit when the service needs one; prepaid stays prepaid', () => {
    const contract = draftContractFromQuote(
      quote({ service: { name: 'Waste', needsOperatingPermit: true }, prepaid: true }),
      'C1',
      asOf,
    );
    expect(contract.requiredDocuments).toEqual(['business-licence', 'operating-permit']);
    expect(contract.paymentTerms).toEqual({ kind: 'prepaid' });
    expect(missingDocuments(contract)).toEqual(['business-licence', 'operating-permit']);
  });

  it('refuses a quote that is not accepted, or lacks a field, naming it', () => {
    expect(() => draftContractFromQuote(quote({ status: 'sent' }), 'C1', asOf)).toThrow(
      QuoteNotContractable,
    );
    expect(() =>
      draftContractFromQuote(
        quote({ customer: { ...quote().customer, legalName: ' ', addressLines: [] } }),
        'C1',
        asOf,
      ),
    ).toThrow(/customer.legalName, customer.addressLines/);
  });

  it('ends the term the day before the same date months later', () => {
    expect(contractEndDate('2026-03-15', 12)).toBe('2027-03-14');
    expect(contractEndDate('2026-01-31', 1)).toBe('2026-02-27');
    expect(() => contractEndDate('2026-02-30', 12)).toThrow(QuoteNotContractable);
    expect(() => contractEndDate('2026-03-01', 0)).toThrow(QuoteNotContractable);
  });

  it('bills exactly what was quoted, the overall discount included', () => {
    const contract = draftContractFromQuote(quote(), 'C1', asOf);
    const billing = contractBilling(contract, 'A1');
    expect(billing.accountId).toBe('A1');
    expect(billing.customer.name).toBe('Acme Trading S.A.');
    const draft = invoiceDraft(billing, undefined);
    expect(draft.totals).toEqual(contract.totals);
    expect(draft.lines.map((l) => l.total)).toEqual(contract.lines.map((l) => l.total));
  });
});

describe('the legal name on a business licence', () => {
  it('matches whatever the case, spacing and punctuation', () => {
    expect(legalNamesMatch('ACME TRADING SA', 'Acme Trading S.A.')).toBe(true);
    expect(legalNamesMatch('Müller & Söhne GmbH', 'MÜLLER SÖHNE GMBH')).toBe(true);
    expect(legalNamesMatch('서울상사 주식회사', '서울상사주식회사')).toBe(true);
    expect(legalNamesMatch('Acme Trading', 'Acme Trading SA')).toBe(false);
    expect(legalNamesMatch('...', '---')).toBe(false);
  });
});

describe('an uploaded document', () => {
  const contract = draftContractFromQuote(quote(), 'C1', asOf);
  const pdf = new TextEncoder().encode('%PDF-1.7 rest');

  it('is judged by its first bytes', () => {
    expect(sniffDocument(pdf)?.contentType).toBe('application/pdf');
    expect(sniffDocument(new Uint8Array([0xff, 0xd8, 0xff, 0xe1]))?.ext).toBe('jpg');
    expect(
      sniffDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.ext,
    ).toBe('png');
    expect(sniffDocument(new TextEncoder().encode('<html>%PDF-'))).toBeUndefined();
  });

  it('is refused with every problem named by its field', () => {
    expect(
      checkUpload(contract, {
        documentType: 'business-licence',
        file: { fileName: 'a.pdf', bytes: pdf },
        legalName: 'acme trading s a',
      }),
    ).toEqual([]);
    expect(
      checkUpload(contract, {
        documentType: 'operating-permit',
        file: { fileName: 'a.exe', bytes: new Uint8Array([0x4d, 0x5a]) },
      }),
    ).toEqual([
      { field: 'documentType', problem: 'type-not-needed' },
      { field: 'file', problem: 'file-type' },
    ]);
    expect(
      checkUpload(contract, {
        documentType: 'business-licence',
        file: { fileName: 'big.pdf', bytes: new Uint8Array(maxDocumentBytes + 1).fill(0x25) },
        legalName: 'Other Ltd',
      }),
    ).toEqual([
      { field: 'file', problem: 'file-too-large' },
      { field: 'legalName', problem: 'legal-name-mismatch' },
    ]);
    expect(checkUpload(contract, { documentType: undefined })).toEqual([
      { field: 'documentType', problem: 'type-missing' },
      { field: 'file', problem: 'file-missing' },
    ]);
  });
});

describe('the name of an uploaded file', () => {
  const contract = draftContractFromQuote(quote(), 'C1', asOf);
  const pdf = new TextEncoder().encode('%PDF-1.7 test');
  const upload = (fileName: string) =>
    checkUpload(contract, {
      documentType: 'business-licence',
      file: { fileName, bytes: pdf },
      legalName: 'Acme Trading S.A.',
    });

  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe'],
    ['a zero-width space', 'licence\u200B.pdf'],
    ['NUL', 'licence.pdf\u0000.exe'],
    ['a bidi isolate', 'licence\u2066.pdf'],
  ])('is refused when it holds %s, which disguises the file', (_what, fileName) => {
    expect(upload(fileName)).toEqual([{ field: 'file', problem: 'file-name' }]);
  });

  it('is taken when it is plain, in any language', () => {
    expect(upload('Gewerbeschein März.pdf')).toEqual([]);
    expect(upload('사업자등록증.pdf')).toEqual([]);
  });

  it('compares the legal name without its invisible characters', () => {
    const withMarks = checkUpload(contract, {
      documentType: 'business-licence',
      file: { fileName: 'a.pdf', bytes: pdf },
      legalName: 'Acme\u200B Trading\u202E S.A.',
    });
    expect(withMarks).toEqual([]);
  });
});

describe('a signature', () => {
  it('keeps the signer name without invisible characters', () => {
    expect(checkSignature({ signerName: '\u200B\u202E', agreed: true })).toEqual([
      { field: 'signerName', problem: 'name-missing' },
    ]);
  });

  it('needs a typed name and the ticked box', () => {
    expect(checkSignature({ signerName: 'Dana', agreed: true })).toEqual([]);
    expect(checkSignature({ signerName: '  ', agreed: false })).toEqual([
      { field: 'signerName', problem: 'name-missing' },
      { field: 'agree', problem: 'agree-missing' },
    ]);
  });
});

describe('a multipart upload form', () => {
  it('gives its fields and files, bytes intact', () => {
    const boundary = 'XyZ';
    const file = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="legalName"\r\n\r\nΑκμή Α.Ε.\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="C:\\\\docs\\\\scan.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parsed = readMultipart(
      {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: body.toString('base64'),
        isBase64Encoded: true,
      },
      1024,
    );
    expect(parsed.fields.legalName).toBe('Ακμή Α.Ε.');
    expect(parsed.files.file?.fileName).toBe('scan.png');
    expect(parsed.files.file?.bytes.equals(file)).toBe(true);
    expect(() =>
      readMultipart(
        {
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: body.toString('base64'),
          isBase64Encoded: true,
        },
        10,
      ),
    ).toThrow(/larger than/);
  });
});
