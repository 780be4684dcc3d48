import { randomUUID } from 'node:crypto';
import type { Branch, MapState, ParallelState } from '../../definition';
import type { StatesError } from '../../errors';
import type { ChildSlot, ExecutionRecord } from '../../store/executions';
import { blockStarted, mapIteration, stateEntered } from '../events';
import {
  type EvaluationScope,
  evaluateField,
  expressionText,
  queryEvaluationError,
} from '../jsonata';
import type { Block, ChildStart, Cursor, EventDraft } from '../model';
import { scopeFor } from '../scope';

/**
 * Parallel and Map: the state opens a block of child runs (branches, iterations), each a run of
 * its own with its own work item; the state waits until they have reported back to their slots.
 */

/** Children started per step: keeps each step's transaction within DynamoDB's 100 items. */
export const childrenPerStep = 20;

export type BlockState = ParallelState | MapState;

async function optionalNumber(
  value: unknown,
  scope: EvaluationScope,
  field: string,
  max?: number,
): Promise<number | undefined> {
  if (value === undefined) return undefined;
  const number = await evaluateField(value, scope, field);
  if (!(typeof number === 'number' && number >= 0 && (max === undefined || number <= max))) {
    throw queryEvaluationError(
      scope,
      `The field '${field}' must be a number >= 0, got ${JSON.stringify(number)}`,
      field,
    );
  }
  return number;
}

/** Evaluates the state's inputs into a new block; its first children start in `startMore`. */
export async function openBlock(
  state: BlockState,
  scope: EvaluationScope,
): Promise<{ block: Block; events: EventDraft[] }> {
  const id = randomUUID().slice(0, 8);
  if (state.Type === 'Parallel') {
    const input =
      state.Arguments === undefined
        ? scope.states.input
        : await evaluateField(state.Arguments, scope, 'Arguments');
    const total = state.Branches.length;
    const block: Block = {
      id,
      kind: 'parallel',
      total,
      started: 0,
      maxConcurrency: 0,
      items: [input],
    };
    return { block, events: [blockStarted('parallel', total)] };
  }
  const items =
    state.Items === undefined
      ? scope.states.input
      : await evaluateField(state.Items, scope, 'Items');
  if (!Array.isArray(items)) throw notAnArray(state, scope, items);
  const block: Block = {
    id,
    kind: 'map',
    total: items.length,
    started: 0,
    maxConcurrency: Math.floor(
      (await optionalNumber(state.MaxConcurrency, scope, 'MaxConcurrency')) ?? 0,
    ),
    items,
  };
  const count = await optionalNumber(state.ToleratedFailureCount, scope, 'ToleratedFailureCount');
  const percentage = await optionalNumber(
    state.ToleratedFailurePercentage,
    scope,
    'ToleratedFailurePercentage',
    100,
  );
  if (count !== undefined) block.toleratedFailureCount = count;
  if (percentage !== undefined) block.toleratedFailurePercentage = percentage;
  return { block, events: [blockStarted('map', items.length)] };
}

/** AWS's words for Items (or, without Items, the input) that are not an array. */
function notAnArray(state: MapState, scope: EvaluationScope, value: unknown): StatesError {
  const shown = JSON.stringify(value);
  if (state.Items === undefined) {
    return queryEvaluationError(scope, `Map state input must be an array but was: ${shown}`);
  }
  const type = value === null ? 'null' : typeof value;
  const text = expressionText(state.Items) ?? JSON.stringify(state.Items);
  return queryEvaluationError(
    scope,
    `The JSONata expression '${text}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${shown}`,
    'Items',
  );
}

/** The next children to start: as many as MaxConcurrency leaves room for, a step's worth. */
export async function startMore(
  run: ExecutionRecord,
  cursor: Cursor,
  state: BlockState,
  block: Block,
  running: number,
  now: Date,
): Promise<{ children: ChildStart[]; events: EventDraft[] }> {
  const room = block.maxConcurrency > 0 ? block.maxConcurrency - running : block.total;
  const count = Math.min(room, block.total - block.started, childrenPerStep);
  const children: ChildStart[] = [];
  const events: EventDraft[] = [];
  const path = run.path ?? [];
  for (let index = block.started; index < block.started + count; index++) {
    const runId = `${run.executionArn}/${block.id}/${index}`;
    if (state.Type === 'Parallel') {
      const branch = state.Branches[index] as Branch;
      children.push({
        runId,
        index,
        input: block.items[0],
        path: [...path, { state: cursor.state, branch: index }],
        startAt: branch.StartAt,
        opening: [entered(branch, block.items[0])],
      });
      continue;
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as Branch;
    const mapItem = { index, value: block.items[index] };
    const input =
      state.ItemSelector === undefined
        ? mapItem.value
        : await evaluateField(
            state.ItemSelector,
            scopeFor(run, cursor, now, { mapItem }),
            'ItemSelector',
          );
    children.push({
      runId,
      index,
      input,
      mapItem,
      path: [...path, { state: cursor.state, branch: 0 }],
      startAt: processor.StartAt,
      opening: [mapIteration('Started', cursor.state, index), entered(processor, input)],
    });
  }
  return { children, events };
}

function entered(branch: Branch, input: unknown): EventDraft {
  const first = branch.States[branch.StartAt] as { Type: string };
  return stateEntered(first.Type, branch.StartAt, input);
}

/** What the block's slots say: still going, failed (with the error), or done (with results). */
export type BlockVerdict =
  | { kind: 'going'; running: number }
  /** `failedAt`: when the failing child closed (a retry's back-off counts from then). */
  | { kind: 'failed'; error: string; cause: string; failedAt?: string }
  | { kind: 'done'; results: unknown[] };

export function judgeBlock(block: Block, slots: ChildSlot[]): BlockVerdict {
  const running = slots.filter((slot) => slot.status === 'RUNNING').length;
  const failed = slots
    .filter((slot) => slot.status === 'FAILED' || slot.status === 'TIMED_OUT')
    .sort((a, b) => a.index - b.index);
  const tolerant =
    block.toleratedFailureCount !== undefined || block.toleratedFailurePercentage !== undefined;
  if (failed.length > 0 && !tolerant) {
    const first = failed[0] as ChildSlot;
    return {
      kind: 'failed',
      error: first.error ?? '',
      cause: first.cause ?? '',
      failedAt: first.closedAt,
    };
  }
  if (failed.length > 0) {
    const overCount =
      block.toleratedFailureCount !== undefined && failed.length > block.toleratedFailureCount;
    const overPercentage =
      block.toleratedFailurePercentage !== undefined &&
      (failed.length / block.total) * 100 > block.toleratedFailurePercentage;
    if (overCount || overPercentage) {
      return {
        kind: 'failed',
        error: 'States.ExceedToleratedFailureThreshold',
        cause: 'The specified tolerated failure threshold was exceeded',
      };
    }
  }
  const finished = slots.filter((slot) => slot.status !== 'RUNNING').length;
  if (block.started < block.total || finished < block.total) return { kind: 'going', running };
  const results = [...slots]
    .sort((a, b) => a.index - b.index)
    .map((slot) =>
      slot.status === 'SUCCEEDED'
        ? JSON.parse(slot.output ?? 'null')
        : { Error: slot.error ?? '', Cause: slot.cause ?? '' },
    );
  return { kind: 'done', results };
}
