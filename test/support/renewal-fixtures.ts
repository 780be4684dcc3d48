import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { openAccountWrites } from '../../functions/accounts/store/accounts';
import {
  type Contract,
  contractEndDate,
  type ServiceKind,
} from '../../functions/contracts/rules/contract';
import { contractItem } from '../../functions/contracts/store/contracts';
import { priceQuote } from '../../functions/quotes/rules/quote';
import type { Locale } from '../../functions/shared/locales';
import type { Table } from '../../functions/shared/store/table';
import { defaultBusinessRules } from '../../functions/staff/settings/business-rules';

export const zone = 'Europe/Athens';

export interface ActiveContractOptions {
  owner: { staffId: string; team: string };
  startDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  serviceKind?: ServiceKind;
  language?: Locale;
}

/**
 * An active contract of `termMonths` from `startDate` on a new account (owned by `owner`),
 * written as activation writes it: the contract item (on the end-date index) with the account
 * and its link, in one transaction.
 */
export async function activeContract(table: Table, options: ActiveContractOptions) {
  const id = randomUUID().slice(0, 8);
  const contractId = `CON-REN-${id}`;
  const accountId = `ACC-REN-${id}`;
  const email = `renew.${id}@example.org`;
  const language = options.language ?? 'en';
  const activatedAt = DateTime.fromISO(`${options.startDate}T09:00:00`, { zone }).toJSDate();
  const quote = priceQuote(
    {
      currency: 'EUR',
      lines: [
        {
          service: 'Harbour listing',
          quantity: 1,
          unitPriceMinor: 50_000,
          discountPercent: 0,
          taxRatePercent: 24,
        },
      ],
    },
    defaultBusinessRules,
    activatedAt,
    zone,
  );
  const customer = {
    legalName: `Renew ${id} Ltd`,
    contactName: 'Rita Renew',
    email,
    addressLines: ['2 Quay Street'],
    country: 'GR',
    language,
  };
  const contract: Contract = {
    contractId,
    quoteId: `Q-REN-${id}`,
    leadId: `L-REN-${id}`,
    status: 'active',
    round: 1,
    version: 5,
    customer,
    service: { name: 'Harbour listing', needsOperatingPermit: false },
    currency: 'EUR',
    lines: quote.lines,
    overallDiscountPercent: quote.overallDiscountPercent,
    totals: quote.totals,
    taxByRate: quote.taxByRate,
    billingPlan: 'annual',
    paymentTerms: { kind: 'net', days: 30 },
    startDate: options.startDate,
    endDate: contractEndDate(options.startDate, options.termMonths),
    termMonths: options.termMonths,
    renewal: options.renewal,
    ...(options.serviceKind ? { serviceKind: options.serviceKind } : {}),
    requiredDocuments: ['business-licence'],
    documents: [],
    agentId: options.owner.staffId,
    team: options.owner.team,
    draftedAt: activatedAt.toISOString(),
    approvals: {},
    accountId,
    activatedAt: activatedAt.toISOString(),
  };
  const entry = {
    at: activatedAt.toISOString(),
    step: 'account-opened' as const,
    summary: 'Account opened (test)',
    by: { kind: 'system' as const },
    via: 'test',
  };
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table.name, Item: contractItem(contract) } },
        ...openAccountWrites(
          table.name,
          {
            accountId,
            ...customer,
            team: options.owner.team,
            ownerId: options.owner.staffId,
            status: 'active',
            openedAt: activatedAt.toISOString(),
            version: 1,
          },
          {
            contractId,
            startDate: contract.startDate,
            endDate: contract.endDate,
            serviceName: contract.service.name,
            activatedAt: activatedAt.toISOString(),
          },
          entry,
        ),
      ],
    }),
  );
  return { contractId, accountId, email, endDate: contract.endDate };
}
