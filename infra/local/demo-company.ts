import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defaultBusinessRules } from '../../functions/staff/settings/business-rules';
import type { CompanyDetailsSetting } from '../../functions/staff/settings/company';
import { settingsStore } from '../../functions/staff/settings/settings-store';

/**
 * A made-up company for the local walk, so its invoices look like real ones (issue 11): invoices
 * wait until a company's details are filled in, and a fresh local desk would otherwise show none.
 * Local only: the AWS stack seeds the plain defaults, and a manager fills in the real details.
 */
export const demoCompanyDetails: CompanyDetailsSetting = {
  legalName: 'Harbourlight Demo Services Ltd',
  addressLines: ['14 Quay Street', '185 31 Piraeus', 'Greece'],
  taxId: 'EL 999999999 (demo)',
  email: 'billing@harbourlight.example',
  phone: '+30 210 000 0000',
  paymentDetails: 'IBAN GR00 0000 0000 0000 0000 0000 000 (demo) · BIC DEMOGRAA',
};

/**
 * Seeds the business rules with the demo company on a desk that has none yet (a fresh data
 * folder); a desk whose settings exist keeps them, and two starts at once seed once.
 */
export async function seedDemoCompany(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const store = settingsStore({
    client: DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    name: tableName,
  });
  if (await store.readBusinessRules()) return false;
  return store.seedBusinessRules({ ...defaultBusinessRules, company: demoCompanyDetails });
}
