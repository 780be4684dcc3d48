import { Conflict } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import { type BusinessRules, businessRulesSchema, defaultBusinessRules } from './business-rules';
import type { SettingsStore } from './settings-store';

/**
 * The one way to read and change the business rules. The first read of a new desk seeds the
 * defaults (version 1) with a conditional put, so two first readers cannot overwrite each other.
 */

export interface VersionedRules {
  rules: BusinessRules;
  version: number;
}

export async function loadBusinessRules(store: SettingsStore): Promise<VersionedRules> {
  let stored = await store.readBusinessRules();
  if (!stored) {
    await store.seedBusinessRules(defaultBusinessRules);
    // Read back: if another reader seeded first, its item is the one that counts.
    stored = await store.readBusinessRules();
    if (!stored) throw new Error('The business rules item vanished right after it was seeded');
  }
  const parsed = businessRulesSchema.safeParse(stored.rules);
  if (!parsed.success) {
    // A broken settings item must stop the desk loudly, not fall back silently to defaults.
    throw new Error(
      `The stored business rules (version ${stored.version}) are invalid: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return { rules: parsed.data, version: stored.version };
}

/**
 * Saves new rules if nobody changed them since `expectedVersion` was read. Invalid rules throw a
 * ValidationError naming each setting; a lost race throws Conflict and changes nothing.
 */
export async function saveBusinessRules(
  store: SettingsStore,
  next: unknown,
  expectedVersion: number,
  now: Date,
): Promise<VersionedRules> {
  const rules = parseInput(businessRulesSchema, next);
  const saved = await store.replaceBusinessRules(rules, expectedVersion, now);
  if (!saved) {
    throw new Conflict(
      `The business rules changed since version ${expectedVersion} was read; reload and retry`,
    );
  }
  return { rules, version: expectedVersion + 1 };
}
