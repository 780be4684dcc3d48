import { readFileSync } from 'node:fs';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildCustomerDeskApp, type CustomerDeskStack } from '../../infra/stack';

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
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context },
  });
  return { app, stack: buildCustomerDeskApp(app, options) };
}

export function templateOf(desk: DeskApp): Template {
  return Template.fromStack(desk.stack);
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).resolve(element.logicalId);
}

/** A construct by its path under the stack, e.g. `Functions/get-lead/Function`. */
export function constructAt(stack: Stack, path: string): IConstruct {
  let current: IConstruct = stack;
  for (const id of path.split('/')) current = current.node.findChild(id);
  return current;
}
