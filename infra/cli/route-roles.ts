/**
 * Writes `functions/shared/route-roles.generated.ts`: the roles each staff route admits, taken from
 * the declaration. The staff authorizer and the back-office pages read the roles from there, so
 * no Lambda bundle carries the deploy declaration (and environment variables, at 4 KB, are too
 * small for the table). `npm run route-roles` after changing a route's access; a test fails when
 * the module and the declaration differ.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifest, routeKeyOf, staffRoles } from '../manifest';

export function routeRolesFromDeclaration(): Record<string, readonly string[]> {
  const table: Record<string, readonly string[]> = {};
  for (const route of manifest.routes) {
    if (route.access.kind === 'staff') table[routeKeyOf(route)] = route.access.roles;
  }
  return table;
}

function moduleText(): string {
  const role = staffRoles.map((r) => `'${r}'`).join(' | ');
  const lines = Object.entries(routeRolesFromDeclaration())
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, roles]) => `  '${key}': [${roles.map((r) => `'${r}'`).join(', ')}],`);
  return [
    '// Generated from the deploy declaration by `npm run route-roles`: do not edit.',
    '',
    '/** The roles each staff route admits, by API Gateway route key. */',
    `export const routeRoles: Readonly<Record<string, readonly (${role})[]>> = {`,
    ...lines,
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(
    new URL('../../functions/shared/route-roles.generated.ts', import.meta.url),
  );
  writeFileSync(target, moduleText());
  execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
  console.log(`Wrote ${target}`);
}
