import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { openAccountWrites } from '../../functions/accounts/store/accounts';
import { contractBilling, draftContractFromQuote } from '../../functions/contracts/rules/contract';
import { contractItem } from '../../functions/contracts/store/contracts';
import type { JobEnvironment } from '../../functions/daily-job/job-environment';
import { type BillingItem, billingJob } from '../../functions/invoicing/billing-job';
import { invoiceDocuments } from '../../functions/invoicing/invoice-documents';
import { issueFirstInvoice } from '../../functions/invoicing/invoices';
import type { BillingPlan } from '../../functions/invoicing/rules/invoice';
import { billingTermStore } from '../../functions/invoicing/store/billing-terms';
import { invoiceNumberStore } from '../../functions/invoicing/store/invoice-numbers';
import { invoiceStore } from '../../functions/invoicing/store/invoices';
import { documentsBucket } from '../../functions/messages/attachments';
import { outbox } from '../../functions/messages/outbox';
import { sesSender } from '../../functions/messages/ses';
import { outboxStore } from '../../functions/messages/store/outbox-store';
import { priceQuote } from '../../functions/quotes/rules/quote';
import { waitingForCompanyDetails } from '../../functions/shared/jobs/item-attempts';
import { billingItemId } from '../../functions/shared/jobs/item-records';
import { jobStore } from '../../functions/shared/jobs/job-store';
import { type DailyJob, runDailyJob } from '../../functions/shared/jobs/runner';
import type { Locale } from '../../functions/shared/locales';
import type { Table } from '../../functions/shared/store/table';
import { defaultBusinessRules } from '../../functions/staff/settings/business-rules';
import type { CompanyDetailsSetting } from '../../functions/staff/settings/company';
import { settingsStore } from '../../functions/staff/settings/settings-store';
import { localCredentials } from '../../infra/local/aws-clients';
import { localNames } from '../../infra/local/names';
import { emailsTo } from './local-cloud-clients';
import type { LocalCloudEndpoints } from './local-cloud-context';
import { testCompany } from './settings';

/**
 * Billing on the local cloud: the job environment the billing run is built from (DynamoDB Local,
 * the SES mailbox, the documents bucket), and an active account with a signed recurring contract
 * whose first invoice went through `issueFirstInvoice` as the contract workflow does (so its
 * billing term was recorded there).
 */

export const zone = 'Europe/Athens';

