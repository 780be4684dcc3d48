import { createRequire } from 'node:module';
import { fontFiles } from '../functions/shared/pdf/fonts';

/**
 * How a handler becomes a Lambda bundle. The CDK stack (NodejsFunction) and the local cloud (which
 * bundles each handler with esbuild at start and runs the bundle in a worker) share these options,
 * so what runs locally is what is deployed.
 */
export const bundling = {
  format: 'esm' as const,
  platform: 'node' as const,
  /** Runs on Lambda's Node.js 24 and on the Node.js 20 of a laptop. */
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  /** ESM bundles still meet CommonJS dependencies that call `require`. */
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  /** Lambda's Node.js 24 runtime ships no SDK we rely on: bundle everything. */
  external: [] as string[],
};

/**
 * The font files a bundle that renders PDFs carries in `fonts/` next to its `index.mjs`, where
 * `functions/shared/pdf/fonts.ts` looks first: esbuild bundles code, not the TTFs pdfkit reads.
 */
export function bundledFontFiles(): { source: string; name: string }[] {
  const resolveFrom = createRequire(import.meta.url);
  return Object.values(fontFiles).map(({ module, file }) => ({
    source: resolveFrom.resolve(module),
    name: file,
  }));
}

/** The folder next to the bundle that holds the fonts. */
export const bundledFontsFolder = 'fonts';
