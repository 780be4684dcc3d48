import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unsentIndexName } from '../../shared/store/event-store';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import { timelinePut } from '../../shared/store/timeline';
import type { OutboxMessage, OutboxStore, SentNote } from './outbox-message';
import { suppressedAddresses } from './suppressed-addresses';

/**
 * Outbox messages: every email, claimed on its business key before SES is called.
 *
 * | access pattern                              | keys                                          |
 * |---------------------------------------------|-----------------------------------------------|
 * | a message by business key                   | pk = `OUTBOX#<kind>#<subject>#<recipient>#    |
 * |                                             |   <period>`, sk = `OUTBOX`                    |
 * | messages to send (claimed, or failed and    | index `outbox-unsent`: unsentPk =             |
 * | still retried), oldest first (retry job)    |   `OUTBOX#claimed`, unsentSk = `<since>#<pk>` |
 * | messages being sent, oldest first (the      | index `outbox-unsent`: unsentPk =             |
 * | retry job finds those past the lease)       |   `OUTBOX#sending`, unsentSk = `<since>#<pk>` |
 * | uncertain and failed messages, for staff    | index `outbox-attention`: attentionPk =       |
 * |                                             |   `OUTBOX#attention`, attentionSk =           |
 * |                                             |   `<since>#<pk>`                              |
 *
 * The index attributes go when a message is sent, so both indexes hold only unsent messages.
 */

export * from './outbox-message';

export const attentionIndexName = 'outbox-attention';
const claimedPartition = 'OUTBOX#claimed';
const sendingPartition = 'OUTBOX#sending';
const attentionPartition = 'OUTBOX#attention';
const sk = 'OUTBOX';

/**
 * The Put that claims a message, for a business change's `TransactWriteItems` (the arrears
 * ladder records a step and claims its notices at once); fails it if the message exists.
 */
