import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest';

/**
 * The layout `functions/README.md` describes: one folder per business concern plus `shared`, the
 * runtime free of the deploy declaration, and shared building blocks that know no concern.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const functionsDir = path.join(root, 'functions');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative module a file imports, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
  return specifiers.map((m) => path.relative(root, path.resolve(path.dirname(file), m[1] ?? '')));
}

const files = sourceFiles(functionsDir);

describe('The functions folder', () => {
  it('holds the concern folders and the shared one, and nothing loose', () => {
    const entries = readdirSync(functionsDir);
    const loose = entries.filter((e) => !statSync(path.join(functionsDir, e)).isDirectory());
    expect(loose.filter((e) => e !== 'README.md')).toEqual([]);
    expect(entries).toContain('shared');
    expect(entries).not.toContain('core');
  });

  it('never imports the deploy declaration under infra/', () => {
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('infra/'))
        .map((target) => `${path.relative(root, file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps shared building blocks free of any concern', () => {
    const shared = files.filter((file) => file.startsWith(path.join(functionsDir, 'shared')));
    const offending = shared.flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('functions/shared/'))
        .map((target) => `${path.relative(root, file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('is described, folder by folder, in functions/README.md', () => {
    const readme = readFileSync(path.join(functionsDir, 'README.md'), 'utf8');
    const folders = readdirSync(functionsDir).filter((e) =>
      statSync(path.join(functionsDir, e)).isDirectory(),
    );
    expect(folders.filter((folder) => !readme.includes(`\`${folder}/\``))).toEqual([]);
  });

  it('keeps each declared function in the folder of its concern, whose part bears its name', () => {
    const parts = readdirSync(path.join(root, 'infra/parts')).map((f) => f.replace(/\.ts$/, ''));
    const astray = manifest.functions
      .filter((f) => !f.entry.startsWith(`functions/${f.concern}/handlers/`))
      .map((f) => `${f.name} (${f.concern}) is at ${f.entry}`);
    expect(astray).toEqual([]);
    const concerns = new Set(manifest.functions.map((f) => f.concern));
    expect([...concerns].filter((c) => !parts.includes(c ?? ''))).toEqual([]);
  });

  it('lets only the decision step resume a waiting workflow', () => {
    const callers = files
      .filter((file) =>
        /SendTask(Success|Failure|Heartbeat)Command/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(root, file));
    expect(callers).toEqual(['functions/shared/decisions/decision-step.ts']);
  });
});
