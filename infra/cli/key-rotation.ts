import { randomBytes } from 'node:crypto';
import {
  type KeyPurpose,
  legacyKeyId,
  type StoredKey,
  type StoredSigningKeys,
  signingKeyCacheMs,
} from '../../functions/shared/signing-key';

/**
 * Rotating the signing keys of one purpose (`npm run signing-keys -- rotate links`): a new key
 * is added that signs from a little later than every running function re-reads the secret; the
 * key it replaces keeps verifying, so what it signed works until it expires. A key that stopped
 * signing longer ago than anything it signed can live is dropped at the next rotation.
 */

/** How long a key keeps verifying after it stopped signing: longer than what it signs lives. */
export const keepAfterReplaced: Record<KeyPurpose, { days: number; why: string }> = {
  links: {
    days: 100,
    why: 'longer than any emailed link: approvals 30 days, quotes their validity, renewals their term',
  },
  forms: { days: 2, why: 'a served lead form is accepted for 24 hours' },
  csrf: { days: 2, why: 'a staff session lasts 8 hours' },
};

/** A new key signs this long after the rotation: every function has read it by then. */
export const newKeyStartsAfterMs = 2 * signingKeyCacheMs;

export interface RotationOptions {
  now: Date;
  /** A leaked key: the new key signs at once and every older key is dropped. */
  dropPrevious?: boolean;
  newKey?: () => string;
}

export interface Rotation {
  keys: StoredSigningKeys;
  added: StoredKey;
  dropped: string[];
}

export function rotatePurpose(
  stored: StoredSigningKeys,
  purpose: KeyPurpose,
  options: RotationOptions,
): Rotation {
  const now = options.now.getTime();
  const added: StoredKey = {
    id: nextKeyId(stored[purpose]),
    key: (options.newKey ?? (() => randomBytes(32).toString('base64url')))(),
    from: new Date(options.dropPrevious ? now : now + newKeyStartsAfterMs).toISOString(),
  };
  const keepMs = keepAfterReplaced[purpose].days * 86_400_000;
  const existing = stored[purpose];
  const kept = options.dropPrevious
    ? []
    : existing.filter((key) => {
        const replacedAt = replacedAtOf(key, [...existing, added]);
        return replacedAt === undefined || now - replacedAt <= keepMs;
      });
  const dropped = existing.filter((key) => !kept.includes(key)).map((key) => key.id);
  return { keys: { ...stored, [purpose]: [...kept, added] }, added, dropped };
}

const startOf = (key: StoredKey) => (key.from ? Date.parse(key.from) : 0);

/**
 * When a key stopped signing: when the next newer key started (the legacy key counts as replaced
 * when the first key with a start began); undefined while nothing has replaced it.
 */
export function replacedAtOf(key: StoredKey, keys: readonly StoredKey[]): number | undefined {
  const start = key.id === legacyKeyId ? 0 : startOf(key);
  const later = keys
    .filter((other) => other !== key && other.id !== legacyKeyId && startOf(other) > start)
    .map(startOf);
  return later.length > 0 ? Math.min(...later) : undefined;
}

function nextKeyId(keys: readonly StoredKey[]): string {
  const numbers = keys.map((key) => /^k?(\d+)$/.exec(key.id)?.[1]).map(Number);
  const highest = Math.max(0, ...numbers.filter(Number.isFinite));
  return `k${highest + 1}`;
}

/** One line per key, for `npm run signing-keys -- status` (never the key itself). */
export function describeKeys(stored: StoredSigningKeys, now: Date): string[] {
  const lines: string[] = [];
  for (const purpose of ['links', 'forms', 'csrf'] as const) {
    for (const key of stored[purpose]) {
      const replacedAt = replacedAtOf(key, stored[purpose]);
      const start = startOf(key);
      const state =
        key.id === legacyKeyId
          ? 'checks tokens signed before key ids existed'
          : start > now.getTime()
            ? `signs from ${new Date(start).toISOString()}`
            : replacedAt === undefined || replacedAt > now.getTime()
              ? 'signs now'
              : `replaced ${new Date(replacedAt).toISOString()}, still verifies`;
      lines.push(`${purpose.padEnd(5)} ${key.id.padEnd(8)} ${state}`);
    }
  }
  return lines;
}
