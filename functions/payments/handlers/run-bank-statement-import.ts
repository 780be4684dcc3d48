import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { accountCurrency } from '../../accounts/account-currency';
import { accountStore } from '../../accounts/store/accounts';
import { suspensionLifter } from '../../collections/arrears-suspension';
import { documentFiles } from '../../contracts/contract-documents';
import { contractStore } from '../../contracts/store/contracts';
import { invoiceStore } from '../../invoicing/store/invoices';
import { ledgerStore } from '../../invoicing/store/ledger';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { InvalidPayload } from '../../shared/errors';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { finishImport, importChunk, planImport, recordImportFailure } from '../import';
import { bankImportStore } from '../store/bank-imports';
import { paymentStore } from '../store/payments';

/**
 * The steps of the `bank-statement-import` workflow (payload `{step, importId}`):
 * `plan` answers the import's chunks; `chunk` (with `chunk`) imports that chunk's rows, once;
 * `finish` marks the import done when every chunk is; `fail` (with `error`) marks it stopped.
 * Throws `RecordMissing`, `InvalidPayload`, `ImportIncomplete`, or what a row's store threw.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const settings = settingsStore(table);
const accounts = accountStore(table);
// A row for an account kept in another currency is refused, as on the payment form.
const currencyDeps = { ledger: ledgerStore(table), accounts, contracts: contractStore(table) };
const base = {
  imports: bankImportStore(table),
  files: documentFiles(requireEnv('DOCUMENTS_BUCKET')),
  payments: paymentStore(table),
  accounts,
  currencyOf: (accountId: string) => accountCurrency(currencyDeps, accountId),
  invoices: invoiceStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  liftSuspension: suspensionLifter(table, zone),
  sender: requireEnv('SENDER_ADDRESS'),
  zone,
  onReceiptDelayed: (paymentId: string, error: Error) =>
    logger.warn('Receipt not sent now; the outbox retries it', { paymentId, error }),
};

const importId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'must be an import id' });
const payload = z.discriminatedUnion('step', [
  z.object({ step: z.literal('plan'), importId }),
  z.object({ step: z.literal('chunk'), importId, chunk: z.number().int().min(0) }),
  z.object({ step: z.literal('finish'), importId }),
  z.object({ step: z.literal('fail'), importId, error: z.string().max(500).default('') }),
]);

export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const parsed = payload.safeParse(event);
    if (!parsed.success) {
      throw new InvalidPayload(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '),
      );
    }
    const input = parsed.data;
    const now = new Date();
    switch (input.step) {
      case 'plan':
        return planImport(base, input.importId);
      case 'chunk': {
        const { rules } = await loadBusinessRules(settings);
        const tally = await importChunk(
          { ...base, company: rules.company },
          input.importId,
          input.chunk,
          now,
        );
        logger.info('Bank statement chunk imported', { importId: input.importId, ...tally });
        return tally;
      }
      case 'finish': {
        const progress = await finishImport(base, input.importId, now);
        logger.info('Bank statement imported', { importId: input.importId, ...progress });
        return progress;
      }
      case 'fail':
        logger.error('Bank statement import stopped', { ...input });
        return recordImportFailure(base, input.importId, input.error || 'unknown error', now);
    }
  });