export function billingEnvironment(cloud: LocalCloudEndpoints, table: Table) {
  const ses = new SESv2Client({
    endpoint: cloud.sesEndpoint,
    region: cloud.region,
    credentials: localCredentials,
  });
  const s3 = new S3Client({
    endpoint: cloud.s3Endpoint,
    region: cloud.region,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  // The outbox reads invoice PDFs from the bucket a function's declaration names.
  const saved = process.env.DOCUMENTS_BUCKET;
  process.env.DOCUMENTS_BUCKET = localNames.documentsBucket;
  const env: JobEnvironment = {
    table,
    settings: settingsStore(table),
    outbox: outbox(outboxStore(table), sesSender(ses), { documents: documentsBucket(s3) }),
    sender: 'desk@desk.local',
    zone,
    documents: invoiceDocuments(localNames.documentsBucket, s3),
  };
  const close = () => {
    ses.destroy();
    s3.destroy();
    if (saved === undefined) delete process.env.DOCUMENTS_BUCKET;
    else process.env.DOCUMENTS_BUCKET = saved;
  };
  return { env, close };
}

/** An instant of a business date in the company's zone (noon unless told). */
export const at = (date: string, time = '12:00') =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();

export interface SignedContract {
  accountId: string;
  contractId: string;
  email: string;
  /** The first invoice's number when it was issued at signing. */
  firstInvoice: string | null;
}

/**
 * An account with an active contract of 100.00 EUR (or `currency`) + 24 % per period (`plan`,
 * `prepaid` or net 30), signed on `signedOn`, starting `startDate` for `termMonths`.
 */
export async function signedContract(
  env: JobEnvironment,
  options: {
    owner: { staffId: string; team: string };
    plan: BillingPlan;
    prepaid: boolean;
    startDate: string;
    termMonths: number;
    signedOn: string;
    language?: Locale;
    /** A one-off setup fee (net, + 24 %), billed once with the first invoice. */
    setupFeeMinor?: number;
    currency?: string;
    /** The company's details the first invoice is issued with (complete by default). */
    company?: CompanyDetailsSetting;
    /**
     * The job name its first invoice is listed under when it waits for the company's details
     * (as the contract workflow's step lists it under `billing`).
     */
    waitingList?: string;
  },
): Promise<SignedContract> {
  const id = randomUUID().slice(0, 8);
  const accountId = `ACC-BIL-${id}`;
  const email = `billed.${id}@example.org`;
  const language = options.language ?? 'en';
  const signedAt = at(options.signedOn);
  const customer = {
    legalName: `Billed ${id} Ltd`,
    contactName: 'Bea Billed',
    email,
    addressLines: ['2 Market Street'],
    country: 'GR',
    language,
  };
  const quote = priceQuote(
    {
      currency: options.currency ?? 'EUR',
      lines: [
        {
          service: 'Membership',
          quantity: 1,
          unitPriceMinor: 10_000,
          discountPercent: 0,
          taxRatePercent: 24,
        },
        ...(options.setupFeeMinor
          ? [
              {
                service: 'Setup',
                quantity: 1,
                unitPriceMinor: options.setupFeeMinor,
                discountPercent: 0,
                taxRatePercent: 24,
                oneOff: true,
              },
            ]
          : []),
      ],
      paymentTermsDays: 30,
    },
    defaultBusinessRules,
    signedAt,
    zone,
  );
  const draft = draftContractFromQuote(
    {
      quoteId: `QUO-BIL-${id}`,
      leadId: `LEAD-BIL-${id}`,
      status: 'accepted',
      quote,
      customer,
      service: { name: 'Membership', needsOperatingPermit: false },
      billingPlan: options.plan,
      startDate: options.startDate,
      termMonths: options.termMonths,
      renewal: 'manual',
      agentId: options.owner.staffId,
      team: options.owner.team,
      prepaid: options.prepaid,
    },
    `CON-BIL-${id}`,
    signedAt,
  );
  const contract = {
    ...draft,
    status: 'active' as const,
    accountId,
    activatedAt: signedAt.toISOString(),
  };
  await env.table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        ...openAccountWrites(
          env.table.name,
          {
            accountId,
            legalName: customer.legalName,
            contactName: customer.contactName,
            email,
            addressLines: customer.addressLines,
            country: 'GR',
            language,
            team: options.owner.team,
            ownerId: options.owner.staffId,
            status: 'active',
            openedAt: signedAt.toISOString(),
            version: 1,
          },
          {
            contractId: contract.contractId,
            startDate: contract.startDate,
            endDate: contract.endDate,
            serviceName: 'Membership',
            activatedAt: signedAt.toISOString(),
          },
          {
            at: signedAt.toISOString(),
            step: 'account-opened',
            summary: 'Account opened (test)',
            by: { kind: 'system' },
            via: 'test',
          },
        ),
      ],
    }),
  );
  await env.table.client.send(
    new PutCommand({ TableName: env.table.name, Item: contractItem(contract) }),
  );
  const result = await issueFirstInvoice(
    {
      numbers: invoiceNumberStore(env.table),
      terms: billingTermStore(env.table),
      documents: env.documents as NonNullable<JobEnvironment['documents']>,
      outbox: env.outbox,
      sender: env.sender,
      zone,
      company: options.company ?? testCompany,
    },
    contractBilling(contract, accountId),
    signedAt,
  );
  if ('waitingFor' in result && options.waitingList) {
    const itemId = billingItemId({ kind: 'first-invoice', contractId: contract.contractId });
    const key = { job: options.waitingList, date: options.signedOn, itemId };
    await jobStore(env.table).recordWaiting(key, waitingForCompanyDetails, new Date());
  }
  return { accountId, contractId: contract.contractId, email, firstInvoice: result.invoiceNumber };
}

export interface BilledInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  period?: string;
  totalMinor: number;
}

/** An account's invoices, oldest first, as the account page lists them. */
export async function invoicesOf(table: Table, accountId: string): Promise<BilledInvoice[]> {
  const { invoices } = await invoiceStore(table).listAccountInvoices(accountId, { limit: 100 });
  return invoices
    .map((i) => ({
      number: i.number,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      ...(i.period ? { period: `${i.period.start}..${i.period.end}` } : {}),
      totalMinor: i.totals.total.amountMinor,
    }))
    .sort((a, b) => (a.number < b.number ? -1 : 1));
}

/** The invoice numbers emailed to an address (each once, if the desk is right). */
export async function invoicesEmailedTo(cloud: LocalCloudEndpoints, address: string) {
  return (await emailsTo(cloud, address))
    .map((e) => /INV-\d{4}-\d{6}/.exec(e.subject)?.[0])
    .filter((n): n is string => n !== undefined)
    .sort();
}

/**
 * A billing job of its own name (its own completed dates) that acts only on the contracts and
 * accounts in `ours`: the items still come from the run's indexes, but tests sharing the local
 * cloud (and the simulated year) never bill each other's contracts.
 */
export function billingRunner(env: JobEnvironment, ours: ReadonlySet<string>, name?: string) {
  const runs = jobStore(env.table);
  let count = 0;
  return (label: string) => {
    count += 1;
    const job = billingJob(env);
    const own: DailyJob<BillingItem> = {
      ...job,
      name: name ?? `billing-test-${label}-${Date.now()}-${count}`,
      items: async (date, asOf) =>
        (await job.items(date, asOf)).filter(({ item }) =>
          ours.has(item.kind === 'charges' ? item.accountId : item.contractId),
        ),
    };
    return (date: string) =>
      runDailyJob(own, runs, {
        asOf: DateTime.fromISO(date, { zone }).endOf('day').toJSDate(),
        zone,
        now: () => new Date(),
      });
  };
}
