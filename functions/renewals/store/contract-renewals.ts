import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Account, accountRecordPk } from '../../accounts/store/accounts';
import type { Contract } from '../../contracts/rules/contract';
import {
  contractEndPk,
  contractItem,
  contractRecordPk,
  contractsByEndIndex,
  type RenewalList,
  toContract,
} from '../../contracts/store/contracts';
import {
  cancellationCodes,
  isConditionFailed,
  queryByDate,
  type Table,
} from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';

/**
 * The renewals' writes and reads. A renewal step (reminder, notice, lapse, renewal, the
 * customer's answer through the renew link) is one transaction: the contract conditioned on the
 * version read, its timeline entry, and whatever must hold with it (outbox claims, the event, the
 * billing term, the account's status, the used link). Reads go through the sparse
 * `contracts-by-end` index (store/contracts.ts): its two lists, never a scan.
 */

export type RenewalWriteOutcome = 'saved' | 'stale' | 'link-used';

export interface RenewalWrite {
  next: Contract;
  entry: TimelineEntry;
  stepKey: string;
  /** Marks the renew link used (`usedLinkPut`): a second click finds it used. */
  usedLink?: Record<string, unknown>;
  extra: Record<string, unknown>[];
}

/** Saves a renewal step; `stale` when the contract (or the account) changed since it was read. */
export async function saveRenewalStep(
  table: Table,
  write: RenewalWrite,
): Promise<RenewalWriteOutcome> {
  const { next } = write;
  try {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...(write.usedLink ? [{ Put: write.usedLink }] : []),
          {
            Put: {
              TableName: table.name,
              Item: contractItem(next),
              ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': next.version - 1 },
            },
          },
          timelinePut(table.name, contractRecordPk(next.contractId), write.stepKey, write.entry),
          ...write.extra,
        ],
      }),
    );
    return 'saved';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes?.includes('ConditionalCheckFailed')) throw error;
    if (write.usedLink && codes[0] === 'ConditionalCheckFailed') return 'link-used';
    return 'stale';
  }
}

/** A timeline entry (and the used link) without changing the contract: a new quote asked. */
export async function noteOnContract(
  table: Table,
  contractId: string,
  stepKey: string,
  entry: TimelineEntry,
  extra: Record<string, unknown>[],
): Promise<'saved' | 'link-used'> {
  try {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...extra,
          timelinePut(table.name, contractRecordPk(contractId), stepKey, entry),
        ],
      }),
    );
    return 'saved';
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'link-used';
    throw error;
  }
}

/** The account's status set to lapsed, if it is still at the version read. */
export function accountLapseUpdate(tableName: string, account: Account) {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: accountRecordPk(account.accountId), sk: 'ACCOUNT' },
      UpdateExpression: 'SET #status = :lapsed, #version = :next',
      ConditionExpression: '#version = :read',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: {
        ':lapsed': 'lapsed',
        ':read': account.version,
        ':next': account.version + 1,
      },
    },
  };
}

/** The account's link to the contract follows the renewed term's end. */
export function accountContractTermUpdate(
  tableName: string,
  accountId: string,
  contractId: string,
  endDate: string,
) {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: accountRecordPk(accountId), sk: `CONTRACT#${contractId}` },
      UpdateExpression: 'SET endDate = :end',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':end': endDate },
    },
  };
}

/**
 * Lists the contract under the day the renewals run next reads it, if it is still at the version
 * read. The version stays: nothing a person sees has changed, so no one's edit is made stale.
 * False when the contract moved meanwhile (it is then listed as that change left it).
 */
export async function listForNextAction(
  table: Table,
  contract: Contract,
  nextActionOn: string,
): Promise<boolean> {
  const listed: Contract = {
    ...contract,
    renewalState: { actionsDone: [], ...contract.renewalState, nextActionOn },
  };
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: contractItem(listed),
        ConditionExpression: 'attribute_exists(pk) AND #version = :read',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':read': contract.version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * The active contracts on one of the renewals' lists (by end date, not acted on this term; by
 * the next action's day) from `from` to `to` (inclusive), month by month, page by page.
 */
export async function* contractsToRenew(
  table: Table,
  list: RenewalList,
  from: string,
  to: string,
): AsyncGenerator<Contract[]> {
  const index = {
    name: contractsByEndIndex,
    partitionKey: 'contractEndPk',
    sortKey: 'contractEndSk',
    partitionOf: (month: string) => contractEndPk(month, list),
  };
  for await (const items of queryByDate(table, index, from, to)) yield items.map(toContract);
}
