import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Contract } from '../domain/contract';
import { type Account, accountRecordPk } from './accounts';
import {
  contractEndPk,
  contractItem,
  contractRecordPk,
  contractsByEndIndex,
  toContract,
} from './contracts';
import { cancellationCodes, type Table } from './table';
import { type TimelineEntry, timelinePut } from './timeline';

/**
 * The renewals' writes and reads. A renewal step (reminder, notice, lapse, renewal, the
 * customer's answer through the renew link) is one transaction: the contract conditioned on the
 * version read, its timeline entry, and whatever must hold with it (outbox claims, the event, the
 * billing term, the account's status, the used link). Reads go through the sparse
 * `contracts-by-end` index (store/contracts.ts), never a scan.
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

/** Active contracts whose current term ends from `from` to `to` (inclusive), month by month. */
export async function* contractsEnding(
  table: Table,
  months: readonly string[],
  from: string,
  to: string,
): AsyncGenerator<Contract[]> {
  for (const month of months) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: contractsByEndIndex,
          KeyConditionExpression: 'contractEndPk = :pk AND contractEndSk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': contractEndPk(month),
            ':from': from,
            // `#` sorts before any id character: `<to>#…` is within, `<to+1>` is not.
            ':to': `${to}#~`,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      yield (page.Items ?? []).map(toContract);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
