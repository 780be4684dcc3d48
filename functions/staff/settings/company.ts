import { z } from 'zod';
import { emailAddressField } from '../../shared/rules/email-address';
import { textField } from '../../shared/rules/text-fields';

/**
 * The issuing company as its invoices, credit notes and statements name it: a business setting
 * (part of the rules item, edited on the settings page), not a deploy-time one, because a company
 * changes its bank account or address without redeploying.
 */
export const companyDetailsSchema = z.object({
  legalName: textField({ max: 300, messages: { required: 'enter the company’s legal name' } }),
  addressLines: z
    .array(textField({ max: 300, messages: { required: 'enter the address line' } }))
    .min(1, { error: 'enter the address' }),
  taxId: textField({ max: 100, messages: { required: 'enter the tax id' } }),
  email: emailAddressField({
    required: 'enter the billing email address',
    'too-long': 'use at most 254 characters',
    'invalid-email': 'enter one email address, like billing@example.com',
  }),
  /** Empty when invoices show no phone number. */
  phone: textField({ max: 100, required: false }),
  /** Where customers pay, printed on invoices: `IBAN GR16 0110 1250 0000 0001 2300 695`. */
  paymentDetails: textField({ max: 1000, required: false }),
});

export type CompanyDetailsSetting = z.infer<typeof companyDetailsSchema>;

/** What a new desk starts with: to be replaced with the company's own on the settings page. */
export const defaultCompanyDetails: CompanyDetailsSetting = {
  legalName: 'Customer Desk',
  addressLines: ['Change this address on the settings page'],
  taxId: 'Not set',
  email: 'billing@desk.example',
  phone: '',
  paymentDetails: '',
};

/**
 * The details an invoice cannot go out without, as the settings page names them, that are still
 * empty or still the new desk's placeholder. Invoices, credit notes and statements print them: a
 * customer must never get one saying "Tax ID: Not set" (issue 11), so until this is empty they
 * wait (job items) or are refused (a credit note asked for by staff).
 */
export function missingCompanyDetails(company: CompanyDetailsSetting): string[] {
  const placeholder = defaultCompanyDetails;
  const blank = (text: string) => text.trim() === '';
  const lines = company.addressLines.filter((line) => !blank(line));
  const missing: string[] = [];
  if (blank(company.legalName) || company.legalName.trim() === placeholder.legalName) {
    missing.push('legal name');
  }
  if (lines.length === 0 || lines.join('\n') === placeholder.addressLines.join('\n')) {
    missing.push('address');
  }
  if (blank(company.taxId) || company.taxId.trim() === placeholder.taxId) missing.push('tax id');
  if (blank(company.paymentDetails)) missing.push('payment details (bank account)');
  return missing;
}
