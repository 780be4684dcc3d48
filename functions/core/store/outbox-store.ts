import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from './table';
import { type TimelineEntry, timelinePut } from './timeline';

/**
 * Outbox messages: every email, claimed on its business key before SES is called.
 *
 * | access pattern                              | keys                                          |
 * |---------------------------------------------|-----------------------------------------------|
 * | a message by business key                   | pk = `OUTBOX#<kind>#<subject>#<recipient>#    |
 * |                                             |   <period>`, sk = `OUTBOX`                    |
 * | claimed, unsent messages, oldest claim      | index `outbox-unsent`: unsentPk =             |
 * | first (the retry job)                       |   `OUTBOX#claimed`, unsentSk = `<claimedAt>#  |
 * |                                             |   <pk>`                                       |
 * | messages caught mid-send (fate unknown)     | index `outbox-unsent`: unsentPk =             |
 * |                                             |   `OUTBOX#sending`                            |
 *
 * The index attributes go when a message is sent, so the index holds only unsent messages.
 */

export type OutboxState = 'claimed' | 'sending' | 'sent';

export interface OutboxKey {
  kind: string;
  subject: string;
  recipient: string;
  /** The period or step the message is for; `-` when it is sent once ever. */
  period: string;
}

export interface EmailContent {
  subjectLine: string;
  html: string;
  text: string;
}

export interface OutboxMessage extends OutboxKey {
  messageId: string;
  sender: string;
  content: EmailContent;
  state: OutboxState;
  attempts: number;
  claimedAt: string;
  lastError?: string;
  sendingSince?: string;
  sentAt?: string;
  sesMessageId?: string;
  /** The record (its pk) whose timeline notes the message once it is sent. */
  timelineOf?: string;
}

/** The timeline entry that goes with marking a message sent. */
export interface SentNote {
  recordPk: string;
  entry: TimelineEntry;
}

export interface OutboxStore {
  /** Puts a new claimed message; false if one with the same business key exists. */
  claim(message: OutboxMessage): Promise<boolean>;
  get(messageId: string): Promise<OutboxMessage | undefined>;
  /** claimed → sending; only one caller wins. Undefined if the message was not `claimed`. */
  startSending(messageId: string, now: Date): Promise<OutboxMessage | undefined>;
  /** sending → sent; with a note, the record's timeline gets it in the same transaction. */
  markSent(messageId: string, sesMessageId: string, now: Date, note?: SentNote): Promise<void>;
  /** sending → claimed after SES refused, counting the attempt. */
  releaseClaim(messageId: string, error: string): Promise<void>;
  /** Ids of messages claimed (and not being sent) before `cutoff`, oldest first. */
  claimedBefore(cutoff: Date, limit: number): Promise<string[]>;
}

export const unsentIndexName = 'outbox-unsent';
const claimedPartition = 'OUTBOX#claimed';
const sendingPartition = 'OUTBOX#sending';
const sk = 'OUTBOX';

export function outboxMessageId(key: OutboxKey): string {
  return `OUTBOX#${key.kind}#${key.subject}#${key.recipient}#${key.period}`;
}

export function outboxStore(table: Table): OutboxStore {
  const keyOf = (messageId: string) => ({ pk: messageId, sk });

  async function get(messageId: string): Promise<OutboxMessage | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: keyOf(messageId), ConsistentRead: true }),
    );
    return Item ? toMessage(Item) : undefined;
  }

  return {
    get,

    async claim(message) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...keyOf(message.messageId),
              entity: 'outbox-message',
              ...message,
              unsentPk: claimedPartition,
              unsentSk: `${message.claimedAt}#${message.messageId}`,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async startSending(messageId, now) {
      try {
        const { Attributes } = await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keyOf(messageId),
            UpdateExpression: 'SET #state = :sending, unsentPk = :sendingPk, sendingSince = :now',
            ConditionExpression: '#state = :claimed',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':claimed': 'claimed',
              ':sendingPk': sendingPartition,
              ':now': now.toISOString(),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toMessage(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    async markSent(messageId, sesMessageId, now, note) {
      const update = {
        TableName: table.name,
        Key: keyOf(messageId),
        UpdateExpression:
          'SET #state = :sent, sentAt = :now, sesMessageId = :sesId REMOVE unsentPk, unsentSk, sendingSince',
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':sending': 'sending',
          ':now': now.toISOString(),
          ':sesId': sesMessageId,
        },
      };
      if (!note) {
        await table.client.send(new UpdateCommand(update));
        return;
      }
      // Only one caller ever moves a message out of `sending`, so the note is written once.
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: update },
            timelinePut(table.name, note.recordPk, messageId, note.entry),
          ],
        }),
      );
    },

    async releaseClaim(messageId, error) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(messageId),
          UpdateExpression:
            'SET #state = :claimed, unsentPk = :claimedPk, lastError = :error ADD attempts :one REMOVE sendingSince',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':claimed': 'claimed',
            ':sending': 'sending',
            ':claimedPk': claimedPartition,
            ':error': error,
            ':one': 1,
          },
        }),
      );
    },

    async claimedBefore(cutoff, limit) {
      const ids: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            IndexName: unsentIndexName,
            KeyConditionExpression: 'unsentPk = :claimed AND unsentSk < :cutoff',
            ExpressionAttributeValues: {
              ':claimed': claimedPartition,
              ':cutoff': cutoff.toISOString(),
            },
            Limit: limit - ids.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) ids.push(String(item.pk));
        startKey = page.LastEvaluatedKey;
      } while (startKey && ids.length < limit);
      return ids;
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
    ...message
  } = item;
  return { ...(message as unknown as OutboxMessage), attempts: Number(item.attempts ?? 0) };
}
