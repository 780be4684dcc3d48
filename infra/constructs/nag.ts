import { type CfnElement, Names, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Accepts one cdk-nag finding on a construct and everything under it, with the reason. cdk-nag 3
 * matches findings exactly, so a wildcard finding names its resource: `AwsSolutions-IAM5[...]`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * How cdk-nag writes a resource's ARN in a finding on `user`: `<LogicalId.Arn>` in the resource's
 * own stack. A nested stack receives a parent stack's ARN as a parameter, which CDK names
 * `referenceto<unique id of the resource>Arn`, and cdk-nag writes `<thatParameter>`.
 */
export function nagArn(resource: IConstruct, user: IConstruct): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  const owner = Stack.of(element);
  const userStack = Stack.of(user);
  if (userStack === owner) return `<${owner.getLogicalId(element)}.Arn>`;
  if (userStack.nestedStackParent === owner) {
    return `<referenceto${Names.nodeUniqueId(element.node)}Arn>`;
  }
  throw new Error(`${user.node.path} uses ${element.node.path} from a stack it does not nest in`);
}
