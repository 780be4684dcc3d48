import { routeRoles } from './route-roles.generated';

/**
 * The staff roles (DOMAIN.md, "People and roles"). The runtime owns this vocabulary and the deploy
 * declaration (`infra/declare.ts`) borrows it, never the other way round: a Lambda bundle carries
 * no deploy code.
 */
export type StaffRole = 'agent' | 'supervisor' | 'manager' | 'finance';
export const staffRoles: readonly StaffRole[] = ['agent', 'supervisor', 'manager', 'finance'];

/**
 * The roles a staff route admits (`GET /office/leads`), or undefined for a route that is not a
 * declared staff route. The table is generated from the declaration (`npm run route-roles`) and a
 * test fails when the two differ.
 */
export function staffRolesOf(routeKey: string): readonly StaffRole[] | undefined {
  return Object.hasOwn(routeRoles, routeKey) ? routeRoles[routeKey] : undefined;
}
