import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { accountActivityStore } from '../../../functions/accounts/store/account-activity';
import { invoiceDocuments } from '../../../functions/invoicing/invoice-documents';
import { outbox } from '../../../functions/messages/outbox';
import { sesSender } from '../../../functions/messages/ses';
import { outboxStore } from '../../../functions/messages/store/outbox-store';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { runDailyJob } from '../../../functions/shared/jobs/runner';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import { statementDocumentKey } from '../../../functions/statements/mail/statement-email';
import { type StatementItem, statementsJob } from '../../../functions/statements/statements-job';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localNames } from '../../../infra/local/names';
import { emailsTo } from '../../support/local-cloud-clients';
import { seeded } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { pdfText } from '../../support/pdf-text';
import { signInAs } from '../../support/staff-session';
import { statementFixtures, zone } from '../../support/statement-fixtures';

/**
 * Monthly statements on the local cloud: the statements job run on the 1st (through the job
 * runner, as the schedule and the CLI run it) against DynamoDB Local, the documents bucket and
 * the SES mailbox. Each test has its own months in 2039–2040 and its own job name, so the runs
 * never reach another test's accounts.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const s3 = new S3Client({
  endpoint: cloud.s3Endpoint,
  region: cloud.region,
  credentials: localCredentials,
  forcePathStyle: true,
});
const ses = new SESv2Client({
  endpoint: cloud.sesEndpoint,
  region: cloud.region,
  credentials: localCredentials,
});
const documents = invoiceDocuments(localNames.documentsBucket, s3);
const box = outbox(outboxStore(table), sesSender(ses), {
  documents: {
    async read(key) {
      const bytes = await documents.read(key);
      if (!bytes) throw new Error(`No document ${key}`);
      return bytes;
    },
  },
});
const env = {
  table,
  settings: settingsStore(table),
  outbox: box,
  sender: 'desk@desk.local',
  zone,
  documents,
};
const fixtures = statementFixtures(table, { outbox: box, documents });
const runs = jobStore(table);

afterAll(() => {
  table.client.destroy();
  s3.destroy();
  ses.destroy();
});

/** A statements job of its own (its own completed dates), run for the end of `date`. */
function statementRun(label: string) {
  const job = { ...statementsJob(env), name: `statements-test-${label}-${Date.now()}` };
  return {
    job,
    run: (date: string, override = job, now?: Date) =>
      runDailyJob(override, runs, {
        asOf: DateTime.fromISO(date, { zone }).endOf('day').toJSDate(),
        zone,
        now: () => now ?? new Date(),
      }),
  };
}

const statementsTo = async (address: string) =>
  (await emailsTo(cloud, address)).filter((e) => e.subject.startsWith('Your statement'));

