import { randomUUID } from 'node:crypto';
import { assertValidName, executionArn, parseExecutionArn } from '../arns';
import { parseDefinition } from '../definition-check';
import * as events from '../engine/events';
import { startExecution } from '../engine/step';
import { ApiError } from '../errors';
import type { ExecutionRecord, ExecutionStore } from '../store/executions';
import type { WorkStore } from '../store/work';
import { wakeClosedBlock } from '../worker/run-execution';
import {
  decodeToken,
  encodeToken,
  optionalString,
  pageSize,
  type Request,
  requiredString,
  seconds,
} from './input';
import { findMachine, type MachineDeps } from './state-machines';

export interface ExecutionDeps extends MachineDeps {
  executions: ExecutionStore;
  work: WorkStore;
  /** Wakes the work loop so a new execution starts at once. */
  onExecutionStarted: () => void;
}

const maxInputBytes = 256 * 1024;
const statuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export async function findExecution(deps: ExecutionDeps, arn: unknown): Promise<ExecutionRecord> {
  parseExecutionArn(arn);
  const execution = await deps.executions.get(arn as string);
  // Branches and iterations are kept like executions but are not executions of the API.
  if (!execution || execution.rootArn) {
    throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }
  return execution;
}

function checkInput(input: string): void {
  if (Buffer.byteLength(input) > maxInputBytes) {
    throw new ApiError('InvalidExecutionInput', 'The input exceeds the 256 KiB limit');
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw new ApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${(error as Error).message}'`,
    );
  }
}

export function executionOperations(deps: ExecutionDeps) {
  return {
    async StartExecution(request: Request) {
      const machine = await findMachine(deps, requiredString(request, 'stateMachineArn'));
      const name = assertValidName(optionalString(request, 'name') ?? randomUUID(), 'name');
      const input = optionalString(request, 'input') ?? '{}';
      checkInput(input);
      const now = deps.clock.now();
      const definition = parseDefinition(machine.definition);
      const start = startExecution(definition, input, machine.roleArn, now);
      const record: ExecutionRecord = {
        executionArn: executionArn(deps.arns, machine.name, name),
        stateMachineArn: machine.stateMachineArn,
        name,
        status: 'RUNNING',
        input,
        startDate: now.toISOString(),
        roleArn: machine.roleArn,
        definition: machine.definition,
        version: 1,
        eventCount: 0,
        cursor: start.cursor,
        variables: {},
      };
      if (definition.TimeoutSeconds !== undefined) {
        record.timeoutAt = new Date(now.getTime() + definition.TimeoutSeconds * 1000).toISOString();
      }
      if (await deps.executions.create(record, start.events, now, now)) {
        deps.onExecutionStarted();
        return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
      }
      // AWS's name idempotency: the same name and input while running is the same execution.
      const existing = await findExecution(deps, record.executionArn);
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: seconds(existing.startDate) };
      }
      throw new ApiError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${existing.executionArn}'`,
      );
    },

    async DescribeExecution(request: Request) {
      const execution = await findExecution(deps, requiredString(request, 'executionArn'));
      return {
        executionArn: execution.executionArn,
        stateMachineArn: execution.stateMachineArn,
        name: execution.name,
        status: execution.status,
        startDate: seconds(execution.startDate),
        stopDate: execution.stopDate ? seconds(execution.stopDate) : undefined,
        input: execution.input,
        inputDetails: { included: true },
        output: execution.output,
        outputDetails: execution.output === undefined ? undefined : { included: true },
        // A Fail state without Error or Cause leaves them out, as AWS does.
        error: execution.error || undefined,
        cause: execution.cause || undefined,
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },

    async ListExecutions(request: Request) {
      const machine = await findMachine(deps, requiredString(request, 'stateMachineArn'));
      const status = optionalString(request, 'statusFilter');
      if (status !== undefined && !statuses.includes(status)) {
        throw new ApiError('ValidationException', `Invalid statusFilter: '${status}'`);
      }
      const scope = `executions:${machine.stateMachineArn}:${status ?? ''}`;
      const { executions, lastKey } = await deps.executions.listByMachine(machine.stateMachineArn, {
        status,
        limit: pageSize(request),
        startKey: decodeToken(request, scope),
      });
      return {
        executions: executions.map((execution) => ({
          executionArn: execution.executionArn,
          stateMachineArn: execution.stateMachineArn,
          name: execution.name,
          status: execution.status,
          startDate: seconds(execution.startDate),
          stopDate: execution.stopDate ? seconds(execution.stopDate) : undefined,
        })),
        nextToken: encodeToken(scope, lastKey),
      };
    },

    async StopExecution(request: Request) {
      const arn = requiredString(request, 'executionArn');
      const error = optionalString(request, 'error');
      const cause = optionalString(request, 'cause');
      // A step may commit between our read and our write: read again and retry.
      for (let attempt = 0; attempt < 10; attempt++) {
        const execution = await findExecution(deps, arn);
        if (execution.status !== 'RUNNING') {
          return { stopDate: seconds(execution.stopDate ?? execution.startDate) };
        }
        const now = deps.clock.now();
        const stopped = await deps.executions.commit(
          execution,
          {
            events: [events.executionAborted(error, cause)],
            cursor: null,
            variables: execution.variables,
            closing: { status: 'ABORTED', error, cause },
            dueAt: null,
          },
          now,
        );
        if (stopped) {
          // Branches and iterations under way end when they next look at their parent.
          await wakeClosedBlock(deps, execution, stopped, now);
          deps.onExecutionStarted();
          return { stopDate: seconds(now.toISOString()) };
        }
      }
      throw new ApiError('ServiceException', 'The execution kept changing; try again');
    },
  };
}
