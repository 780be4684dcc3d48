import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Accepts one cdk-nag finding on a construct and everything under it, with the reason. cdk-nag 3
 * matches findings exactly, so a wildcard finding names its resource: `AwsSolutions-IAM5[...]`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag writes a resource's ARN in a finding: `<LogicalId.Arn>`. */
export function nagArn(resource: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(element).getLogicalId(element)}.Arn>`;
}
