import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { accountRecordPk } from '../../accounts/store/accounts';
import { Conflict } from '../../shared/errors';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import { type Charge, chargeFingerprint, chargeMonth } from '../rules/charges';

/**
 * Usage and miscellaneous charges of accounts, unbilled until the billing run invoices them.
 *
 * | access pattern                          | keys                                                |
 * |-----------------------------------------|-----------------------------------------------------|
 * | a charge of an account (by date)        | pk = `ACCOUNT#<accountId>`, sk = `CHARGE#<date>#<chargeId>` |
 * | the charge of an account's reference    | pk = `CHARGE-REFERENCE#<accountId>#<reference>`, sk = `REFERENCE` |
 * | unbilled charges of a month             | index `charges-unbilled`: chargesUnbilledPk =       |
 * |                                         |   `CHARGES-UNBILLED#<yyyy-mm>`, chargesUnbilledSk = |
 * |                                         |   `<accountId>#<currency>#<date>#<chargeId>`;       |
 * |                                         |   removed once billed and the invoice emailed, or   |
 * |                                         |   when the charge is voided                         |
 * | a charge by its id                      | pk = `ACCOUNT#<accountId>`, sk between              |
 * |                                         |   `CHARGE#<earliest date it may carry>` and         |
 * |                                         |   `CHARGE#~`, filtered on chargeId                  |
 *
 * A charge not yet billed may be voided: one update, conditioned on its being neither billed nor
 * voided, with its timeline entry on the account; a voided charge keeps its reference (a file
 * imported again does not bring it back) and is never billed.
 */

export const chargesUnbilledIndex = 'charges-unbilled';

const chargeKey = (charge: Pick<Charge, 'accountId' | 'date' | 'chargeId'>) => ({
  pk: accountRecordPk(charge.accountId),
  sk: `CHARGE#${charge.date}#${charge.chargeId}`,
});
const referenceKey = (accountId: string, reference: string) => ({
  pk: `CHARGE-REFERENCE#${accountId}#${reference}`,
  sk: 'REFERENCE',
});
const unbilledPk = (month: string) => `CHARGES-UNBILLED#${month}`;

export interface RecordedCharge {
  charge: Charge;
  /** False when the reference had recorded this same charge before (a re-import, a retry). */
  created: boolean;
}

/** The account already has a different charge under this reference. */
export class ChargeReferenceUsed extends Conflict {
  constructor(readonly reference: string) {
    super(`Reference ${reference} is already used by another charge of this account`);
  }
}

/** Why a charge could not be voided: billed meanwhile, voided before, or not there. */
export type VoidOutcome = 'voided' | 'already-voided' | 'billed' | 'missing';

export interface ChargeVoid {
  charge: Charge;
  reason: string;
  by: { staffId: string; name: string };
  at: string;
  timeline: TimelineEntry;
}

export interface ChargeStore {
  /** Records a charge once per account and reference. */
  record(charge: Charge): Promise<RecordedCharge>;
  /** The charge an account's reference recorded, if any. */
  byReference(accountId: string, reference: string): Promise<Charge | undefined>;
  /** Unbilled charges of a month (from the index: may lag a moment behind a billing). */
  unbilledOfMonth(month: string): Promise<Charge[]>;
  /**
   * One account's charges of a month in a currency still on the index, read consistently:
   * unbilled ones, and billed ones (`billedRequest`) whose invoice was not yet emailed.
   */
  pendingOf(accountId: string, month: string, currency: string): Promise<Charge[]>;
  /** Transaction items marking charges billed by a request; fail if one was billed already. */
  billedWrites(charges: readonly Charge[], requestKey: string): Record<string, unknown>[];
  /** After the invoice went out: notes its number and takes the charges off the index. */
  finishBilling(charges: readonly Charge[], invoiceNumber: string): Promise<void>;
  /** An account's charges, newest first. */
  ofAccount(accountId: string, limit: number): Promise<Charge[]>;
  /** A charge of an account by id, dated `from` or later (see `earliestChargeDate`). */
  get(accountId: string, chargeId: string, from: string): Promise<Charge | undefined>;
  /** Voids a charge not yet billed, with its timeline entry; a second void finds it voided. */
  void(change: ChargeVoid): Promise<VoidOutcome>;
  /** True while none of these charges was billed or voided (read consistently). */
  stillUnbilled(charges: readonly Charge[]): Promise<boolean>;
}

