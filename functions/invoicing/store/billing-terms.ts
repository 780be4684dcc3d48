import { GetCommand, PutCommand, type PutCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isoDate, parseBusinessDate } from '../../shared/rules/job-dates';
import { isConditionFailed, queryAll, type Table } from '../../shared/store/table';
import { billingDay } from '../rules/billing-periods';
import { type BillingPlan, billingPeriod, type PaymentTerms } from '../rules/invoice';

/**
 * Billing terms: one record per term of a recurring contract, saying how far its periods have
 * been invoiced. The billing run finds the terms with a period due through a sparse index of the
 * next billing day, so it reads only what it bills; a term whose periods are all billed leaves
 * the index.
 *
 * | access pattern                          | keys                                                |
 * |-----------------------------------------|-----------------------------------------------------|
 * | a contract's term                       | pk = `BILLING-TERM#<contractId>`, sk = `TERM#<startDate>` |
 * | terms with a period to bill by a date   | index `billing-terms-due`: billingDuePk =           |
 * |                                         |   `BILLING-DUE#<yyyy>` (year of the next billing    |
 * |                                         |   day), billingDueSk = `<day>#<contractId>#<start>` |
 *
 * Partitioned by year so no key grows without bound; the run reads the date's year and the one
 * before, which covers any term written late (a renewal, a backdated contract).
 */

export const billingTermsDueIndex = 'billing-terms-due';

export interface BillingTerm {
  contractId: string;
  accountId: string;
  startDate: string;
  endDate: string;
  /** periods of this term already billed; -1: none */
  billedThroughIndex: number;
  /** The contract's first term: its period 0 is the first invoice (`first-invoice#<id>`). */
  first?: boolean;
}

export interface StoredBillingTerm extends BillingTerm {
  /** The business date the next period is billed; absent once every period is billed. */
  nextBillingDay?: string;
}

/** How a term's periods fall: from the contract (plan and terms are the same for every term). */
export interface TermPlan {
  billingPlan: BillingPlan;
  paymentTerms: PaymentTerms;
}

const termKey = (contractId: string, startDate: string) => ({
  pk: `BILLING-TERM#${contractId}`,
  sk: `TERM#${startDate}`,
});
const duePk = (day: string) => `BILLING-DUE#${day.slice(0, 4)}`;

/** The next billing day of a term after `billedThroughIndex`; undefined once all are billed. */
export function nextBillingDayOf(term: BillingTerm, plan: TermPlan): string | undefined {
  if (plan.billingPlan === 'one-off') return undefined;
  const period = billingPeriod(
    plan.billingPlan,
    term.startDate,
    term.endDate,
    term.billedThroughIndex + 1,
  );
  return period ? billingDay(period, plan.paymentTerms) : undefined;
}

function dueKeys(term: BillingTerm, day: string | undefined) {
  return day
    ? {
        nextBillingDay: day,
        billingDuePk: duePk(day),
        billingDueSk: `${day}#${term.contractId}#${term.startDate}`,
      }
    : {};
}

/**
 * A TransactWriteItems element creating a term's record (a Put with attribute_not_exists, so
 * writing it twice is harmless), filed under its next billing day. Without `plan` it is filed
 * under the earliest day any plan could bill it; the run then files it under its true day.
 */
export function billingTermWrite(
  tableName: string,
  term: BillingTerm,
  plan?: TermPlan,
): Record<string, unknown> {
  parseBusinessDate(term.startDate, 'startDate');
  parseBusinessDate(term.endDate, 'endDate');
  // Without the plan: the earliest any plan bills (prepaid, the month end before the start).
  const day = plan
    ? nextBillingDayOf(term, plan)
    : isoDate(parseBusinessDate(term.startDate).startOf('month').minus({ days: 1 }));
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...termKey(term.contractId, term.startDate),
        entity: 'billing-term',
        ...term,
        ...dueKeys(term, day),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export interface BillingTermStore {
  /** Writes a term's record once; false when it was there already. */
  record(term: BillingTerm, plan: TermPlan): Promise<boolean>;
  get(contractId: string, startDate: string): Promise<StoredBillingTerm | undefined>;
  /** Terms whose next billing day is on or before `date` (this year's and last year's). */
  dueBy(date: string): Promise<StoredBillingTerm[]>;
  /**
   * Moves a term from `fromIndex` (as read) to `toIndex` with its next billing day; false when
   * another run moved it first (nothing changed).
   */
  advance(
    term: StoredBillingTerm,
    fromIndex: number,
    toIndex: number,
    plan: TermPlan,
  ): Promise<boolean>;
}

export function billingTermStore(table: Table): BillingTermStore {
  return {
    async record(term, plan) {
      const { Put } = billingTermWrite(table.name, term, plan) as { Put: PutCommandInput };
      try {
        await table.client.send(new PutCommand(Put));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async get(contractId, startDate) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: termKey(contractId, startDate),
          ConsistentRead: true,
        }),
      );
      return Item ? toTerm(Item) : undefined;
    },

    async dueBy(date) {
      const year = Number(parseBusinessDate(date).year);
      const terms: StoredBillingTerm[] = [];
      for (const y of [year - 1, year]) {
        const items = await queryAll(table, {
          IndexName: billingTermsDueIndex,
          KeyConditionExpression: 'billingDuePk = :pk AND billingDueSk <= :upTo',
          ExpressionAttributeValues: { ':pk': `BILLING-DUE#${y}`, ':upTo': `${date}#\uffff` },
        });
        terms.push(...items.map(toTerm));
      }
      return terms;
    },

    async advance(term, fromIndex, toIndex, plan) {
      const moved = { ...term, billedThroughIndex: toIndex };
      const day = nextBillingDayOf(moved, plan);
      const keys = dueKeys(moved, day);
      const names: Record<string, string> = { '#billed': 'billedThroughIndex' };
      const values: Record<string, unknown> = { ':from': fromIndex, ':to': toIndex };
      const sets = ['#billed = :to'];
      for (const [k, v] of Object.entries(keys)) {
        names[`#${k}`] = k;
        values[`:${k}`] = v;
        sets.push(`#${k} = :${k}`);
      }
      // A finished term leaves the index: nothing is left to bill.
      const removes = day ? '' : ' REMOVE nextBillingDay, billingDuePk, billingDueSk';
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: termKey(term.contractId, term.startDate),
            UpdateExpression: `SET ${sets.join(', ')}${removes}`,
            ConditionExpression: 'attribute_exists(pk) AND #billed = :from',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
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

function toTerm(item: Record<string, unknown>): StoredBillingTerm {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    billingDuePk: _duePk,
    billingDueSk: _dueSk,
    ...term
  } = item;
  return term as unknown as StoredBillingTerm;
}
