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
