import type { BusinessRules } from '../../functions/core/domain/business-rules';
import { type SettingsStore, settingsStore } from '../../functions/core/store/settings-store';
import type { Table } from '../../functions/core/store/table';

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
