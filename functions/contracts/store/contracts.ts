import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountRecordPk } from '../../accounts/store/accounts';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { readTimeline, type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { ApprovalLevel, Contract } from '../rules/contract';
import { currentTermOf, endMonthOf } from '../rules/contract-terms';

/**
 * Contracts. Every change is a put conditioned on the version read, in one transaction with its
 * timeline entry (and whatever else must hold with it: an account, a step record).
 *
 * | access pattern                          | keys                                                |
 * |-----------------------------------------|-----------------------------------------------------|
 * | a contract                              | pk = `CONTRACT#<contractId>`, sk = `CONTRACT`       |
 * | the contract drafted from a quote       | pk = `CONTRACT-OF-QUOTE#<quoteId>`, sk = `CONTRACT` |
 * | a team's contracts, newest first        | index `contracts-by-team`: contractTeamPk =         |
 * |                                         |   `CONTRACTS#<team>`, contractListSk =              |
 * |                                         |   `<draftedAt>#<contractId>`                        |
 * | a contract's timeline                   | pk = `CONTRACT#<contractId>`, sk = `TIMELINE#…`     |
 * | a step of a round waiting for a person  | pk = `CONTRACT#<contractId>`, sk =                  |
 * |   (`shared/decisions/decision-step.ts`) |   `STEP#<round, 3 digits>#<step>`                   |
 * | active contracts by the day the         | index `contracts-by-end`: contractEndPk =           |
 * |   renewals run next reads them (sparse: |   `CONTRACT-ENDS#<yyyy-mm>`, contractEndSk =        |
 * |   active only, removed when lapsed):    |   `<endDate>#<contractId>` until the run first acts |
 * |   by the current term's end, then by    |   on the term, then `CONTRACT-NEXT#<yyyy-mm>` and   |
 * |   the next action's day                 |   `<nextActionOn>#<contractId>`                     |
 */

export const contractsByTeamIndex = 'contracts-by-team';
export const contractsByEndIndex = 'contracts-by-end';
/** The renewals' two lists: not acted on this term (by end date), and by the next action's day. */
export type RenewalList = 'by-end' | 'by-next-action';
export const contractEndPk = (month: string, list: RenewalList = 'by-end') =>
  `${list === 'by-end' ? 'CONTRACT-ENDS' : 'CONTRACT-NEXT'}#${month}`;
export const contractRecordPk = (contractId: string) => `CONTRACT#${contractId}`;

/**
 * The timelines an email to the contract's customer is noted on: the contract's, and once the
 * contract made an account, the account's, where staff look for everything said to a customer.
 */
export function customerEmailTimelines(contract: Pick<Contract, 'contractId' | 'accountId'>) {
  const contractPk = contractRecordPk(contract.contractId);
  return contract.accountId ? [contractPk, accountRecordPk(contract.accountId)] : [contractPk];
}

/** The steps of a round that wait for a person: documents, the two approvals, the signature. */
export type WaitingStep = 'documents' | ApprovalLevel | 'signature';
export const contractStepKey = (contractId: string, round: number, step: WaitingStep) => ({
  pk: contractRecordPk(contractId),
  sk: `STEP#${String(round).padStart(3, '0')}#${step}`,
});
const contractKey = (contractId: string) => ({ pk: contractRecordPk(contractId), sk: 'CONTRACT' });
const quotePointerKey = (quoteId: string) => ({
  pk: `CONTRACT-OF-QUOTE#${quoteId}`,
  sk: 'CONTRACT',
});

/** The item of a contract, with its list keys. */
export function contractItem(contract: Contract) {
  return {
    ...contractKey(contract.contractId),
    entity: 'contract',
    ...contract,
    contractTeamPk: `CONTRACTS#${contract.team}`,
    contractListSk: `${contract.draftedAt}#${contract.contractId}`,
    ...endIndexKeys(contract),
  };
}

/** Only an active contract is on the end-date index: a lapsed one has nothing left to do. */
function endIndexKeys(contract: Contract) {
  if (contract.status !== 'active') return {};
  const next = contract.renewalState?.nextActionOn;
  if (next) return renewalListKeys('by-next-action', next, contract.contractId);
  return renewalListKeys('by-end', currentTermOf(contract).endDate, contract.contractId);
}

/** A contract's place on one of the renewals' lists, under a business date. */
export function renewalListKeys(list: RenewalList, date: string, contractId: string) {
  return {
    contractEndPk: contractEndPk(endMonthOf(date), list),
    contractEndSk: `${date}#${contractId}`,
  };
}

export function toContract(item: Record<string, unknown>): Contract {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    contractTeamPk: _team,
    contractListSk: _list,
    contractEndPk: _endPk,
    contractEndSk: _endSk,
    ...contract
  } = item;
  return contract as unknown as Contract;
}

