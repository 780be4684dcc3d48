import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { AccountHold } from '../rules/holds';
import { accountRecordPk } from './accounts';

/**
 * Setting and lifting an account's hold: the account's `hold` and its timeline entry in one
 * transaction. Setting is conditional on no hold in effect, so a form posted twice (a double
 * click) sets one hold; lifting is conditional on the very hold shown on the page.
 */

export type HoldOutcome = 'done' | 'refused';

export interface HoldStore {
  /** Sets `hold` unless a hold is in effect on business date `today`. */
  setHold(
    accountId: string,
    hold: AccountHold,
    today: string,
    entry: TimelineEntry,
  ): Promise<HoldOutcome>;
  /** Ends the hold set at `setAt` on `today`, if it is still in effect. */
  liftHold(
    accountId: string,
    setAt: string,
    today: string,
    lifted: NonNullable<AccountHold['lifted']>,
    entry: TimelineEntry,
  ): Promise<HoldOutcome>;
}

export function holdStore(table: Table): HoldStore {
  const key = (accountId: string) => ({ pk: accountRecordPk(accountId), sk: 'ACCOUNT' });

  async function write(
    items: NonNullable<TransactWriteCommandInput['TransactItems']>,
  ): Promise<HoldOutcome> {
    try {
      await table.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'done';
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'refused';
      throw error;
    }
  }

  return {
    setHold(accountId, hold, today, entry) {
      return write([
        {
          Update: {
            TableName: table.name,
            Key: key(accountId),
            UpdateExpression: 'SET #hold = :hold ADD version :one',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(#hold) OR #hold.#until <= :today)',
            ExpressionAttributeNames: { '#hold': 'hold', '#until': 'until' },
            ExpressionAttributeValues: { ':hold': hold, ':today': today, ':one': 1 },
          },
        },
        timelinePut(table.name, accountRecordPk(accountId), `hold-set#${hold.setAt}`, entry),
      ]);
    },

    liftHold(accountId, setAt, today, lifted, entry) {
      return write([
        {
          Update: {
            TableName: table.name,
            Key: key(accountId),
            UpdateExpression: 'SET #hold.#until = :today, #hold.lifted = :lifted ADD version :one',
            ConditionExpression: '#hold.setAt = :setAt AND #hold.#until > :today',
            ExpressionAttributeNames: { '#hold': 'hold', '#until': 'until' },
            ExpressionAttributeValues: {
              ':today': today,
              ':lifted': lifted,
              ':setAt': setAt,
              ':one': 1,
            },
          },
        },
        timelinePut(table.name, accountRecordPk(accountId), `hold-lifted#${setAt}`, entry),
      ]);
    },
  };
}