export function chargeStore(table: Table): ChargeStore {
  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  async function byReference(accountId: string, reference: string) {
    const pointer = await get(referenceKey(accountId, reference));
    if (!pointer) return undefined;
    const item = await get({ pk: accountRecordPk(accountId), sk: String(pointer.chargeSk) });
    return item ? toCharge(item) : undefined;
  }

  async function query(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          ...input,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  return {
    byReference,

    async record(charge) {
      const key = chargeKey(charge);
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...referenceKey(charge.accountId, charge.reference),
                    entity: 'charge-reference',
                    chargeSk: key.sk,
                    fingerprint: chargeFingerprint(charge),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...key,
                    entity: 'charge',
                    ...charge,
                    chargesUnbilledPk: unbilledPk(chargeMonth(charge.date)),
                    chargesUnbilledSk: `${charge.accountId}#${charge.currency}#${charge.date}#${charge.chargeId}`,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { charge, created: true };
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      }
      const pointer = await get(referenceKey(charge.accountId, charge.reference));
      if (pointer?.fingerprint !== chargeFingerprint(charge)) {
        throw new ChargeReferenceUsed(charge.reference);
      }
      const earlier = await byReference(charge.accountId, charge.reference);
      if (!earlier) throw new Error(`The charge of reference ${charge.reference} is missing`);
      return { charge: earlier, created: false };
    },

    async unbilledOfMonth(month) {
      return (
        await query({
          IndexName: chargesUnbilledIndex,
          KeyConditionExpression: 'chargesUnbilledPk = :pk',
          ExpressionAttributeValues: { ':pk': unbilledPk(month) },
        })
      ).map(toCharge);
    },

    async pendingOf(accountId, month, currency) {
      // The account's own partition, read consistently: the index may lag behind a billing.
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: 'attribute_exists(chargesUnbilledPk) AND currency = :currency',
        ExpressionAttributeValues: {
          ':pk': accountRecordPk(accountId),
          ':from': `CHARGE#${month}-01`,
          ':to': `CHARGE#${month}-31#~`,
          ':currency': currency,
        },
        ConsistentRead: true,
      });
      return items.map(toCharge);
    },

    billedWrites(charges, requestKey) {
      return charges.map((charge) => ({
        Update: {
          TableName: table.name,
          Key: chargeKey(charge),
          UpdateExpression: 'SET billedRequest = :request',
          ConditionExpression:
            'attribute_exists(chargesUnbilledPk) AND attribute_not_exists(billedRequest)',
          ExpressionAttributeValues: { ':request': requestKey },
        },
      }));
    },

    async finishBilling(charges, invoiceNumber) {
      for (const charge of charges) {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: chargeKey(charge),
            UpdateExpression:
              'SET invoiceNumber = :number REMOVE chargesUnbilledPk, chargesUnbilledSk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':number': invoiceNumber },
          }),
        );
      }
    },

    async get(accountId, chargeId, from) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        FilterExpression: 'chargeId = :id',
        ExpressionAttributeValues: {
          ':pk': accountRecordPk(accountId),
          ':from': `CHARGE#${from}`,
          ':to': 'CHARGE#~',
          ':id': chargeId,
        },
        ConsistentRead: true,
      });
      return items[0] ? toCharge(items[0]) : undefined;
    },

    async void(change) {
      const { charge } = change;
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table.name,
                  Key: chargeKey(charge),
                  UpdateExpression:
                    'SET voided = :voided REMOVE chargesUnbilledPk, chargesUnbilledSk',
                  ConditionExpression:
                    'attribute_exists(chargesUnbilledPk) AND attribute_not_exists(billedRequest) AND attribute_not_exists(voided)',
                  ExpressionAttributeValues: {
                    ':voided': { at: change.at, by: change.by, reason: change.reason },
                  },
                },
              },
              timelinePut(
                table.name,
                accountRecordPk(charge.accountId),
                `charge-voided#${charge.chargeId}`,
                change.timeline,
              ),
            ],
          }),
        );
        return 'voided';
      } catch (error) {
        if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
      }
      const now = await get(chargeKey(charge));
      if (!now) return 'missing';
      if (now.voided) return 'already-voided';
      if (now.billedRequest || now.invoiceNumber) return 'billed';
      throw new Error(`Charge ${charge.chargeId} could not be voided and is unchanged`);
    },

    async stillUnbilled(list) {
      for (const charge of list) {
        const item = await get(chargeKey(charge));
        if (!item?.chargesUnbilledPk || item.billedRequest || item.voided) return false;
      }
      return true;
    },

    async ofAccount(accountId, limit) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': accountRecordPk(accountId), ':sk': 'CHARGE#' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map(toCharge);
    },
  };
}

function toCharge(item: Record<string, unknown>): Charge {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    chargesUnbilledPk: _upk,
    chargesUnbilledSk: _usk,
    ...charge
  } = item;
  return charge as unknown as Charge;
}
