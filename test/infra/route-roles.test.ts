import { describe, expect, it } from 'vitest';
import { routeRoles } from '../../functions/shared/route-roles.generated';
import { staffRolesOf } from '../../functions/shared/staff-roles';
import { routeRolesFromDeclaration } from '../../infra/cli/route-roles';
import { manifest, routeKeyOf } from '../../infra/manifest';

describe('The route roles the runtime reads', () => {
  it('are the declaration’s, route by route (run `npm run route-roles` after changing a route)', () => {
    expect(routeRoles).toEqual(routeRolesFromDeclaration());
  });

  it('admit no one on a route that is not a declared staff route', () => {
    const publicRoute = manifest.routes.find((r) => r.access.kind === 'public');
    expect(publicRoute).toBeDefined();
    if (!publicRoute) return;
    expect(staffRolesOf(routeKeyOf(publicRoute))).toBeUndefined();
    expect(staffRolesOf('GET /office/nowhere')).toBeUndefined();
    expect(staffRolesOf('constructor')).toBeUndefined();
  });
});
