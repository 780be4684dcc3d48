import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { WorkflowDeclaration } from '../manifest';
import { localClientConfig } from './aws-clients';
import { localAccount, localArn } from './names';

/** Local state machines need a role in the API, as on AWS; nothing checks it here. */
const localRole = `arn:aws:iam::${localAccount}:role/local-stepfunctions`;

/** A workflow's definition with each `${Key}` replaced by the local ARN of the function it invokes. */
export function localDefinition(workflow: WorkflowDeclaration, repositoryRoot: string): string {
  let definition = readFileSync(resolve(repositoryRoot, workflow.file), 'utf8');
  for (const [key, functionName] of Object.entries(workflow.invokes)) {
    definition = definition.replaceAll(`\${${key}}`, localArn.function(functionName));
  }
  return definition;
}

/**
 * Creates each workflow's state machine in the local Step Functions service, through its API,
 * or updates it when the definition changed since the last start.
 */
export async function registerWorkflows(
  sfnEndpoint: string,
  workflows: readonly WorkflowDeclaration[],
  repositoryRoot: string,
): Promise<void> {
  const client = new SFNClient(localClientConfig(sfnEndpoint));
  try {
    const existing = new Map<string, string>();
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListStateMachinesCommand({ nextToken }));
      for (const machine of page.stateMachines ?? []) {
        if (machine.name && machine.stateMachineArn)
          existing.set(machine.name, machine.stateMachineArn);
      }
      nextToken = page.nextToken;
    } while (nextToken);

    for (const workflow of workflows) {
      const definition = localDefinition(workflow, repositoryRoot);
      const arn = existing.get(workflow.name);
      if (!arn) {
        await client.send(
          new CreateStateMachineCommand({
            name: workflow.name,
            definition,
            roleArn: localRole,
            type: 'STANDARD',
          }),
        );
        continue;
      }
      const current = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      if (current.definition !== definition) {
        await client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition }));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Starts workflows through the local service's API, as EventBridge Scheduler does on AWS. */
export function workflowStarter(sfnEndpoint: string) {
  const client = new SFNClient(localClientConfig(sfnEndpoint));
  return {
    async start(workflow: string, input: object): Promise<string> {
      const answer = await client.send(
        new StartExecutionCommand({
          stateMachineArn: localArn.stateMachine(workflow),
          input: JSON.stringify(input),
        }),
      );
      return answer.executionArn ?? '';
    },
    stop: async () => client.destroy(),
  };
}
