import { Stack } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest';
import { buildDesk, type DeskApp, logicalId, templateOf } from './desk-app';

/** A flood of a public route is turned away at the gateway, on that route's own allowance. */

/** A synthesized template is untyped JSON. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

let desk: DeskApp;
let resources: Record<string, { Type: string; Properties: Json; DependsOn?: string[] }>;

beforeAll(() => {
  desk = buildDesk({}, { nagChecks: false });
  resources = templateOf(desk).toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the HTTP API stage', () => {
  it('gives every public and signed-link route a throttle of its own, below the staff routes', () => {
    const [[, stage] = []] = ofType('AWS::ApiGatewayV2::Stage');
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
    const settings = stage?.Properties.RouteSettings as Record<string, Json>;
    const open = manifest.routes.filter((r) => r.access.kind !== 'staff').map(routeKey);
    expect(open).toContain('POST /leads');
    expect(open).toContain('GET /forms/lead');
    expect(Object.keys(settings).sort()).toEqual([...open].sort());
    for (const key of open) {
      expect(settings[key], key).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    }
  });

  it('leaves the staff routes their own allowance, untouched by the public ones', () => {
    const [[, stage] = []] = ofType('AWS::ApiGatewayV2::Stage');
    const settings = stage?.Properties.RouteSettings as Record<string, Json>;
    const staffRoutes = manifest.routes.filter((r) => r.access.kind === 'staff').map(routeKey);
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const key of staffRoutes) expect(settings[key]).toBeUndefined();
  });

  it('is made after the routes its settings name (a stage may only name routes that exist)', () => {
    const [[, stage] = []] = ofType('AWS::ApiGatewayV2::Stage');
    const routeIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => r.Properties.RouteKey === 'POST /leads')
      .map(([id]) => id);
    expect(routeIds).toHaveLength(1);
    // The route, or the concern stack it is in: CloudFormation cannot wait for one resource of
    // a nested stack, so the stage waits for the whole nested stack.
    const route = desk.stack.node
      .findAll()
      .find((c) => c instanceof CfnRoute && c.routeKey === 'POST /leads') as CfnRoute;
    const holder = Stack.of(route);
    const awaited = holder.nestedStackResource
      ? logicalId(holder.nestedStackResource)
      : routeIds[0];
    expect(stage?.DependsOn).toEqual(expect.arrayContaining([awaited]));
  });
});
