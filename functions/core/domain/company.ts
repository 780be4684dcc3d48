import { z } from 'zod';
import { emailAddressField } from './email-address';
import { textField } from './text-fields';

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
