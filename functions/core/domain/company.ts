import { z } from 'zod';

/**
 * The issuing company as its invoices, credit notes and statements name it: a business setting
 * (part of the rules item, edited on the settings page), not a deploy-time one, because a company
 * changes its bank account or address without redeploying.
 */
export const companyDetailsSchema = z.object({
  legalName: z.string().trim().min(1, { error: 'enter the company’s legal name' }),
  addressLines: z.array(z.string().trim().min(1)).min(1, { error: 'enter the address' }),
  taxId: z.string().trim().min(1, { error: 'enter the tax id' }),
  email: z.email({ error: 'enter the billing email address' }),
  /** Empty when invoices show no phone number. */
  phone: z.string().trim(),
  /** Where customers pay, printed on invoices: `IBAN GR16 0110 1250 0000 0001 2300 695`. */
  paymentDetails: z.string().trim(),
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
