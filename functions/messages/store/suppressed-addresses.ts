import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../../shared/store/table';

/**
 * Addresses the desk must not mail: SES reported a permanent bounce or a complaint for them.
 *
 * | access pattern                        | keys                                                |
 * |---------------------------------------|-----------------------------------------------------|
 * | the mark of an address (the outbox    | pk = `SUPPRESSED-ADDRESS#<lower-case address>`,     |
 * | reads it before every send)           |   sk = `SUPPRESSED-ADDRESS`                         |
 *
 * The first notification makes the mark; a repeat (SNS delivers at least once, SES may report a
 * bounce and a complaint) finds it and changes nothing, so what follows from the mark (the agent
 * told) is keyed by the mark's own time and happens once.
 */

export type SuppressionReason = 'bounced' | 'complained';

export interface AddressMark {
  address: string;
  reason: SuppressionReason;
  /** When SES reported it. */
  markedAt: string;
  /** SES's id of the message that bounced or was complained about. */
  sesMessageId: string;
  feedbackId: string;
  /** SES's bounce subtype (`General`, `NoEmail`, `Suppressed`...), for a bounce. */
  detail?: string;
}

export interface SuppressedAddresses {
  /** Marks the address unless it is marked already; answers the mark that holds. */
  mark(mark: AddressMark): Promise<{ mark: AddressMark; created: boolean }>;
  get(address: string): Promise<AddressMark | undefined>;
  /** Removes the mark staff saw (`markedAt`); false if it is gone or was replaced meanwhile. */
  clear(address: string, markedAt: string): Promise<boolean>;
}

const sk = 'SUPPRESSED-ADDRESS';
export const suppressedAddressKey = (address: string) => ({
  pk: `SUPPRESSED-ADDRESS#${address.trim().toLowerCase()}`,
  sk,
});

export function suppressedAddresses(table: Table): SuppressedAddresses {
  async function get(address: string): Promise<AddressMark | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: suppressedAddressKey(address),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...mark } = Item;
    return mark as AddressMark;
  }

  return {
    get,

    async mark(mark) {
      const address = mark.address.trim().toLowerCase();
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...suppressedAddressKey(address),
              entity: 'suppressed-address',
              ...mark,
              address,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { mark: { ...mark, address }, created: true };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const existing = await get(address);
      // Cleared between our put and this read: the next delivery of the notification marks it.
      if (!existing) throw new Error(`The mark of ${address} changed while it was being made`);
      return { mark: existing, created: false };
    },

    async clear(address, markedAt) {
      try {
        await table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: suppressedAddressKey(address),
            ConditionExpression: 'markedAt = :seen',
            ExpressionAttributeValues: { ':seen': markedAt },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}

/** What the outbox page and a failed message say about a marked address. */
export function suppressionError(mark: AddressMark): string {
  const what = mark.reason === 'bounced' ? 'bounced' : 'complained';
  return `Address ${what}: SES reported ${mark.address} ${
    mark.reason === 'bounced' ? `as a permanent bounce (${mark.detail ?? 'General'})` : 'as spam'
  } on ${mark.markedAt}; not sent`;
}
