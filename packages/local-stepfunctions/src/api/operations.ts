import { type ExecutionDeps, executionOperations } from './executions';
import { historyOperations } from './history';
import type { Request } from './input';
import { stateMachineOperations } from './state-machines';
import { taskOperations } from './tasks';

/** An API operation: the request body in, the response body out (or an ApiError thrown). */
export type Operation = (request: Request) => Promise<unknown>;

export function createOperations(deps: ExecutionDeps): Record<string, Operation> {
  return {
    ...stateMachineOperations(deps),
    ...executionOperations(deps),
    ...historyOperations(deps),
    ...taskOperations(deps),
  };
}
