import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

/**
 * Answers a workflow's task-token step (an approval, a review). `gone`: the step no longer
 * waits for this token (it timed out, or it was answered before): nothing was changed.
 */
export interface TaskCallback {
  succeed(taskToken: string, output: unknown): Promise<'sent' | 'gone'>;
}

const goneErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist']);

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_SFN. */
export function taskCallback(client = new SFNClient({})): TaskCallback {
  return {
    async succeed(taskToken, output) {
      try {
        await client.send(
          new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
        );
        return 'sent';
      } catch (error) {
        if (error instanceof Error && goneErrors.has(error.name)) return 'gone';
        throw error;
      }
    },
  };
}
