import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundledFontFiles, bundledFontsFolder, bundling } from '../../bundling';
import type { FunctionDeclaration } from '../../manifest';

export interface FunctionBundle {
  declaration: FunctionDeclaration;
  /** The bundled handler module (ESM), as Lambda would receive it. */
  file: string;
}

export class BundleError extends Error {
  override name = 'BundleError';
}

/**
 * Bundles every function with the options the CDK stack uses. One esbuild run for them all:
 * each bundle is still self-contained, but shared modules (the AWS SDK) are parsed once, which
 * keeps a local cloud's start quick and small when several run at once (tests).
 */
export async function bundleFunctions(
  functions: readonly FunctionDeclaration[],
  repositoryRoot: string,
  buildDir: string,
): Promise<FunctionBundle[]> {
  const entryPoints = functions.map((declaration) => {
    const entry = resolve(repositoryRoot, declaration.entry);
    if (!existsSync(entry)) {
      throw new BundleError(
        `Function ${declaration.name}: its handler ${declaration.entry} does not exist ` +
          '(declared in infra/manifest.ts).',
      );
    }
    return { in: entry, out: `${declaration.name}/index` };
  });
  try {
    await build({
      entryPoints,
      outdir: buildDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: bundling.format,
      platform: bundling.platform,
      target: bundling.target,
      mainFields: bundling.mainFields,
      minify: bundling.minify,
      sourcemap: bundling.sourcemap,
      banner: { js: bundling.banner },
      external: bundling.external,
      logLevel: 'silent',
    });
  } catch (error) {
    throw new BundleError(`The functions do not bundle:\n${(error as Error).message}`);
  }
  return Promise.all(
    functions.map(async (declaration) => {
      if (declaration.bundlesFonts) await copyFonts(join(buildDir, declaration.name));
      return { declaration, file: join(buildDir, declaration.name, 'index.mjs') };
    }),
  );
}

/** The PDF fonts next to the bundle, as the CDK stack puts them in the Lambda asset. */
async function copyFonts(bundleDir: string): Promise<void> {
  const folder = join(bundleDir, bundledFontsFolder);
  await mkdir(folder, { recursive: true });
  await Promise.all(
    bundledFontFiles().map(({ source, name }) => copyFile(source, join(folder, name))),
  );
}

/** The worker bootstrap, bundled once so workers run plain JavaScript whatever started us. */
export async function bundleWorkerBootstrap(buildDir: string): Promise<string> {
  const file = join(buildDir, '_runtime', 'worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: bundling.target,
    logLevel: 'silent',
  });
  return file;
}
