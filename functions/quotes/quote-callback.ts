import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

/**
 * Hands a decision or an answer to the quote workflow's waiting step. A token the step no longer
 * waits on (it timed out, or was answered already) is `gone`: Step Functions refuses it with
 * `TaskTimedOut`, `InvalidToken` or `TaskDoesNotExist`, and nothing moves.
 */
export interface TaskCallback {
  succeed(taskToken: string, output: unknown): Promise<'delivered' | 'gone'>;
}

const goneErrors = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_SFN. */
export function taskCallback(client = new SFNClient({})): TaskCallback {
  return {
    async succeed(taskToken, output) {
      try {
        await client.send(
          new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
        );
        return 'delivered';
      } catch (error) {
        if (error instanceof Error && goneErrors.has(error.name)) return 'gone';
        throw error;
      }
    },
  };
}
