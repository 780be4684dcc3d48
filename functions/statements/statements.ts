import type { AccountActivityStore } from '../accounts/store/account-activity';
import { type AccountStore, accountRecordPk } from '../accounts/store/accounts';
import type { InvoiceDocuments } from '../invoicing/invoice-documents';
import { companyOnDocuments } from '../invoicing/invoices';
import type { InvoiceStore } from '../invoicing/store/invoices';
import type { LedgerStore } from '../invoicing/store/ledger';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import type { WriteOffStore } from '../payments/store/write-offs';
import type { BusinessRules } from '../staff/settings/business-rules';
import { missingCompanyDetails } from '../staff/settings/company';
import {
  renderStatementEmail,
  statementDocumentKey,
  statementEmailKey,
} from './mail/statement-email';
import { renderStatementPdf } from './pdf/statement-pdf';
import {
  type MonthlyStatement,
  monthAfter,
  monthlyStatement,
  type StatementDocument,
  type StatementReduction,
  type StatementReversal,
} from './rules/statement';
import type { StatementRecordStore } from './store/statement-records';

/**
 * Monthly statements (DOMAIN.md section 7): for one account and month, read its invoices, credit
 * notes, payments and write-offs (queries by account), make the statement, keep its PDF once in
 * the documents bucket and email it once, with the PDF, through the outbox. Every step is
 * idempotent, so a run that died half-way may do it all again and the customer still gets one.
 */

export interface StatementDeps {
  accounts: Pick<AccountStore, 'get'>;
  ledger: Pick<LedgerStore, 'getBalance'>;
  invoices: Pick<InvoiceStore, 'listAccountInvoices'>;
  writeOffs: Pick<WriteOffStore, 'accountActivity'>;
  activity: Pick<AccountActivityStore, 'mark'>;
  records: Pick<StatementRecordStore, 'record'>;
  documents: InvoiceDocuments;
  outbox: Outbox;
  sender: string;
  zone: string;
}

export type StatementOutcome =
  | { kind: DeliveryOutcome; statement: MonthlyStatement }
  /** No account, no money ever, or nothing happened and nothing is owed: no statement. */
  | { kind: 'nothing'; reason: string }
  /** It prints the company's details, and they are not all filled in: sent once they are. */
  | { kind: 'waiting' };

/** Everything that moved the account's money, from its first document on. */
export async function statementInput(
  deps: Pick<StatementDeps, 'invoices' | 'writeOffs'>,
  accountId: string,
): Promise<{
  documents: StatementDocument[];
  reductions: StatementReduction[];
  reversals: StatementReversal[];
}> {
  const documents: StatementDocument[] = [];
  let after: string | undefined;
  do {
    const page = await deps.invoices.listAccountInvoices(accountId, { limit: 100, after });
    documents.push(...page.invoices);
    after = page.next;
  } while (after);
  const activity = await deps.writeOffs.accountActivity(accountId, '0000-01-01', '9999-12-31');
  const reductions: StatementReduction[] = [];
  const reversals: StatementReversal[] = [];
  for (const a of activity) {
    if (a.kind === 'payment-reversal') {
      reversals.push({
        date: a.date,
        recordedAt: a.reversal.recordedAt,
        reference: a.reversal.paymentId,
        amountMinor: a.reversal.amount.amountMinor,
        reopened: a.reversal.reopened,
      });
      continue;
    }
    const doc = a.kind === 'payment' ? a.payment : a.writeOff;
    reductions.push({
      kind: a.kind,
      date: a.date,
      recordedAt: doc.recordedAt,
      reference:
        a.kind === 'payment' ? a.payment.reference || a.payment.paymentId : a.writeOff.writeOffId,
      amountMinor: doc.amount.amountMinor,
      allocations: doc.allocations,
    });
  }
  return { documents, reductions, reversals };
}

export async function sendStatement(
  deps: StatementDeps,
  rules: Pick<BusinessRules, 'statements' | 'company'>,
  accountId: string,
  month: string,
  now: Date,
): Promise<StatementOutcome> {
  const account = await deps.accounts.get(accountId);
  if (!account) return { kind: 'nothing', reason: 'no such account' };
  const balance = await deps.ledger.getBalance(accountId);
  if (!balance) return { kind: 'nothing', reason: 'the account has no money documents' };
  const statement = monthlyStatement(
    await statementInput(deps, accountId),
    month,
    deps.zone,
    balance.currency,
    rules.statements.ageingBucketUpperBoundsDays,
  );
  if (
    statement.lines.length === 0 &&
    statement.opening.amountMinor === 0 &&
    statement.closing.amountMinor === 0
  ) {
    return { kind: 'nothing', reason: 'no activity and no balance' };
  }
  // A balance carried forward: next month's run finds the account even if nothing happens.
  if (statement.closing.amountMinor !== 0) await deps.activity.mark(accountId, monthAfter(month));
  if (missingCompanyDetails(rules.company).length > 0) return { kind: 'waiting' };

  const company = companyOnDocuments(rules.company);
  const key = statementDocumentKey(accountId, month);
  // The file comes before the message: the outbox reads it when it sends.
  if (!(await deps.documents.exists(key))) {
    await deps.documents.putOnce(
      key,
      await renderStatementPdf(statement, account, company),
      'application/pdf',
    );
  }
  await deps.records.record({
    accountId,
    month,
    currency: balance.currency,
    openingMinor: statement.opening.amountMinor,
    closingMinor: statement.closing.amountMinor,
    lineCount: statement.lines.length,
    documentKey: key,
    madeAt: now.toISOString(),
  });
  const outcome: DeliveryOutcome = await deps.outbox.deliver(
    statementEmailKey(accountId, month, account.email),
    deps.sender,
    renderStatementEmail(statement, account, company),
    now,
    { timelineOf: accountRecordPk(accountId) },
  );
  return { kind: outcome, statement };
}
