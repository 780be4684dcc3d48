import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the Lambda bundles carry, read from the source maps of the assembly `npm test` synthesizes
 * (DESK_SYNTH_DIR): runtime code only, never the deploy declaration under `infra/`.
 */
const assembly = process.env.DESK_SYNTH_DIR;

/** The bundles the assembly deploys (its assets manifests name them; older synths may linger). */
function bundles(dir: string): { asset: string; sources: string[] }[] {
  const assets = readdirSync(dir)
    .filter((name) => name.endsWith('.assets.json'))
    .flatMap((manifest) => {
      const { files } = JSON.parse(readFileSync(path.join(dir, manifest), 'utf8')) as {
        files: Record<string, { source: { path: string } }>;
      };
      return Object.values(files).map((file) => file.source.path);
    });
  return assets
    .filter((asset) => existsSync(path.join(dir, asset, 'index.mjs.map')))
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
