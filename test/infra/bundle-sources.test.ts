import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the Lambda bundles carry, read from the source maps of the assembly `npm test` synthesizes
 * (DESK_SYNTH_DIR): runtime code only, never the deploy declaration under `infra/`.
 */
const assembly = process.env.DESK_SYNTH_DIR;

function bundles(dir: string): { asset: string; sources: string[] }[] {
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'index.mjs.map')))
    .map((asset) => {
      const map = JSON.parse(readFileSync(path.join(dir, asset, 'index.mjs.map'), 'utf8'));
      return { asset, sources: map.sources as string[] };
    });
}

describe.skipIf(!assembly)('The Lambda bundles', () => {
  it('carry no file from infra/', () => {
    const found = bundles(assembly ?? '');
    expect(found.length).toBeGreaterThan(50);
    const carrying = found
      .map(({ asset, sources }) => ({
        asset,
        infra: sources.filter((source) => /(^|\/)infra\//.test(source)),
      }))
      .filter(({ infra }) => infra.length > 0);
    expect(carrying).toEqual([]);
  });
});
