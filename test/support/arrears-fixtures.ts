import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { accountRecordPk, openAccountWrites } from '../../functions/accounts/store/accounts';
import { type ContractBilling, invoiceDraft } from '../../functions/invoicing/rules/invoice';
import {
  invoiceNumberStore,
  type StoredInvoice,
} from '../../functions/invoicing/store/invoice-numbers';
import type { Locale } from '../../functions/shared/locales';
import { addDays } from '../../functions/shared/rules/job-dates';
import type { Table } from '../../functions/shared/store/table';

export const zone = 'Europe/Athens';

export interface OverdueAccount {
  accountId: string;
  email: string;
  invoice: StoredInvoice;
}

/**
 * An active account (owned by `owner`) with one invoice of 124.00 (EUR unless told) due on `dueDate`,
 * issued 30 days before it, written through the stores as activation and invoicing do (so the
 * ledger holds it and the invoice is on the open-by-due index).
 */
export async function overdueAccount(
  table: Table,
  options: {
    owner: { staffId: string; team: string };
    dueDate: string;
    language?: Locale;
    currency?: string;
  },
): Promise<OverdueAccount> {
  const id = randomUUID().slice(0, 8);
  const accountId = `ACC-ARR-${id}`;
  const contractId = `CON-ARR-${id}`;
  const email = `late.${id}@example.org`;
  const language = options.language ?? 'en';
  const issueDate = addDays(options.dueDate, -30);
  const issuedAt = DateTime.fromISO(`${issueDate}T12:00:00`, { zone }).toJSDate();
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: openAccountWrites(
        table.name,
        {
          accountId,
          legalName: `Late ${id} Ltd`,
          contactName: 'Lars Late',
          email,
          addressLines: ['1 Main Street'],
          country: 'DE',
          language,
          team: options.owner.team,
          ownerId: options.owner.staffId,
          status: 'active',
          openedAt: issuedAt.toISOString(),
          version: 1,
        },
        {
          contractId,
          startDate: issueDate,
          endDate: addDays(issueDate, 364),
          serviceName: 'Membership',
          activatedAt: issuedAt.toISOString(),
        },
        {
          at: issuedAt.toISOString(),
          step: 'account-opened',
          summary: 'Account opened (test)',
          by: { kind: 'system' },
          via: 'test',
        },
      ),
    }),
  );
  const billing: ContractBilling = {
    contractId,
    accountId,
    customer: { name: `Late ${id} Ltd`, addressLines: ['1 Main Street'] },
    language,
    currency: options.currency ?? 'EUR',
    lines: [
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: 10_000,
        discountPercent: 0,
        taxRatePercent: 24,
      },
    ],
    billingPlan: 'one-off',
    paymentTerms: { kind: 'net', days: 30 },
    startDate: issueDate,
    endDate: addDays(issueDate, 364),
  };
  const { invoice } = await invoiceNumberStore(table).issueInvoice(
    invoiceDraft(billing, undefined),
    `test-arrears#${contractId}`,
    issuedAt,
    zone,
  );
  if (invoice.dueDate !== options.dueDate) {
    throw new Error(`The fixture's invoice falls due ${invoice.dueDate}, not ${options.dueDate}`);
  }
  return { accountId, email, invoice };
}

/** Puts an account on hold (a dispute), or releases it (`undefined`), as staff would. */
export async function setHold(
  table: Table,
  accountId: string,
  reason: string | undefined,
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: { pk: accountRecordPk(accountId), sk: 'ACCOUNT' },
      UpdateExpression: reason === undefined ? 'REMOVE #hold' : 'SET #hold = :hold',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#hold': 'hold' },
      ...(reason === undefined
        ? {}
        : {
            ExpressionAttributeValues: {
              // A dispute with no end in sight, set long ago.
              ':hold': {
                kind: 'dispute',
                reason,
                from: '2000-01-01',
                until: '9999-12-31',
                setBy: { staffId: 'fixture', name: 'Fixture' },
                setAt: '2000-01-01T00:00:00.000Z',
              },
            },
          }),
    }),
  );
}
