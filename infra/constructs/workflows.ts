import * as path from 'node:path';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { WorkflowDeclaration, WorkflowName } from '../manifest';
import { repositoryRoot } from './functions';
import { acknowledge, nagArn } from './nag';

/**
 * A state machine's name is fixed (`<stack>-<workflow>`), so a function can be given its ARN
 * without depending on the state machine, which itself depends on the functions it invokes.
 */
export function stateMachineName(stack: Stack, workflow: WorkflowName): string {
  return `${stack.stackName}-${workflow}`;
}

export function stateMachineArn(stack: Stack, workflow: WorkflowName): string {
  return stack.formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(stack, workflow),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export interface WorkflowsProps {
  declarations: readonly WorkflowDeclaration[];
  functionNamed(name: string): lambda.IFunction;
}

/** One state machine per declared workflow, loaded from its ASL file, invoking only its functions. */
export class Workflows extends Construct {
  readonly stateMachines = new Map<WorkflowName, sfn.StateMachine>();

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    for (const workflow of props.declarations) {
      const name = stateMachineName(stack, workflow.name);
      const invoked = Object.entries(workflow.invokes).map(([key, fnName]) => ({
        key,
        fn: props.functionNamed(fnName),
      }));

      const logGroup = new logs.LogGroup(this, `${workflow.name} logs`, {
        // The vended-logs prefix keeps CloudWatch's resource policy small as workflows grow.
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: logs.RetentionDays.THREE_MONTHS,
      });
      const stateMachine = new sfn.StateMachine(this, workflow.name, {
        stateMachineName: name,
        definitionBody: sfn.DefinitionBody.fromFile(path.join(repositoryRoot, workflow.file)),
        definitionSubstitutions: Object.fromEntries(
          invoked.map(({ key, fn }) => [key, fn.functionArn]),
        ),
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
        tracingEnabled: true,
      });
      for (const { fn } of invoked) fn.grantInvoke(stateMachine);

      acknowledge(
        stateMachine,
        'AwsSolutions-IAM5[Resource::*]',
        'CloudWatch Logs delivery and X-Ray accept no resource-level permissions.',
      );
      for (const { fn } of invoked) {
        acknowledge(
          stateMachine,
          `AwsSolutions-IAM5[Resource::${nagArn(fn, stateMachine)}:*]`,
          'Invokes versions and aliases of a function this workflow declares, nothing else.',
        );
      }
      this.stateMachines.set(workflow.name, stateMachine);
    }
  }
}
