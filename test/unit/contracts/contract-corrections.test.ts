import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctionForm } from '../../../functions/contracts/contract-corrections';
import {
  type Contract,
  draftContractFromQuote,
  missingDocuments,
} from '../../../functions/contracts/rules/contract';
import {
  type ContractCorrection,
  changesSinceReturned,
  contractChanges,
  correctedContract,
  mergeChanges,
} from '../../../functions/contracts/rules/contract-corrections';
import { ValidationError } from '../../../functions/shared/errors';
import { parseInput } from '../../../functions/shared/validation';
import { asOf, quote } from '../../support/accepted-quote';

function returnedContract(): Contract {
  const contract = draftContractFromQuote(quote(), 'C1', asOf);
  return { ...contract, status: 'returned' };
}

const sameAs = (c: Contract): ContractCorrection => ({
  legalName: c.customer.legalName,
  contactName: c.customer.contactName,
  email: c.customer.email,
  phone: c.customer.phone ?? '',
  addressLines: c.customer.addressLines,
  taxId: c.customer.taxId ?? '',
  country: c.customer.country,
  startDate: c.startDate,
  termMonths: c.termMonths,
  billingPlan: c.billingPlan,
  paymentTerms: c.paymentTerms,
  renewal: c.renewal,
});

describe('the changes of a corrected contract', () => {
  it('an unchanged contract has no changes', () => {
    const contract = returnedContract();
    expect(contractChanges(contract, correctedContract(contract, sameAs(contract)))).toEqual([]);
  });

  it('a changed legal name is one change, with its value before and after', () => {
    const contract = returnedContract();
    const after = correctedContract(contract, { ...sameAs(contract), legalName: 'Acme SA' });
    expect(contractChanges(contract, after)).toEqual([
      { field: 'Legal name', before: 'Acme Trading S.A.', after: 'Acme SA' },
    ]);
  });

  it('a longer term moves the end date, and both are listed', () => {
    const contract = returnedContract();
    const after = correctedContract(contract, { ...sameAs(contract), termMonths: 24 });
    expect(contractChanges(contract, after)).toEqual([
      { field: 'End date', before: '2027-03-31', after: '2028-03-31' },
      { field: 'Term (months)', before: '12', after: '24' },
    ]);
  });

  it('a tax id added reads as none before', () => {
    const contract = returnedContract();
    const after = correctedContract(contract, { ...sameAs(contract), taxId: 'EL1' });
    expect(contractChanges(contract, after)).toEqual([
      { field: 'Tax ID', before: '', after: 'EL1' },
    ]);
  });

  it('a field edited twice keeps its first value before and its latest after', () => {
    const merged = mergeChanges(
      [{ field: 'Email', before: 'a@x.org', after: 'b@x.org' }],
      [{ field: 'Email', before: 'b@x.org', after: 'c@x.org' }],
    );
    expect(merged).toEqual([{ field: 'Email', before: 'a@x.org', after: 'c@x.org' }]);
  });

  it('a field edited back to where it was is no change', () => {
    const merged = mergeChanges(
      [{ field: 'Email', before: 'a@x.org', after: 'b@x.org' }],
      [{ field: 'Email', before: 'b@x.org', after: 'a@x.org' }],
    );
    expect(merged).toEqual([]);
  });

  it('the approvers of the next round see the corrections; later rounds do not', () => {
    const changes = [{ field: 'Email', before: 'a@x.org', after: 'b@x.org' }];
    expect(changesSinceReturned({ round: 2, corrections: { round: 1, changes } })).toEqual(changes);
    expect(changesSinceReturned({ round: 3, corrections: { round: 1, changes } })).toEqual([]);
    expect(changesSinceReturned({ round: 1 })).toEqual([]);
  });

  it('edits in a row add up to the change from the first to the last (property)', () => {
    const contract = returnedContract();
    const edit = fc.record({
      legalName: fc.constantFrom('Acme Trading S.A.', 'Acme SA', 'Acme Ltd'),
      email: fc.constantFrom('dana@example.org', 'ops@example.org'),
      termMonths: fc.integer({ min: 1, max: 36 }),
      renewal: fc.constantFrom('manual' as const, 'auto' as const),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let current = contract;
        let changes = contractChanges(contract, contract);
        for (const e of edits) {
          const next = correctedContract(current, { ...sameAs(current), ...e });
          changes = mergeChanges(changes, contractChanges(current, next));
          current = next;
        }
        expect(changes).toEqual(contractChanges(contract, current));
      }),
    );
  });
});

describe('the documents of a corrected contract', () => {
  const licence = {
    documentType: 'business-licence' as const,
    documentKey: 'contracts/C1/l.pdf',
    fileName: 'l.pdf',
    contentType: 'application/pdf',
    sizeBytes: 10,
    uploadedAt: asOf.toISOString(),
    uploadedBy: { kind: 'customer' as const },
    legalNameOnDocument: 'ACME Trading SA',
  };

  it('a licence under the old legal name is asked for again', () => {
    const contract = { ...returnedContract(), documents: [licence] };
    expect(missingDocuments(contract)).toEqual([]);
    const renamed = correctedContract(contract, { ...sameAs(contract), legalName: 'Acme Ltd' });
    expect(missingDocuments(renamed)).toEqual(['business-licence']);
  });

  it('a licence uploaded again under the new name is on file', () => {
    const contract = { ...returnedContract(), documents: [licence] };
    const renamed = correctedContract(contract, { ...sameAs(contract), legalName: 'Acme Ltd' });
    const again = {
      ...licence,
      documentKey: 'contracts/C1/l2.pdf',
      legalNameOnDocument: 'Acme Ltd',
    };
    expect(missingDocuments({ ...renamed, documents: [licence, again] })).toEqual([]);
  });
});

describe('the correction form', () => {
  const form = {
    legalName: 'Acme SA',
    contactName: 'Dana',
    email: 'dana@example.org',
    phone: '',
    addressLines: '1 Road\n\nAthens',
    taxId: '',
    country: 'gr',
    startDate: '2026-05-01',
    termMonths: '12',
    billingPlan: 'annual',
    paymentTerms: 'net',
    paymentDays: '30',
    renewal: 'manual',
  };

  it('reads a good form into a correction', () => {
    expect(parseInput(correctionForm, form)).toMatchObject({
      addressLines: ['1 Road', 'Athens'],
      country: 'GR',
      termMonths: 12,
      paymentTerms: { kind: 'net', days: 30 },
    });
  });

  it('names each bad field in plain words', () => {
    const problems = (() => {
      try {
        parseInput(correctionForm, { ...form, email: 'nope', termMonths: '0', legalName: ' ' });
        return [];
      } catch (error) {
        return error instanceof ValidationError ? error.problems : [];
      }
    })();
    expect(problems.map((p) => p.field).sort()).toEqual(['email', 'legalName', 'termMonths']);
    expect(problems.find((p) => p.field === 'email')?.message).toMatch(/^Email must be an email/);
    expect(problems.find((p) => p.field === 'legalName')?.message).toBe('Legal name is required');
  });

  it('net terms need their days', () => {
    expect(() => parseInput(correctionForm, { ...form, paymentDays: '' })).toThrow(/Payment days/);
  });
});