export function outboxClaimPut(tableName: string, message: OutboxMessage) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: message.messageId,
        sk,
        entity: 'outbox-message',
        ...message,
        unsentPk: claimedPartition,
        unsentSk: `${message.claimedAt}#${message.messageId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function outboxStore(table: Table): OutboxStore {
  const marks = suppressedAddresses(table);
  const keyOf = (messageId: string) => ({ pk: messageId, sk });
  const state = { '#state': 'state' };

  async function get(messageId: string): Promise<OutboxMessage | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: keyOf(messageId), ConsistentRead: true }),
    );
    return Item ? toMessage(Item) : undefined;
  }

  /** A conditional update answering the new message, or undefined when the condition failed. */
  async function move(
    messageId: string,
    update: string,
    condition: string,
    values: Record<string, unknown>,
    names: Record<string, string> = state,
  ): Promise<OutboxMessage | undefined> {
    try {
      const { Attributes } = await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(messageId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toMessage(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  /** Sets the message sent; with a note, in one transaction with the record's timeline. */
  async function finish(
    messageId: string,
    set: string,
    condition: string,
    values: Record<string, unknown>,
    note: SentNote | undefined,
  ): Promise<void> {
    const update = {
      TableName: table.name,
      Key: keyOf(messageId),
      UpdateExpression: `SET #state = :sent, ${set} REMOVE unsentPk, unsentSk, sendingSince, attentionPk, attentionSk`,
      ConditionExpression: condition,
      ExpressionAttributeNames: state,
      ExpressionAttributeValues: { ':sent': 'sent', ...values },
    };
    if (!note) {
      await table.client.send(new UpdateCommand(update));
      return;
    }
    // Only one caller ever moves a message to `sent`, so the note is written once.
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: update },
          ...note.recordPks.map((pk) => timelinePut(table.name, pk, messageId, note.entry)),
        ],
      }),
    );
  }

  async function queryIndex(
    index: string,
    partition: [string, string],
    sortKey: string,
    cutoff: string | undefined,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: index,
          KeyConditionExpression: `${partition[0]} = :p${cutoff ? ` AND ${sortKey} < :cutoff` : ''}`,
          ExpressionAttributeValues: {
            ':p': partition[1],
            ...(cutoff ? { ':cutoff': cutoff } : {}),
          },
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    return items;
  }

  return {
    get,
    suppressionOf: (recipient) => marks.get(recipient),

    async claim(message) {
      try {
        await table.client.send(new PutCommand(outboxClaimPut(table.name, message).Put));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    startSending: (messageId, now) =>
      move(
        messageId,
        'SET #state = :sending, unsentPk = :sendingPk, unsentSk = :since, sendingSince = :now',
        '#state = :claimed OR #state = :failed',
        {
          ':sending': 'sending',
          ':claimed': 'claimed',
          ':failed': 'failed',
          ':sendingPk': sendingPartition,
          ':since': `${now.toISOString()}#${messageId}`,
          ':now': now.toISOString(),
        },
      ),

    startResend: (messageId, by, now) =>
      move(
        messageId,
        'SET #state = :sending, unsentPk = :sendingPk, unsentSk = :since, sendingSince = :now, ' +
          'resentBy = :by, resentAt = :now REMOVE attentionPk, attentionSk',
        '#state = :uncertain OR #state = :failed',
        {
          ':sending': 'sending',
          ':uncertain': 'uncertain',
          ':failed': 'failed',
          ':sendingPk': sendingPartition,
          ':since': `${now.toISOString()}#${messageId}`,
          ':now': now.toISOString(),
          ':by': by,
        },
      ),

    async markSent(messageId, sesMessageId, now, note) {
      await finish(
        messageId,
        'sentAt = :now, sesMessageId = :sesId',
        '#state = :sending',
        { ':sending': 'sending', ':now': now.toISOString(), ':sesId': sesMessageId },
        note,
      );
    },

    async releaseClaim(messageId, refusal, now) {
      const since = `${now.toISOString()}#${messageId}`;
      const set = ['#state = :next', 'lastError = :error'];
      const remove = ['sendingSince'];
      const values: Record<string, unknown> = {
        ':next': refusal.failed ? 'failed' : 'claimed',
        ':sending': 'sending',
        ':error': refusal.error,
        ':one': 1,
      };
      if (refusal.retry) {
        set.push('unsentPk = :claimedPk', 'unsentSk = :since');
        Object.assign(values, { ':claimedPk': claimedPartition, ':since': since });
      } else remove.push('unsentPk', 'unsentSk');
      if (refusal.failed) {
        set.push('attentionPk = :attentionPk', 'attentionSk = :since', 'attentionSince = :now');
        Object.assign(values, {
          ':attentionPk': attentionPartition,
          ':since': since,
          ':now': now.toISOString(),
        });
      }
      const moved = await move(
        messageId,
        `SET ${set.join(', ')} ADD attempts :one REMOVE ${remove.join(', ')}`,
        '#state = :sending',
        values,
      );
      if (!moved) throw new Error(`Outbox message ${messageId} was not being sent`);
    },

    async markUncertain(messageId, sendingSince, now) {
      const moved = await move(
        messageId,
        'SET #state = :uncertain, attentionPk = :attentionPk, attentionSk = :since, ' +
          'attentionSince = :now REMOVE unsentPk, unsentSk',
        '#state = :sending AND sendingSince = :seen',
        {
          ':uncertain': 'uncertain',
          ':sending': 'sending',
          ':seen': sendingSince,
          ':attentionPk': attentionPartition,
          ':since': `${now.toISOString()}#${messageId}`,
          ':now': now.toISOString(),
        },
      );
      return moved !== undefined;
    },

    async confirmDelivered(messageId, by, now, note) {
      try {
        await finish(
          messageId,
          'sentAt = :now, confirmedBy = :by',
          '#state = :uncertain',
          { ':uncertain': 'uncertain', ':now': now.toISOString(), ':by': by },
          note,
        );
        return true;
      } catch (error) {
        // With a note it is a transaction: the message's own condition is its first item.
        if (isConditionFailed(error) || cancellationCodes(error)?.[0] === 'ConditionalCheckFailed')
          return false;
        throw error;
      }
    },

    async claimedBefore(cutoff, limit) {
      const items = await queryIndex(
        unsentIndexName,
        ['unsentPk', claimedPartition],
        'unsentSk',
        cutoff.toISOString(),
        limit,
      );
      return items.map((item) => String(item.pk));
    },

    async sendingBefore(cutoff, limit) {
      const items = await queryIndex(
        unsentIndexName,
        ['unsentPk', sendingPartition],
        'unsentSk',
        cutoff.toISOString(),
        limit,
      );
      return items.map((item) => ({
        messageId: String(item.pk),
        since: String(item.sendingSince),
      }));
    },

    async needingAttention(limit) {
      const items = await queryIndex(
        attentionIndexName,
        ['attentionPk', attentionPartition],
        'attentionSk',
        undefined,
        limit,
      );
      // The index projects whole items: no second read per message.
      return items.map(toMessage);
    },
  };
}

function toMessage(item: Record<string, unknown>): OutboxMessage {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    unsentPk: _unsentPk,
    unsentSk: _unsentSk,
    attentionPk: _attentionPk,
    attentionSk: _attentionSk,
    ...message
  } = item;
  return { ...(message as unknown as OutboxMessage), attempts: Number(item.attempts ?? 0) };
}
