import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';

/**
 * Who a prospect already is: contact lookup items, one per normalised email address and phone
 * number, naming the first lead that used it and, once a contract made them a customer, the
 * account.
 *
 * | access pattern                           | keys                                            |
 * |------------------------------------------|-------------------------------------------------|
 * | the lead/account of an email address     | pk = `CONTACT#email#<lower-case address>`,      |
 * |                                          |   sk = `CONTACT` → leadId?, accountId?          |
 * | the lead/account of a phone number       | pk = `CONTACT#phone#<digits, leading + kept>`,  |
 * |                                          |   sk = `CONTACT` → leadId?, accountId?          |
 * | an account's status (written off?)       | pk = `ACCOUNT#<accountId>`, sk = `ACCOUNT`      |
 * |                                          |   (the account profile, kept by contracts)      |
 *
 * A new lead's items are written in the lead's own transaction, each on the condition that it
 * does not exist: of two first enquiries at once, one makes the prospect's lead and the other
 * fails its transaction, looks again and is linked to it.
 */

export interface ContactDetails {
  email: string;
  phone?: string;
}

/** What a contact item points at. */
export interface ContactMatch {
  leadId?: string;
  accountId?: string;
}

export type ContactKind = 'email' | 'phone';

export interface ContactLookup {
  /**
   * What the details lead to: the lead and the account, each as the email address names it, else
   * as the phone number does. Absent when neither is known.
   */
  match?: ContactMatch;
  /** Which of the details are known already (they need no new item). */
  known: Record<ContactKind, boolean>;
}

/** Addresses compare without case and surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Digits only, a leading `+` kept: `+30 210 555-0199` and `+302105550199` are one number. Fewer
 * than 6 digits is no usable number (an extension, a typo): it matches nothing.
 */
export function normalisePhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 6) return undefined;
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export const contactKey = (kind: ContactKind, value: string) => ({
  pk: `CONTACT#${kind}#${value}`,
  sk: 'CONTACT',
});

export const accountKey = (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT' });

/** The normalised details with their kinds, skipping a phone number that is no number. */
function contactValues(details: ContactDetails): [ContactKind, string][] {
  const phone = normalisePhone(details.phone);
  const values: [ContactKind, string][] = [['email', normaliseEmail(details.email)]];
  if (phone) values.push(['phone', phone]);
  return values;
}

/** A lead's contact items failed their condition: another enquiry took them first. */
export class ContactTaken extends Error {
  override name = 'ContactTaken';
}

export interface ContactStore {
  lookup(details: ContactDetails): Promise<ContactLookup>;
  findByContact(details: ContactDetails): Promise<ContactMatch | undefined>;
  /** At activation: the details now belong to the account too (created if missing). */
  recordAccountContact(details: ContactDetails, accountId: string): Promise<void>;
  /**
   * Notes a linked enquiry on the earlier record's timeline (`LEAD#…` or `ACCOUNT#…`), once per
   * enquiry: false if it was noted before.
   */
  noteLinkedEnquiry(
    recordPk: string,
    enquiryLeadId: string,
    entry: TimelineEntry,
  ): Promise<boolean>;
  /** The account profile's status (`written-off`…) and owner; undefined if there is none. */
  accountProfile(accountId: string): Promise<{ status?: string; ownerId?: string } | undefined>;
}

/**
 * The puts that register a lead's unknown details, pointing at `target` (the lead itself, or the
 * earlier lead or account it is linked to), for the lead's own transaction.
 */
export function contactPuts(
  tableName: string,
  details: ContactDetails,
  target: ContactMatch,
  known: Record<ContactKind, boolean>,
) {
  return contactValues(details)
    .filter(([kind]) => !known[kind])
    .map(([kind, value]) => ({
      Put: {
        TableName: tableName,
        Item: { ...contactKey(kind, value), entity: 'contact', kind, value, ...target },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
}

export function contactStore(table: Table): ContactStore {
  async function get(kind: ContactKind, value: string): Promise<ContactMatch | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: contactKey(kind, value), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      ...(typeof Item.leadId === 'string' ? { leadId: Item.leadId } : {}),
      ...(typeof Item.accountId === 'string' ? { accountId: Item.accountId } : {}),
    };
  }

  async function lookup(details: ContactDetails): Promise<ContactLookup> {
    const known: Record<ContactKind, boolean> = { email: false, phone: false };
    let match: ContactMatch | undefined;
    for (const [kind, value] of contactValues(details)) {
      const found = await get(kind, value);
      if (!found) continue;
      known[kind] = true;
      match = { ...found, ...match };
    }
    return { ...(match ? { match } : {}), known };
  }

  return {
    lookup,
    async findByContact(details) {
      return (await lookup(details)).match;
    },

    async recordAccountContact(details, accountId) {
      for (const [kind, value] of contactValues(details)) {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: contactKey(kind, value),
            UpdateExpression:
              'SET accountId = :account, entity = :entity, kind = :kind, #value = :value',
            ExpressionAttributeNames: { '#value': 'value' },
            ExpressionAttributeValues: {
              ':account': accountId,
              ':entity': 'contact',
              ':kind': kind,
              ':value': value,
            },
          }),
        );
      }
    },

    async noteLinkedEnquiry(recordPk, enquiryLeadId, entry) {
      const { Put } = timelinePut(table.name, recordPk, `linked-enquiry#${enquiryLeadId}`, entry);
      try {
        await table.client.send(new PutCommand(Put));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async accountProfile(accountId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: accountKey(accountId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        ...(typeof Item.status === 'string' ? { status: Item.status } : {}),
        ...(typeof Item.ownerId === 'string' ? { ownerId: Item.ownerId } : {}),
      };
    },
  };
}
