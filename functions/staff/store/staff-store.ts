import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffMember, Team } from '../../shared/staff-member';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import type { StaffDetails } from '../rules/staff';

/**
 * The staff directory: entries, the keys that find them, and teams.
 *
 * | access pattern                          | keys                                               |
 * |-----------------------------------------|----------------------------------------------------|
 * | an entry by staff id                    | pk = `STAFF`, sk = `MEMBER#<staffId>`              |
 * | every entry (lists by team or role are  | pk = `STAFF`, sk begins with `MEMBER#`             |
 * |   filtered from it: a directory is a    |                                                    |
 * |   few hundred people at most)           |                                                    |
 * | the entry of an email address (unique)  | pk = `STAFF-EMAIL#<email>`, sk = `STAFF-EMAIL`     |
 * |                                         |   → staffId                                        |
 * | the entry of a sign-in identity (the    | pk = `STAFF-IDENTITY#<sub>`, sk = `STAFF-IDENTITY` |
 * |   token's `sub`; unique)                |   → staffId                                        |
 * | a team and its supervisor               | pk = `STAFF`, sk = `TEAM#<team>`                   |
 * | every team                              | pk = `STAFF`, sk begins with `TEAM#`               |
 *
 * An entry and its key items change in one transaction: two entries never share an email or an
 * identity. Edits are conditioned on the entry's `version`; linking an identity is not an edit
 * (it does not move the version), and an edit never touches the link.
 */

export type StaffWrite = 'saved' | 'stale' | 'email-taken' | 'missing';
export type TeamWrite = 'saved' | 'stale' | 'exists';

export interface StaffStore {
  /** Adds an entry unless its email is taken. */
  createMember(member: StaffMember): Promise<'saved' | 'email-taken'>;
  getMember(staffId: string): Promise<StaffMember | undefined>;
  findByEmail(email: string): Promise<StaffMember | undefined>;
  findByIdentity(subject: string): Promise<StaffMember | undefined>;
  listMembers(): Promise<StaffMember[]>;
  /** Replaces the editable fields if the entry is still at `expectedVersion`. */
  updateMember(
    staffId: string,
    details: StaffDetails,
    expectedVersion: number,
    previousEmail: string,
  ): Promise<StaffWrite>;
  /** Links a sign-in identity to an entry that has none; false if either is linked already. */
  linkIdentity(staffId: string, subject: string): Promise<boolean>;
  getTeam(team: string): Promise<(Team & { version: number }) | undefined>;
  listTeams(): Promise<(Team & { version: number })[]>;
  /** Creates a team (`expectedVersion` undefined) or changes its supervisor. */
  putTeam(team: string, supervisorId: string, expectedVersion?: number): Promise<TeamWrite>;
}

const directoryPk = 'STAFF';
const memberKey = (staffId: string) => ({ pk: directoryPk, sk: `MEMBER#${staffId}` });
const emailKey = (email: string) => ({ pk: `STAFF-EMAIL#${email}`, sk: 'STAFF-EMAIL' });
const identityKey = (subject: string) => ({
  pk: `STAFF-IDENTITY#${subject}`,
  sk: 'STAFF-IDENTITY',
});
const teamKey = (team: string) => ({ pk: directoryPk, sk: `TEAM#${team}` });

function toMember(item: Record<string, unknown>): StaffMember {
  const { pk: _pk, sk: _sk, entity: _entity, ...member } = item;
  return member as unknown as StaffMember;
}

function toTeam(item: Record<string, unknown>): Team & { version: number } {
  return {
    team: String(item.team),
    supervisorId: String(item.supervisorId),
    version: Number(item.version),
  };
}

