import type { Table } from '../../functions/shared/store/table';
import type { BusinessRules } from '../../functions/staff/settings/business-rules';
import type { CompanyDetailsSetting } from '../../functions/staff/settings/company';
import { type SettingsStore, settingsStore } from '../../functions/staff/settings/settings-store';

/**
 * The desk's stored settings as a job reads them, but for the rules given: a test's own job runs
 * by other numbers without changing the settings every other test shares.
 */
export function settingsWith(table: Table, rules: Partial<BusinessRules>): SettingsStore {
  const stored = settingsStore(table);
  return {
    ...stored,
    async readBusinessRules() {
      const settings = await stored.readBusinessRules();
      return settings && { ...settings, rules: { ...(settings.rules as object), ...rules } };
    },
  };
}

/**
 * A company with every detail an invoice needs filled in: tests that issue invoices, credit notes
 * or statements use it (with the placeholders a new desk starts with, they wait).
 */
export const testCompany: CompanyDetailsSetting = {
  legalName: 'Desk Test Trading Ltd',
  addressLines: ['1 Test Street', '10431 Athens', 'Greece'],
  taxId: 'EL 123456789',
  email: 'billing@desk-test.example',
  phone: '',
  paymentDetails: 'IBAN GR16 0110 1250 0000 0001 2300 695',
};
