import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountKey } from '../../accounts/store/contacts';
import { isConditionFailed, queryAll, type Table } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import type { Lead, LeadOwner } from '../rules/lead';
import { leadKey, leadRecordPk, ownerPartition, teamPartition, toLead } from './lead-keys';

/**
 * A linked enquiry (the same prospect wrote again, `lead-duplicates.ts`) has no intake of its own:
 * it belongs to whoever owns the earlier record, and follows it when the earlier lead changes
 * hands. So the agent who works the earlier lead sees it (list and page), their team's
 * supervisor too, and nobody else's.
 *
 * | access pattern                            | keys                                            |
 * |-------------------------------------------|-------------------------------------------------|
 * | the enquiries that follow an earlier lead | pk = `LEAD#<earlier leadId>`,                   |
 * |   (its assignment carries them along)     |   sk = `LINKED#<leadId>` (written with the lead)|
 *
 * The owner is copied onto the enquiry (`ownerId`, `ownerName`, `team` and the list indexes'
 * attributes) with `linkedOwnerVersion`, the version of the earlier lead it was copied from: a
 * copy made from an older version never overwrites a newer one, whichever write lands last.
 */

const linkedPrefix = 'LINKED#';

/** The pointer that makes an enquiry follow its earlier lead, for the enquiry's own transaction. */
export function linkedEnquiryPut(tableName: string, earlierLeadId: string, leadId: string) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: leadRecordPk(earlierLeadId),
        sk: `${linkedPrefix}${leadId}`,
        entity: 'linked-enquiry',
        leadId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Who owns an earlier record, and the version that says so; no owner while it is unassigned. */
export interface EarlierOwner {
  owner?: LeadOwner;
  version: number;
}

/** The owner of the record a lead is linked to: the earlier lead's agent, else the account's. */
export async function earlierOwnerOf(
  table: Table,
  link: NonNullable<Lead['linkedTo']>,
): Promise<EarlierOwner> {
  const read = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;
  if (link.leadId) {
    const item = await read(leadKey(link.leadId));
    const earlier = item ? toLead(item) : undefined;
    if (!earlier?.ownerId || !earlier.team) return { version: earlier?.version ?? 0 };
    return {
      owner: { staffId: earlier.ownerId, name: earlier.ownerName ?? '', team: earlier.team },
      version: earlier.version,
    };
  }
  if (!link.accountId) return { version: 0 };
  const account = await read(accountKey(link.accountId));
  if (typeof account?.ownerId !== 'string') return { version: 0 };
  const agent = await staffStore(table).getMember(account.ownerId);
  const team = typeof account.team === 'string' ? account.team : agent?.team;
  if (!team) return { version: 0 };
  // An account keeps its owner: version 1 is as new as its ownership gets.
  return { owner: { staffId: account.ownerId, name: agent?.name ?? '', team }, version: 1 };
}

/** The enquiry's fields that name its owner, as copied from the earlier record. */
export function followerFields(owner: LeadOwner, version: number) {
  return {
    ownerId: owner.staffId,
    ownerName: owner.name,
    team: owner.team,
    linkedOwnerVersion: version,
    ownerPk: ownerPartition(owner.staffId),
    teamPk: teamPartition(owner.team),
  };
}

function followerUpdate(tableName: string, leadId: string, owner: LeadOwner, version: number) {
  const fields = followerFields(owner, version);
  const names = Object.fromEntries(Object.keys(fields).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`:${k}`, v]));
  return {
    TableName: tableName,
    Key: leadKey(leadId),
    UpdateExpression: `SET ${Object.keys(fields)
      .map((k) => `#${k} = :${k}`)
      .join(', ')}, #version = if_not_exists(#version, :one) + :one`,
    ExpressionAttributeNames: { ...names, '#version': 'version' },
    ExpressionAttributeValues: { ...values, ':one': 1 },
  };
}

/**
 * Copies the earlier record's owner onto the enquiry unless a copy from the same or a newer
 * version is there already. Bumps the enquiry's version: a page opened before sees a conflict.
 */
export async function followEarlierOwner(
  table: Table,
  leadId: string,
  earlier: EarlierOwner,
): Promise<boolean> {
  if (!earlier.owner) return false;
  const update = followerUpdate(table.name, leadId, earlier.owner, earlier.version);
  try {
    await table.client.send(
      new UpdateCommand({
        ...update,
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(#linkedOwnerVersion) OR #linkedOwnerVersion < :linkedOwnerVersion)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** At most this many enquiries move in the earlier lead's own transaction (of 100 items). */
export const followersPerTransaction = 90;

/** The enquiries that follow `earlierLeadId`. */
export async function followersOf(table: Table, earlierLeadId: string): Promise<string[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': leadRecordPk(earlierLeadId), ':prefix': linkedPrefix },
  });
  return items.map((item) => String(item.leadId));
}

/** The writes that hand the enquiries to the earlier lead's new owner, for its transaction. */
export function followerUpdates(
  tableName: string,
  leadIds: readonly string[],
  owner: LeadOwner,
  version: number,
) {
  return leadIds.map((leadId) => ({
    Update: {
      ...followerUpdate(tableName, leadId, owner, version),
      ConditionExpression: 'attribute_exists(pk)',
    },
  }));
}
