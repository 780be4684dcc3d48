import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundling } from '../../bundling';
import type { FunctionDeclaration } from '../../manifest';

export interface FunctionBundle {
  declaration: FunctionDeclaration;
  /** The bundled handler module (ESM), as Lambda would receive it. */
  file: string;
}

export class BundleError extends Error {
  override name = 'BundleError';
}

/** Bundles every function with the options the CDK stack uses, in parallel. */
export async function bundleFunctions(
  functions: readonly FunctionDeclaration[],
  repositoryRoot: string,
  buildDir: string,
): Promise<FunctionBundle[]> {
  return Promise.all(
    functions.map(async (declaration) => {
      const entry = resolve(repositoryRoot, declaration.entry);
      if (!existsSync(entry)) {
        throw new BundleError(
          `Function ${declaration.name}: its handler ${declaration.entry} does not exist ` +
            '(declared in infra/manifest.ts).',
        );
      }
      const file = join(buildDir, declaration.name, 'index.mjs');
      try {
        await build({
          entryPoints: [entry],
          outfile: file,
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
        throw new BundleError(
          `Function ${declaration.name} does not bundle:\n${(error as Error).message}`,
        );
      }
      return { declaration, file };
    }),
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
