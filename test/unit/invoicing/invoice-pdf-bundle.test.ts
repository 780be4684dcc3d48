import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fontFiles } from '../../../functions/shared/pdf/fonts';
import { bundling } from '../../../infra/bundling';

/**
 * The PDF code bundled as a Lambda handler is (the shared esbuild options), run from a folder far
 * from node_modules: it must find its fonts in the `fonts/` folder the bundle carries, and say so
 * clearly when they are missing.
 */

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'pdf-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function bundle(dir: string) {
  // As the local cloud bundles a handler (infra/local/functions/bundle.ts).
  await build({
    format: bundling.format,
    platform: bundling.platform,
    target: bundling.target,
    mainFields: bundling.mainFields,
    minify: bundling.minify,
    sourcemap: bundling.sourcemap,
    banner: { js: bundling.banner },
    external: bundling.external,
    entryPoints: [fileURLToPath(new URL('./fixtures/render-invoice.ts', import.meta.url))],
    outfile: join(dir, 'index.mjs'),
    bundle: true,
    logLevel: 'error',
  });
}

describe('the invoice PDF in a bundle', () => {
  it('renders with the fonts copied next to the bundle', async () => {
    const dir = join(scratch, 'with-fonts');
    await bundle(dir);
    mkdirSync(join(dir, 'fonts'));
    const require = createRequire(import.meta.url);
    for (const { module, file } of Object.values(fontFiles)) {
      copyFileSync(require.resolve(module), join(dir, 'fonts', file));
    }
    const { stdout } = await run(process.execPath, [join(dir, 'index.mjs')], {
      cwd: dir,
      maxBuffer: 10_000_000,
    });
    const document = await getDocument({ data: new Uint8Array(Buffer.from(stdout, 'base64')) })
      .promise;
    const content = await (await document.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
    await document.destroy();
    expect(text).toContain('청구서');
    expect(text).toContain('서울상사');
    expect(text).toContain('上海明达');
    expect(text).toContain('Παπαδόπουλος');
  }, 60_000);

  it('names the missing font when the bundle carries none', async () => {
    const dir = join(scratch, 'without-fonts');
    await bundle(dir);
    const failure = await run(process.execPath, [join(dir, 'index.mjs')], { cwd: dir }).catch(
      (error: { stderr: string }) => error,
    );
    expect('stderr' in failure ? failure.stderr : '').toContain('Font NotoSans_400Regular.ttf');
  }, 60_000);
});
