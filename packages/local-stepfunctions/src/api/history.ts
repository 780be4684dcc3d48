import type { HistoryEventRecord } from '../store/executions';
import { type ExecutionDeps, findExecution } from './executions';
import { decodeToken, encodeToken, pageSize, type Request, seconds } from './input';

/** Details fields that carry execution data, left out when includeExecutionData is false. */
const dataFields = ['input', 'output', 'parameters', 'inputDetails', 'outputDetails'];

export function historyOperations(deps: ExecutionDeps) {
  return {
    async GetExecutionHistory(request: Request) {
      const execution = await findExecution(deps, request.executionArn);
      const reverse = request.reverseOrder === true;
      const includeData = request.includeExecutionData !== false;
      const scope = `history:${execution.executionArn}:${reverse}`;
      const { events, lastKey } = await deps.executions.history(execution.executionArn, {
        reverse,
        limit: pageSize(request),
        startKey: decodeToken(request, scope),
      });
      return {
        events: events.map((event) => toApiEvent(event, includeData)),
        nextToken: encodeToken(scope, lastKey),
      };
    },
  };
}

function toApiEvent(event: HistoryEventRecord, includeData: boolean): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    timestamp: seconds(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  if (event.detailsKey && event.details) {
    const details = includeData
      ? event.details
      : Object.fromEntries(Object.entries(event.details).filter(([k]) => !dataFields.includes(k)));
    answer[event.detailsKey] = details;
  }
  return answer;
}
