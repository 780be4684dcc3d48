import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildCustomerDeskApp, type CustomerDeskStack } from '../../infra/stack';
import { flattenNested, type StackTemplate } from '../support/nested-templates';

/** The context `cdk synth` uses (cdk.json), so the tests check what would be deployed. */
export const cdkContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

export interface DeskApp {
  app: App;
  stack: CustomerDeskStack;
}

/**
 * The desk app as `infra/app.ts` builds it, with bundling switched off: an empty
 * `aws:cdk:bundling-stacks` makes NodejsFunction skip esbuild, so template tests stay fast.
 * (The bundles test runs the real CLI with bundling.) Template tests pass `nagChecks: false` so
 * that a broken property fails its own test rather than every test at once as a cdk-nag error.
 */
export function buildDesk(
  context: Record<string, unknown> = {},
  options: { nagChecks?: boolean } = {},
): DeskApp {
  const app = new App({
    // Asset metadata names each nested stack's template file, as in `cdk synth`'s output.
    context: {
      ...cdkContext,
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:enable-asset-metadata': true,
      ...context,
    },
  });
  return { app, stack: buildCustomerDeskApp(app, options) };
}

/** The root stack and its concern stacks as one template (see `flattenNested`). */
export function templateOf(desk: DeskApp): Template {
  const assembly = desk.app.synth();
  const read = (file: string) =>
    JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as StackTemplate;
  const root = assembly.getStackByName(desk.stack.stackName).template as StackTemplate;
  return Template.fromJSON(flattenNested(root, read));
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).resolve(element.logicalId);
}

/**
 * A construct by its path under the stack or under one of its concern stacks, e.g.
 * `Functions/get-lead/Function` (in the Leads stack) or `Data/Table` (in the root one).
 */
export function constructAt(stack: Stack, path: string): IConstruct {
  const under = (from: IConstruct): IConstruct | undefined => {
    let current: IConstruct | undefined = from;
    for (const id of path.split('/')) current = current?.node.tryFindChild(id);
    return current;
  };
  const nested = stack.node.children.filter((c) => NestedStack.isNestedStack(c));
  const found = [stack, ...nested].map(under).filter((c) => c !== undefined);
  if (found.length !== 1) throw new Error(`${found.length} constructs at ${path}, not one`);
  return found[0] as IConstruct;
}
