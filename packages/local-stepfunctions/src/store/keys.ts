/**
 * The service's own table (apart from the product's data). Items and access patterns:
 *
 * | item          | pk                      | sk               | index: key                          |
 * |---------------|-------------------------|------------------|-------------------------------------|
 * | state machine | `STATE_MACHINES`        | machine name     | list machines: query pk             |
 * | execution     | `EXECUTION#<arn>`       | `EXECUTION`      | byMachine: machineArn + startedKey  |
 * | history event | `EXECUTION#<arn>`       | `EVENT#<id, 9 digits>` | history: query pk, sk prefix  |
 * | work item     | `EXECUTION#<arn>`       | `WORK`           | due: dueShard (DUE/LEASED) + dueKey |
 * | timeout timer | `EXECUTION#<arn>`       | `TIMEOUT`        | due: as a work item                 |
 *
 * The work loop queries `due` for `DUE` items whose `dueKey` (`<ISO due time>#<arn>`) is not
 * after the clock's now: oldest first. A leased item moves to the `LEASED` shard, so the loop does
 * not see it again and a restart finds every leased item in one query. An execution whose machine
 * sets TimeoutSeconds has a second due item, its timeout timer, read by the same loop.
 */
export const machinesPartition = 'STATE_MACHINES';
export const executionSortKey = 'EXECUTION';
export const workSortKey = 'WORK';
export const timeoutSortKey = 'TIMEOUT';
export const eventPrefix = 'EVENT#';
export const dueIndex = 'due';
export const byMachineIndex = 'byMachine';
export const dueShard = 'DUE';
export const leasedShard = 'LEASED';

export function executionPartition(executionArn: string): string {
  return `EXECUTION#${executionArn}`;
}

export function eventSortKey(id: number): string {
  return `${eventPrefix}${String(id).padStart(9, '0')}`;
}

export function dueKey(dueAt: Date, executionArn: string): string {
  return `${dueAt.toISOString()}#${executionArn}`;
}

/** Upper bound (exclusive) of the due keys at or before `now`: '$' sorts right after '#'. */
export function dueKeyLimit(now: Date): string {
  return `${now.toISOString()}$`;
}

/** A child run's slot in its parent: `CHILD#<block id>#<index, 6 digits>` under the parent. */
export const childPrefix = 'CHILD#';

export function childSortKey(blockId: string, index: number): string {
  return `${childPrefix}${blockId}#${String(index).padStart(6, '0')}`;
}

/** A task token: `TOKEN#<token>` / `TOKEN`, pointing at its run and state. */
export function tokenPartition(token: string): string {
  return `TOKEN#${token}`;
}
export const tokenSortKey = 'TOKEN';
