import { NestedStack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * One concern of the desk (leads, quotes, invoicing...) as a nested stack: the functions that no
 * workflow calls, with their roles, HTTP routes, integrations, invoke permissions and the
 * schedules that start them. A stack holds at most 500 resources; one per concern keeps each
 * small as concerns grow. What is shared, or must not be replaced, stays in the root stack.
 */
export class ConcernStack extends NestedStack {
  constructor(
    scope: Construct,
    readonly concern: string,
  ) {
    super(scope, concernStackId(concern), {
      description: `Customer desk: the ${concern} concern's functions, routes and schedules`,
    });
  }
}

/** `daily-job` → `DailyJob`: the construct id, and so the start of the nested stack's name. */
export function concernStackId(concern: string): string {
  return concern
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