/** A transaction item for whatever else must change with the contract. */
export type ExtraWrite = Record<string, unknown>;

/** A contract changed by someone else meanwhile: read it again and retry. */
export class ContractChanged extends Error {
  override name = 'ContractChanged';
}

export interface ContractStore {
  /**
   * Stores a new draft and its quote's pointer together; if the quote has a contract already,
   * nothing is written and that contract's id is answered.
   */
  draft(
    contract: Contract,
    entry: TimelineEntry,
  ): Promise<{ contractId: string; created: boolean }>;
  get(contractId: string): Promise<Contract | undefined>;
  /** Saves `next` if the stored version is still `next.version - 1`; else ContractChanged. */
  save(next: Contract, entry: TimelineEntry, stepKey: string, extra?: ExtraWrite[]): Promise<void>;
  timeline(contractId: string): Promise<TimelineEntry[]>;
  /** A team's contracts, newest first, with a cursor for the next page. */
  listByTeam(
    team: string,
    options: { limit: number; after?: string; agentId?: string },
  ): Promise<{ contracts: Contract[]; next?: string }>;
}

export function contractStore(table: Table): ContractStore {
  async function get(contractId: string) {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: contractKey(contractId), ConsistentRead: true }),
    );
    return Item ? toContract(Item) : undefined;
  }

  return {
    get,

    async draft(contract, entry) {
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...quotePointerKey(contract.quoteId),
                    entity: 'contract-of-quote',
                    contractId: contract.contractId,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: contractItem(contract),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              timelinePut(table.name, contractRecordPk(contract.contractId), 'drafted', entry),
            ],
          }),
        );
        return { contractId: contract.contractId, created: true };
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      }
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: quotePointerKey(contract.quoteId),
          ConsistentRead: true,
        }),
      );
      if (!Item) throw new Error(`The contract of quote ${contract.quoteId} vanished`);
      return { contractId: String(Item.contractId), created: false };
    },

    async save(next, entry, stepKey, extra = []) {
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: contractItem(next),
                  ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': next.version - 1 },
                },
              },
              timelinePut(table.name, contractRecordPk(next.contractId), stepKey, entry),
              ...extra,
            ],
          }),
        );
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.includes('ConditionalCheckFailed')) {
          throw new ContractChanged(
            `Contract ${next.contractId} changed meanwhile (${codes.join(', ')})`,
          );
        }
        throw error;
      }
    },

    timeline: (contractId) => readTimeline(table, contractRecordPk(contractId)),

    async listByTeam(team, { limit, after, agentId }) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: contractsByTeamIndex,
          KeyConditionExpression: 'contractTeamPk = :team',
          ...(agentId
            ? {
                FilterExpression: 'agentId = :agent',
                ExpressionAttributeValues: { ':team': `CONTRACTS#${team}`, ':agent': agentId },
              }
            : { ExpressionAttributeValues: { ':team': `CONTRACTS#${team}` } }),
          ScanIndexForward: false,
          Limit: limit,
          ...(after ? { ExclusiveStartKey: decodeCursor(after) } : {}),
        }),
      );
      const contracts = (page.Items ?? []).map(toContract);
      return page.LastEvaluatedKey
        ? { contracts, next: encodeCursor(page.LastEvaluatedKey) }
        : { contracts };
    },
  };
}

const encodeCursor = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