export function staffStore(table: Table): StaffStore {
  const { client, name: TableName } = table;

  async function get(key: { pk: string; sk: string }) {
    const { Item } = await client.send(
      new GetCommand({ TableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  async function getMember(staffId: string): Promise<StaffMember | undefined> {
    const item = await get(memberKey(staffId));
    return item ? toMember(item) : undefined;
  }

  async function memberPointedAt(key: { pk: string; sk: string }) {
    const pointer = await get(key);
    return typeof pointer?.staffId === 'string' ? getMember(pointer.staffId) : undefined;
  }

  async function queryDirectory(prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': directoryPk, ':prefix': prefix },
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  async function getTeam(team: string) {
    const item = await get(teamKey(team));
    return item ? toTeam(item) : undefined;
  }

  return {
    getMember,
    findByEmail: (email) => memberPointedAt(emailKey(email.toLowerCase())),
    findByIdentity: (subject) => memberPointedAt(identityKey(subject)),
    listMembers: async () => (await queryDirectory('MEMBER#')).map(toMember),
    getTeam,
    listTeams: async () => (await queryDirectory('TEAM#')).map(toTeam),

    async createMember(member) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName,
                  Item: { ...memberKey(member.staffId), entity: 'staff-member', ...member },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName,
                  Item: {
                    ...emailKey(member.email),
                    entity: 'staff-email',
                    staffId: member.staffId,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return 'saved';
      } catch (error) {
        if (cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return 'email-taken';
        throw error;
      }
    },

    async updateMember(staffId, details, expectedVersion, previousEmail) {
      const emailChanged = details.email !== previousEmail;
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: memberKey(staffId),
                  UpdateExpression:
                    'SET #name = :name, email = :email, #role = :role, team = :team, ' +
                    '#capacity = :capacity, #language = :language, workingHours = :hours, ' +
                    'active = :active, #version = :next',
                  ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
                  ExpressionAttributeNames: {
                    '#name': 'name',
                    '#role': 'role',
                    '#capacity': 'capacity',
                    '#language': 'language',
                    '#version': 'version',
                  },
                  ExpressionAttributeValues: {
                    ':name': details.name,
                    ':email': details.email,
                    ':role': details.role,
                    ':team': details.team,
                    ':capacity': details.capacity,
                    ':language': details.language,
                    ':hours': details.workingHours,
                    ':active': details.active,
                    ':next': expectedVersion + 1,
                    ':expected': expectedVersion,
                  },
                },
              },
              ...(emailChanged
                ? [
                    {
                      Put: {
                        TableName,
                        Item: { ...emailKey(details.email), entity: 'staff-email', staffId },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                    {
                      Delete: {
                        TableName,
                        Key: emailKey(previousEmail),
                        ConditionExpression: 'staffId = :staffId',
                        ExpressionAttributeValues: { ':staffId': staffId },
                      },
                    },
                  ]
                : []),
            ],
          }),
        );
        return 'saved';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') {
          return (await getMember(staffId)) ? 'stale' : 'missing';
        }
        if (codes[1] === 'ConditionalCheckFailed') return 'email-taken';
        // The old email item no longer pointing here means someone else edited meanwhile.
        if (codes[2] === 'ConditionalCheckFailed') return 'stale';
        throw error;
      }
    },

    async linkIdentity(staffId, subject) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: memberKey(staffId),
                  UpdateExpression: 'SET identitySubject = :subject',
                  ConditionExpression:
                    'attribute_exists(pk) AND attribute_not_exists(identitySubject)',
                  ExpressionAttributeValues: { ':subject': subject },
                },
              },
              {
                Put: {
                  TableName,
                  Item: { ...identityKey(subject), entity: 'staff-identity', staffId },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    async putTeam(team, supervisorId, expectedVersion) {
      const creating = expectedVersion === undefined;
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...teamKey(team),
              entity: 'staff-team',
              team,
              supervisorId,
              version: creating ? 1 : expectedVersion + 1,
            },
            ConditionExpression: creating
              ? 'attribute_not_exists(pk)'
              : 'attribute_exists(pk) AND #version = :expected',
            ...(creating
              ? {}
              : {
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
          }),
        );
        return 'saved';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        return creating ? 'exists' : 'stale';
      }
    },
  };
}
