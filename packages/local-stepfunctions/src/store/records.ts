import type { DefinitionPath } from '../definition';
import type { Cursor, EventDraft, ExecutionStatus, Variables } from '../engine/model';

/** The stored shapes of a run (an execution or a child run) and of its children's results. */

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  roleArn: string;
  /** The definition the execution started with (a later update does not change it). */
  definition: string;
  /**
   * When the machine's TimeoutSeconds runs out (executions only): a timer item due then times the
   * execution out unless it closed first.
   */
  timeoutAt?: string;
  /** Bumped by every step; each step is conditioned on the version it read. */
  version: number;
  /** Id of the last history event. */
  eventCount: number;
  cursor: Cursor | null;
  variables: Variables;
  /**
   * Child runs only (a Parallel branch, a Map iteration): they share the execution's history
   * (kept with the root) and report to their parent's slot when they close.
   */
  rootArn?: string;
  parent?: { runId: string; blockId: string; index: number; kind: 'parallel' | 'map' };
  path?: DefinitionPath;
  mapItem?: { index: number; value: unknown };
  /**
   * A child run's first events, written with its first step: each iteration's (or branch's)
   * events then follow one another in the history, as on AWS.
   */
  opening?: EventDraft[];
}

/** A child run as its parent sees it. */
export interface ChildSlot {
  runId: string;
  index: number;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  /** When the child closed, by the service's clock. */
  closedAt?: string;
}
