import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';

/**
 * How many leads one address was acknowledged for on one day: the cap that keeps the lead form
 * from being used to mail someone again and again.
 *
 * | access pattern                          | keys                                              |
 * |-----------------------------------------|---------------------------------------------------|
 * | the leads acknowledged to an address on | pk = `ACKNOWLEDGED#<lower-case address>`,         |
 * |   a day                                 |   sk = `DAY#<yyyy-mm-dd>` → leadIds (a set);      |
 * |                                         |   `expiresAt` (TTL) two days after                |
 *
 * A lead is added with a conditional write: the set may grow only while it holds fewer than the
 * cap, and a lead already in it passes again, so a rerun step is never counted twice and two
 * acknowledgements at once cannot both take the last place.
 */
export interface AcknowledgementCaps {
  /** Counts the lead for the address and day unless the cap is reached; false when it is. */
  admit(address: string, day: string, leadId: string, cap: number): Promise<boolean>;
  /** Notes on the record's timeline that its acknowledgement was withheld (once). */
  noteWithheld(recordPk: string, entry: TimelineEntry): Promise<void>;
}

const dayMs = 86_400_000;

export function acknowledgementCaps(table: Table): AcknowledgementCaps {
  return {
    async admit(address, day, leadId, cap) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: { pk: `ACKNOWLEDGED#${address.trim().toLowerCase()}`, sk: `DAY#${day}` },
            UpdateExpression: 'ADD leadIds :lead SET expiresAt = :expiresAt, entity = :entity',
            ConditionExpression:
              'attribute_not_exists(leadIds) OR size(leadIds) < :cap OR contains(leadIds, :leadId)',
            ExpressionAttributeValues: {
              ':lead': new Set([leadId]),
              ':leadId': leadId,
              ':cap': cap,
              ':expiresAt': Math.floor((Date.parse(`${day}T00:00:00Z`) + 3 * dayMs) / 1000),
              ':entity': 'acknowledgement-cap',
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async noteWithheld(recordPk, entry) {
      const { Put } = timelinePut(table.name, recordPk, 'acknowledgement-withheld', entry);
      try {
        await table.client.send(new PutCommand(Put));
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
