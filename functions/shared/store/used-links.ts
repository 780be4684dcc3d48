import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from './table';

/**
 * Used signed links: a link works once. Marking it is a conditional put, so of two clicks (or a
 * click and a retry) exactly one wins; the other sees `already-used` and changes nothing.
 *
 * | access pattern        | keys                                       |
 * |-----------------------|--------------------------------------------|
 * | was this link used?   | pk = `LINK#<link id>`, sk = `USED`         |
 *
 * The item expires (table TTL `expiresAt`, epoch seconds) a while after the link itself: an
 * expired link is refused by its signature check, so the mark is no longer needed.
 */

export type MarkResult = 'marked' | 'already-used';

export interface UsedLinkStore {
  markLinkUsed(
    linkId: string,
    use: { purpose: string; subject: string; usedAt: Date; linkExpiresAt: Date },
  ): Promise<MarkResult>;
}

export const usedLinkKey = (linkId: string) => ({ pk: `LINK#${linkId}`, sk: 'USED' });
const keepAfterExpiryMs = 30 * 24 * 60 * 60 * 1000;

/** The put that marks a link used, for a handler that writes it in one transaction with its action. */
export function usedLinkPut(
  tableName: string,
  linkId: string,
  use: { purpose: string; subject: string; usedAt: Date; linkExpiresAt: Date },
) {
  return {
    TableName: tableName,
    Item: {
      ...usedLinkKey(linkId),
      entity: 'used-link',
      purpose: use.purpose,
      subject: use.subject,
      usedAt: use.usedAt.toISOString(),
      expiresAt: Math.ceil((use.linkExpiresAt.getTime() + keepAfterExpiryMs) / 1000),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

export function usedLinkStore(table: Table): UsedLinkStore {
  return {
    async markLinkUsed(linkId, use) {
      try {
        await table.client.send(new PutCommand(usedLinkPut(table.name, linkId, use)));
        return 'marked';
      } catch (error) {
        if (isConditionFailed(error)) return 'already-used';
        throw error;
      }
    },
  };
}