describe('monthly statements', () => {
  it('an invoice, a partial payment, a credit note and a write-off: the exact statement, once', async () => {
    const a = await fixtures.account();
    const first = await a.invoice('2039-02-10'); // due 12 March
    const second = await a.invoice('2039-03-05'); // due 4 April
    await a.pay('2039-03-15', 5_000, 'TRX 315'); // oldest first: 74.00 left of the first
    const cn = await a.credit('2039-03-20', second.number, 1_000); // 12.40 off the second
    const wo = await a.writeOff('2039-03-25', 2_000); // 54.00 left of the first
    // Early April, before the run: on April's statement, never March's.
    await a.pay('2039-04-01', 1_000, 'TRX 401');

    const { run } = statementRun('exact');
    expect((await run('2039-03-31')).sent).toBe(0); // not the statement day
    const summary = await run('2039-04-01');
    expect(summary).toMatchObject({ dates: ['2039-04-01'], sent: 1, failed: 0 });

    const emails = await statementsTo(a.email);
    expect(emails.map((e) => e.subject)).toEqual(['Your statement for March 2039']);
    const text = emails[0]?.body.text ?? '';
    expect(text).toContain('Opening balance: €124.00');
    expect(text).toContain(
      [
        `March 5, 2039 · Invoice ${second.number}: €124.00 → €248.00`,
        'March 15, 2039 · Payment TRX 315: -€50.00 → €198.00',
        `March 20, 2039 · Credit note ${cn.number}: -€12.40 → €185.60`,
        `March 25, 2039 · Write-off ${wo.writeOffId}: -€20.00 → €165.60`,
      ].join('\n'),
    );
    expect(text).toContain('Closing balance: €165.60');
    expect(text).not.toContain('TRX 401');
    expect(text).not.toContain(first.number); // issued in February: in the opening balance
    expect(text).toContain(
      [
        'Current: €111.60',
        '1–30 days: €54.00',
        '31–60 days: €0.00',
        '61–90 days: €0.00',
        'Over 90 days: €0.00',
      ].join('\n'),
    );
    const attachment = emails[0]?.attachments[0];
    expect(attachment?.filename).toBe('statement-2039-03.pdf');

    // The PDF is archived once, and it is the one attached.
    const archived = await documents.read(statementDocumentKey(a.accountId, '2039-03'));
    expect(archived).toBeDefined();
    expect(
      Buffer.from(attachment?.content ?? '', 'base64').equals(Buffer.from(archived ?? [])),
    ).toBe(true);
    const pdf = await pdfText(archived ?? new Uint8Array());
    for (const part of [
      'Statement of account',
      '€124.00',
      '-€50.00',
      cn.number,
      '€165.60',
      '€54.00',
    ]) {
      expect(pdf).toContain(part);
    }

    // The back office lists the month with its balances, and gives the same PDF.
    const manager = await signInAs(cloud, seeded.manager);
    const accountPage = await (
      await manager.fetch(`/office/accounts/${a.accountId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(accountPage).toContain(`/office/accounts/${a.accountId}/statements`);
    const list = await manager.fetch(`/office/accounts/${a.accountId}/statements`, {
      headers: { accept: 'text/html' },
    });
    expect(list.status).toBe(200);
    const listed = await list.text();
    expect(listed).toContain('2039-03');
    expect(listed).toContain('€124.00');
    expect(listed).toContain('€165.60');
    const download = await manager.fetch(`/office/accounts/${a.accountId}/statements/2039-03/pdf`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(archived ?? []))).toBe(
      true,
    );
    const none = await manager.fetch(`/office/accounts/${a.accountId}/statements/2039-02/pdf`);
    expect(none.status).toBe(404);
  });

  it('an account with only a balance carried forward gets one; an account with nothing gets none', async () => {
    const owing = await fixtures.account({ language: 'de' });
    await owing.invoice('2039-05-10');
    const settled = await fixtures.account();
    const invoice = await settled.invoice('2039-05-12');
    await settled.pay('2039-05-20', invoice.totals.total.amountMinor, 'Paid in full');
    const { run } = statementRun('carried');

    await run('2039-06-01');
    expect((await statementsTo(settled.email)).map((e) => e.subject)).toEqual([
      'Your statement for May 2039',
    ]);
    expect(await emailsTo(cloud, owing.email)).toHaveLength(1); // German: its subject below
    // June: nothing happened to either. The owing account is found through its carried balance.
    expect(await accountActivityStore(table).accountsActiveIn('2039-06')).toContain(
      owing.accountId,
    );
    await run('2039-07-01');
    const german = (await emailsTo(cloud, owing.email)).map((e) => e.subject);
    expect(german).toEqual(['Ihr Kontoauszug für Mai 2039', 'Ihr Kontoauszug für Juni 2039']);
    const june = (await emailsTo(cloud, owing.email))[1]?.body.text ?? '';
    // Intl puts a no-break space between the amount and the euro sign.
    expect(june.replaceAll('\u00a0', ' ')).toContain('Anfangssaldo: 124,00 €');
    expect(june).toContain('Keine Buchungen in diesem Monat.');
    expect(await statementsTo(settled.email)).toHaveLength(1);
  });

  it('runs twice and at once: one statement per account', async () => {
    const accounts = await Promise.all([1, 2, 3].map(() => fixtures.account()));
    for (const a of accounts) await a.invoice('2039-11-15');
    // The same job twice at once (the runner's claims), and another job (only the outbox).
    const one = statementRun('twice-a');
    const other = statementRun('twice-b');
    const results = await Promise.all([
      one.run('2039-12-01'),
      one.run('2039-12-01'),
      other.run('2039-12-01'),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    // A later run of a job that never ran finds every statement sent.
    expect(await statementRun('twice-c').run('2039-12-01')).toMatchObject({ sent: 0, skipped: 3 });
    for (const a of accounts) expect(await statementsTo(a.email)).toHaveLength(1);
  });

  it('a run killed half-way is resumed and sends only what was not sent', async () => {
    const accounts = await Promise.all([1, 2, 3, 4].map(() => fixtures.account()));
    for (const a of accounts) await a.invoice('2040-01-20');
    const { job, run } = statementRun('killed');
    let acted = 0;
    let killed: () => void = () => {};
    const thirdSent = new Promise<void>((resolve) => {
      killed = resolve;
    });
    // The third account's statement is sent, then the process dies before marking it (its act
    // never returns); the fourth is never reached.
    const dying = {
      ...job,
      async act(item: StatementItem, date: string, asOf: Date, now: Date) {
        const outcome = await job.act(item, date, asOf, now);
        if (++acted === 3) {
          killed();
          await new Promise(() => {});
        }
        return outcome;
      },
    };
    void run('2040-02-01', dying);
    await thirdSent;
    const sentSoFar = await Promise.all(
      accounts.map(async (a) => (await statementsTo(a.email)).length),
    );
    expect(sentSoFar.sort()).toEqual([0, 1, 1, 1]);

    // Run again past the 15-minute lease: the third is taken over (its email is not sent twice).
    const resumed = await run('2040-02-01', job, new Date(Date.now() + 20 * 60_000));
    expect(resumed).toMatchObject({ sent: 1, skipped: 3, failed: 0, completed: ['2040-02-01'] });
    for (const a of accounts) {
      expect((await statementsTo(a.email)).map((e) => e.subject)).toEqual([
        'Your statement for January 2040',
      ]);
    }
  });
});
