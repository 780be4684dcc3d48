import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

/** Starts executions of one state machine, each named by the record it is about. */
export interface WorkflowStarter {
  /** Starts `name` with `input`; an execution of that name existing already counts as started. */
  start(name: string, input: unknown): Promise<'started' | 'already-started'>;
}

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_SFN. */
export function workflowStarter(
  stateMachineArn: string,
  client = new SFNClient({}),
): WorkflowStarter {
  return {
    async start(name, input) {
      try {
        await client.send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return 'started';
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionAlreadyExists')
          return 'already-started';
        throw error;
      }
    },
  };
}

/** The workflows the desk runs; a function that starts one reads its ARN from `workflowArnVariable`. */
export type WorkflowName =
  | 'lead-intake'
  | 'quote'
  | 'contract'
  | 'linked-enquiry'
  | 'daily-job'
  | 'bank-statement-import';

/** The environment variable holding a workflow's state machine ARN: `QUOTE_WORKFLOW_ARN`. */
export function workflowArnVariable(workflow: WorkflowName): string {
  return `${workflow.toUpperCase().replaceAll('-', '_')}_WORKFLOW_ARN`;
}
