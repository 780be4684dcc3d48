import { randomUUID } from 'node:crypto';
import { type ArnScope, assertValidName, parseStateMachineArn, stateMachineArn } from '../arns';
import type { Clock } from '../clock';
import { parseDefinition } from '../definition-check';
import { ApiError } from '../errors';
import type { StateMachineRecord, StateMachineStore } from '../store/state-machines';
import {
  decodeToken,
  encodeToken,
  optionalString,
  pageSize,
  type Request,
  requiredString,
  seconds,
} from './input';

export interface MachineDeps {
  machines: StateMachineStore;
  arns: ArnScope;
  clock: Clock;
}

/** The machine an ARN names, or StateMachineDoesNotExist (InvalidArn for a malformed ARN). */
export async function findMachine(deps: MachineDeps, arn: unknown): Promise<StateMachineRecord> {
  const { name } = parseStateMachineArn(arn);
  const machine = await deps.machines.get(name);
  if (!machine || machine.stateMachineArn !== arn) {
    throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
  return machine;
}

export function stateMachineOperations(deps: MachineDeps) {
  return {
    async CreateStateMachine(request: Request) {
      const name = assertValidName(requiredString(request, 'name'), 'name');
      const definition = requiredString(request, 'definition');
      parseDefinition(definition);
      const type = optionalString(request, 'type') ?? 'STANDARD';
      if (type !== 'STANDARD') {
        throw new ApiError('ValidationException', `${type} state machines are not supported yet`);
      }
      const now = deps.clock.now().toISOString();
      const machine: StateMachineRecord = {
        stateMachineArn: stateMachineArn(deps.arns, name),
        name,
        definition,
        // AWS requires a role; locally nothing assumes it, so a missing one gets a stand-in.
        roleArn:
          optionalString(request, 'roleArn') ??
          `arn:aws:iam::${deps.arns.accountId}:role/local-stepfunctions`,
        type: 'STANDARD',
        creationDate: now,
        updateDate: now,
        revisionId: randomUUID(),
      };
      for (let attempt = 0; attempt < 3; attempt++) {
        const existing = await deps.machines.get(name);
        if (existing) {
          // As on AWS: the same name and definition again is the same machine.
          if (existing.definition !== definition) {
            throw new ApiError(
              'StateMachineAlreadyExists',
              `State Machine Already Exists: '${existing.stateMachineArn}'`,
            );
          }
          return {
            stateMachineArn: existing.stateMachineArn,
            creationDate: seconds(existing.creationDate),
          };
        }
        if (await deps.machines.create(machine)) {
          return { stateMachineArn: machine.stateMachineArn, creationDate: seconds(now) };
        }
      }
      throw new ApiError('ServiceException', 'The state machine is being created concurrently');
    },

    async UpdateStateMachine(request: Request) {
      const machine = await findMachine(deps, requiredString(request, 'stateMachineArn'));
      const definition = optionalString(request, 'definition');
      const roleArn = optionalString(request, 'roleArn');
      if (definition === undefined && roleArn === undefined) {
        throw new ApiError(
          'MissingRequiredParameter',
          'Either the definition or the roleArn must be specified',
        );
      }
      if (definition !== undefined) parseDefinition(definition);
      const updated: StateMachineRecord = {
        ...machine,
        definition: definition ?? machine.definition,
        roleArn: roleArn ?? machine.roleArn,
        updateDate: deps.clock.now().toISOString(),
        revisionId: randomUUID(),
      };
      if (!(await deps.machines.update(updated, machine.revisionId))) {
        throw new ApiError('ConflictException', 'The state machine was updated concurrently');
      }
      return { updateDate: seconds(updated.updateDate), revisionId: updated.revisionId };
    },

    async DescribeStateMachine(request: Request) {
      const machine = await findMachine(deps, requiredString(request, 'stateMachineArn'));
      return {
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definition,
        roleArn: machine.roleArn,
        type: machine.type,
        creationDate: seconds(machine.creationDate),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
        revisionId: machine.revisionId,
      };
    },

    async DeleteStateMachine(request: Request) {
      const arn = requiredString(request, 'stateMachineArn');
      const { name } = parseStateMachineArn(arn);
      // As on AWS, deleting is idempotent, and executions under way run to their end.
      const machine = await deps.machines.get(name);
      if (machine?.stateMachineArn === arn) await deps.machines.remove(name);
      return {};
    },

    async ValidateStateMachineDefinition(request: Request) {
      const definition = requiredString(request, 'definition');
      const type = optionalString(request, 'type') ?? 'STANDARD';
      if (type !== 'STANDARD' && type !== 'EXPRESS') {
        throw new ApiError('ValidationException', `Invalid type: '${type}'`);
      }
      try {
        parseDefinition(definition);
        return { result: 'OK', diagnostics: [], truncated: false };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return { result: 'FAIL', diagnostics: [diagnostic(error.message)], truncated: false };
      }
    },

    async ListStateMachines(request: Request) {
      const { machines, lastKey } = await deps.machines.list(
        pageSize(request),
        decodeToken(request, 'machines'),
      );
      return {
        stateMachines: machines.map((machine) => ({
          stateMachineArn: machine.stateMachineArn,
          name: machine.name,
          type: machine.type,
          creationDate: seconds(machine.creationDate),
        })),
        nextToken: encodeToken('machines', lastKey),
      };
    },
  };
}

/**
 * An InvalidDefinition message (`<CODE>: <message> at <location>`) as AWS's diagnostic: the code,
 * the message alone and the location apart.
 */
function diagnostic(message: string): Record<string, string> {
  const detail = message.replace(/^Invalid State Machine Definition: '/, '').replace(/'$/, '');
  const coded = /^([A-Z_]+): ([\s\S]*)$/.exec(detail);
  const code = coded?.[1] ?? 'SCHEMA_VALIDATION_FAILED';
  const rest = coded?.[2] ?? detail;
  const located = /^([\s\S]*) at (\/\S*)$/.exec(rest);
  if (!located) return { severity: 'ERROR', code, message: rest };
  return { severity: 'ERROR', code, message: located[1] as string, location: located[2] as string };
}
