import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestedStack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { concernStackId } from '../../infra/constructs/concern-stack';
import { manifest } from '../../infra/manifest';
import type { StackTemplate } from '../support/nested-templates';
import { buildDesk, type DeskApp } from './desk-app';

/** What the previous release deployed and must survive the move (see the file's description). */
interface PreviousRelease {
  stackName: string;
  resources: { logicalId: string; type: string; name?: unknown; path: string; reason: string }[];
}
const previous: PreviousRelease = JSON.parse(
  readFileSync(new URL('./previous-release.json', import.meta.url), 'utf8'),
);

/** The property holding a resource's physical name, for the types the previous release named. */
const nameProperty: Record<string, string> = {
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Cognito::UserPoolGroup': 'GroupName',
  'AWS::Cognito::UserPoolDomain': 'Domain',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::ApiGatewayV2::Api': 'Name',
  'AWS::ApiGatewayV2::Stage': 'StageName',
};

/**
 * Left out of the stack on purpose, with why. CloudFormation keeps a retained resource that
 * leaves its template (it is not deleted), so its data stays in the account.
 */
const retired: Record<string, string> = {
  FunctionsLogsbillingFA607E42:
    "Billing's log group: billing merged into invoicing, whose functions log to its group; " +
    'the old group is retained with its logs until their 90 days run out.',
};

let desk: DeskApp;
let root: StackTemplate;
let nested: Map<string, StackTemplate>;

beforeAll(() => {
  // Path metadata, as `cdk synth` writes it: the fixture names each resource's construct path.
  desk = buildDesk({ 'aws:cdk:enable-path-metadata': true }, { nagChecks: false });
  const assembly = desk.app.synth();
  root = assembly.getStackByName(desk.stack.stackName).template as StackTemplate;
  nested = new Map(
    desk.stack.node.children
      .filter((c) => NestedStack.isNestedStack(c))
      .map((stack) => {
        const file = join(assembly.directory, (stack as NestedStack).templateFile);
        return [stack.node.id, JSON.parse(readFileSync(file, 'utf8')) as StackTemplate];
      }),
  );
});

describe('stacks', () => {
  it('hold fewer than 200 resources each, root and nested', () => {
    const counts = [
      [desk.stack.stackName, Object.keys(root.Resources).length] as const,
      ...[...nested].map(([id, t]) => [id, Object.keys(t.Resources).length] as const),
    ];
    console.info(counts.map(([id, n]) => `${id}: ${n}`).join(', '));
    for (const [id, count] of counts) expect(count, id).toBeLessThan(200);
  });

  it('give each concern with functions of its own a nested stack, named after it', () => {
    const concerns = new Set(desk.stack.concernStacks.keys());
    expect([...nested.keys()].sort()).toEqual([...concerns].map(concernStackId).sort());
    for (const concern of [
      'leads',
      'quotes',
      'contracts',
      'invoicing',
      'payments',
      'renewals',
      'statements',
      'staff',
      'messages',
      'daily-job',
    ]) {
      expect(concerns, concern).toContain(concern);
    }
    // Every concern of the manifest: a stack of its own, or all its functions in the root one.
    const declared = new Set(manifest.functions.map((f) => f.concern));
    for (const concern of concerns) expect(declared).toContain(concern);
  });

  it('keep every function of a concern stack in that concern', () => {
    for (const [concern, stack] of desk.stack.concernStacks) {
      const functions = stack.node.tryFindChild('Functions')?.node.children ?? [];
      for (const fn of functions) {
        expect(manifest.functions.find((f) => f.name === fn.node.id)?.concern).toBe(concern);
      }
    }
  });
});

describe('deploy compatibility with the previous release', () => {
  it.each(previous.resources.map((r) => [r.logicalId, r] as const))(
    '%s keeps its logical id, type and name in the root stack',
    (logicalId, before) => {
      const now = root.Resources[logicalId];
      if (logicalId in retired) {
        expect(now, retired[logicalId]).toBeUndefined();
        return;
      }
      expect(now, `${before.path}: ${before.reason}`).toBeDefined();
      expect(now.Type).toBe(before.type);
      const property = nameProperty[before.type];
      expect(property ? now.Properties?.[property] : undefined).toEqual(before.name);
      expect(now.Metadata?.['aws:cdk:path']).toBe(before.path);
    },
  );

  it('has no named resource of the root stack in a nested one', () => {
    const names = previous.resources.filter((r) => r.name !== undefined);
    for (const [id, template] of nested) {
      for (const resource of Object.values(template.Resources)) {
        const property = nameProperty[resource.Type];
        const name = property ? resource.Properties?.[property] : undefined;
        if (name === undefined) continue;
        expect(
          names.map((r) => JSON.stringify(r.name)),
          `${id} names a resource ${JSON.stringify(name)}`,
        ).not.toContain(JSON.stringify(name));
      }
    }
  });

  it('keeps every function a workflow calls in the root stack', () => {
    const called = new Set(manifest.workflows.flatMap((w) => Object.values(w.invokes)));
    const recorded = previous.resources.filter((r) => r.type === 'AWS::Lambda::Function');
    expect(recorded).toHaveLength(called.size);
    for (const name of called) {
      const path = `${previous.stackName}/Functions/${name}/Function/Resource`;
      expect(recorded.map((r) => r.path)).toContain(path);
    }
  });
});

describe('the upgrade from a desk deployed before the stacks per concern', () => {
  it('first deploys the API without routes (-c withoutRoutes=true), keeping every pinned id', () => {
    const detached = buildDesk({ withoutRoutes: 'true' }, { nagChecks: false });
    const assembly = detached.app.synth();
    const rootTemplate = assembly.getStackByName(detached.stack.stackName)
      .template as StackTemplate;
    const templates = [
      rootTemplate,
      ...detached.stack.node.children
        .filter((c) => NestedStack.isNestedStack(c))
        .map(
          (stack) =>
            JSON.parse(
              readFileSync(join(assembly.directory, (stack as NestedStack).templateFile), 'utf8'),
            ) as StackTemplate,
        ),
    ];
    const routes = templates.flatMap((t) =>
      Object.values(t.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route'),
    );
    expect(routes).toEqual([]);
    for (const { logicalId } of previous.resources) {
      if (logicalId in retired) continue;
      expect(rootTemplate.Resources[logicalId], logicalId).toBeDefined();
    }
  });

  it('then deploys the routes in the concern stacks', () => {
    const routesIn = (t: StackTemplate) =>
      Object.values(t.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').length;
    const inNested = [...nested.values()].reduce((n, t) => n + routesIn(t), 0);
    expect(inNested + routesIn(root)).toBe(manifest.routes.length);
    expect(inNested).toBeGreaterThan(0);
  });
});
