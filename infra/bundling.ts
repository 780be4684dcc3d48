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
