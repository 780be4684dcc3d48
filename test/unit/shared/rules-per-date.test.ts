import { describe, expect, it } from 'vitest';
import { rulesPerDate } from '../../../functions/daily-job/job-environment';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import type { SettingsStore } from '../../../functions/staff/settings/settings-store';

/** A settings store that counts its reads and fails the reads it is told to. */
function countingSettings(failing: number[] = []) {
  let reads = 0;
  const store: SettingsStore = {
    async readBusinessRules() {
      reads++;
      if (failing.includes(reads)) throw new Error('DynamoDB is unreachable');
      return { rules: defaultBusinessRules, version: 1 };
    },
    seedBusinessRules: async () => false,
    replaceBusinessRules: async () => false,
  };
  return { store, reads: () => reads };
}

describe('the rules a daily job acts by', () => {
  it('are read once per business date, again for the next date', async () => {
    const settings = countingSettings();
    const rulesFor = rulesPerDate(settings.store);
    await Promise.all([rulesFor('2026-05-04'), rulesFor('2026-05-04'), rulesFor('2026-05-04')]);
    expect(settings.reads()).toBe(1);
    expect((await rulesFor('2026-05-05')).dunning.ladder).toHaveLength(4);
    expect(settings.reads()).toBe(2);
  });

  it('keep no failed read: the next item of the date reads again', async () => {
    const settings = countingSettings([1]);
    const rulesFor = rulesPerDate(settings.store);
    await expect(rulesFor('2026-05-04')).rejects.toThrow('unreachable');
    expect((await rulesFor('2026-05-04')).invoices.defaultPaymentTermsDays).toBe(30);
    expect(settings.reads()).toBe(2);
  });
});
