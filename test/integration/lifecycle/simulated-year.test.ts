import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import type { Locale } from '../../../functions/shared/locales';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { statementText } from '../../../functions/statements/mail/statement-text';
import { seeded } from '../../support/office';
import {
  type DatedEmail,
  type JobName,
  type SimulatedCalendar,
  simulatedCalendar,
} from '../../support/simulated-year/calendar';
import { pay, setHold, signCustomer } from '../../support/simulated-year/customers';
import { type SimulatedDesk, startSimulatedDesk } from '../../support/simulated-year/desk';
import * as expected from '../../support/simulated-year/expected';
import {
  arrearsThroughTheCli,
  statementsKilledAndResumed,
} from '../../support/simulated-year/runs';
import {
  scheduleTimes,
  seoulCustomer,
  seoulEmails,
  seoulInvoices,
  seoulLastDay,
  seoulPayment,
  seoulRunDates,
  seoulSignedOn,
  seoulZone,
} from '../../support/simulated-year/seoul';
import {
  type Action,
  cliArrearsDate,
  customers,
  firstDay,
  type Key,
  killedStatementsDate,
  lastDay,
  offline,
  story,
  zone,
} from '../../support/simulated-year/story';

/**
 * Issue 6's "done when": a year of the money side on a desk of its own (its own local cloud, so
 * its numbers, statements and runs are exactly predictable), day by day through 2032 in
 * America/Los_Angeles. The jobs run in their schedule's order each day, twice at once (billing
 * in turn on the days it issues two invoices, so their numbers keep the day's order); a few
 * days the desk is off and the next run catches up; one arrears run goes through the CLI; one
 * statement run is killed half-way and resumed. What it must produce is written out by hand in
 * `test/support/simulated-year/expected.ts`.
 */

const keys = Object.keys(customers) as Key[];
const money = (minor: number) => (minor / 100).toFixed(2);

let desk: SimulatedDesk;
let calendar: SimulatedCalendar;
const accountOf = {} as Record<Key, string>;
const balancesSeen: Record<string, Partial<Record<Key, string>>> = {};
let emails: DatedEmail[] = [];

beforeAll(async () => {
  desk = await startSimulatedDesk(zone);
  calendar = simulatedCalendar(desk);
}, 180_000);

afterAll(async () => {
  await desk?.stop();
});

async function act(action: Action, date: string) {
  if ('sign' in action) {
    const signed = await signCustomer(desk, customers[action.sign], date);
    accountOf[action.sign] = signed.accountId;
  } else if ('pay' in action) {
    await pay(desk, accountOf[action.pay], action.amount, date, `${action.pay}-${date}`);
  } else if ('hold' in action) {
    await setHold(desk, accountOf[action.hold], action.reason);
  } else {
    await setHold(desk, accountOf[action.release], undefined);
  }
}

/** Arrears through `npm run job` (as an operator would), the day's other jobs as usual. */
async function dayWithTheCli(date: string) {
  const { stdout, again } = await arrearsThroughTheCli(desk, calendar, date);
  expect(stdout).toContain(`arrears: ${date}\nsent 1, skipped 0, failed 0`);
  // The schedule's run of the same date then finds it done.
  expect(again?.dates).toEqual([]);
}

/** Three accounts: the first done, the second sent but not marked, the third not reached. */
async function dayWithAKilledStatementRun(date: string) {
  const resumed = await statementsKilledAndResumed(calendar, date);
  expect(resumed).toMatchObject({ dates: [date], completed: [date], sent: 1, skipped: 2 });
}

/**
 * The days something is written out to happen: the story's, the expectations', and the day after
 * each stretch the desk was off. The other days are quiet: their runs are done together, before
 * the next of these days (or the next day off) begins, as the runner catches up (every date, in
 * order), and anything they send is dated "quiet days before …": never expected.
 */
const eventful = new Set<string>([
  ...Object.keys(story),
  ...Object.values(expected.customerEmails).flatMap((list) => list.map(([date]) => date)),
  ...Object.values(expected.staffEmails).flatMap((list) => list.map(([date]) => date)),
  ...expected.invoices.map(([, , , , , issued]) => issued),
  ...Object.keys(expected.balances),
  ...offline.map((date) => addDays(date, 1)).filter((date) => !offline.includes(date)),
  cliArrearsDate,
  killedStatementsDate,
  lastDay,
]);

/** Days billing issues more than one invoice: its two runs go in turn, not at once. */
const billedTogether = (date: string): readonly JobName[] =>
  expected.invoices.filter(([, , , , , issued]) => issued === date).length > 1 ? ['billing'] : [];

describe('the simulated year 2032', () => {
  it('runs every day of the year, jobs in order, each run twice at once', async () => {
    try {
      for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
        const off = (day: string) => offline.includes(day);
        if ((eventful.has(date) || off(date)) && !off(addDays(date, -1))) {
          calendar.begin(`quiet days before ${date}`);
          await calendar.catchUpAll(date);
        }
        calendar.begin(date);
        await calendar.timed('actions', async () => {
          for (const action of story[date] ?? []) await act(action, date);
        });
        if (off(date) || !eventful.has(date)) continue;
        if (date === cliArrearsDate) await dayWithTheCli(date);
        else if (date === killedStatementsDate) await dayWithAKilledStatementRun(date);
        else await calendar.runDay(date, { twice: 'at once', inTurn: billedTogether(date) });
        const wanted = expected.balances[date];
        if (wanted) {
          const seen: Partial<Record<Key, string>> = {};
          for (const key of Object.keys(wanted) as Key[]) {
            const balance = await ledgerStore(desk.table).getBalance(accountOf[key]);
            seen[key] = money(balance?.balanceMinor ?? 0);
          }
          balancesSeen[date] = seen;
        }
      }
    } finally {
      // Read even when a day failed: the emails tests then show how far the year went.
      emails = calendar.emails();
    }
    console.info('simulated year, ms spent:', calendar.timings);
    expect(calendar.registered()).toEqual(['renewals', 'billing', 'arrears', 'statements']);
  }, 300_000);

  it('sends each customer exactly the emails written out, once each and in order', async () => {
    // The mailbox's file, read for the dates, holds what the mailbox serves.
    expect((await desk.mailbox()).map((e) => e.subject)).toEqual(emails.map((e) => e.subject));
    for (const key of keys) {
      const got = emails
        .filter((e) => e.to.some((to) => to.includes(customers[key].email)))
        .map((e) => [e.date, e.subject]);
      const want = expected.customerEmails[key].map(([date, subject]) => [
        date,
        subject instanceof RegExp ? expect.stringMatching(subject) : subject,
      ]);
      expect(got, key).toEqual(want);
    }
  });

  it('tells the staff exactly what the ladder and the renewals call for', () => {
    const addresses = {
      agent: seeded.agentNorth,
      supervisor: seeded.supervisorNorth,
      manager: seeded.manager,
    };
    for (const [who, address] of Object.entries(addresses)) {
      const got = emails.filter((e) => e.to.some((to) => to.includes(address)));
      expect(
        got.map((e) => [e.date, e.subject]),
        who,
      ).toEqual(expected.staffEmails[who as keyof typeof addresses]);
    }
  });

  it('issues exactly the invoices written out: numbers, periods, amounts and due dates', async () => {
    const store = invoiceStore(desk.table);
    const got = [];
    for (const [number] of expected.invoices) {
      const invoice = await store.get(number);
      got.push(
        invoice && [
          invoice.number,
          keys.find((key) => accountOf[key] === invoice.accountId),
          invoice.period?.start,
          invoice.period?.end,
          money(invoice.totals.total.amountMinor),
          invoice.issueDate,
          invoice.dueDate,
        ],
      );
    }
    expect(got).toEqual(expected.invoices);
    // And no other: the next number of the year was never issued.
    expect(await store.get('INV-2032-000020')).toBeUndefined();
    // Every invoice was emailed once, with its PDF.
    const pdfs = emails.flatMap((e) => e.attachments.filter((name) => name.startsWith('INV-')));
    expect(pdfs.sort()).toEqual(expected.invoices.map(([number]) => `${number}.pdf`));
  });

  it('leaves the balances written out at the chosen days', () => {
    expect(balancesSeen).toEqual(expected.balances);
  });

  it('sends each account with activity or a balance one statement a month, opening and closing as written', () => {
    const got = [];
    for (const email of emails) {
      const month = email.attachments
        .map((name) => /^statement-(\d{4}-\d{2})\.pdf$/.exec(name)?.[1])
        .find(Boolean);
      if (!month) continue;
      const key = keys.find((k) => email.to.some((to) => to.includes(customers[k].email)));
      if (!key) throw new Error(`A statement to ${email.to.join(', ')}`);
      const language = customers[key].language;
      got.push([
        key,
        month,
        amountAfter(email.text, 'opening', language),
        amountAfter(email.text, 'closing', language),
      ]);
    }
    const want = expected.statements.map(([key, month, opening, closing]) => [
      key,
      month,
      euros(opening, customers[key].language),
      euros(closing, customers[key].language),
    ]);
    expect(got.sort(byKeyAndMonth)).toEqual(want.sort(byKeyAndMonth));
  });

  it('publishes exactly the events written out, once each', async () => {
    const got = (await desk.published()).map((e) => [e['detail-type'], e.detail]);
    const want = expected.events.map(([type, key, detail]) => [
      type,
      expect.objectContaining({ accountId: accountOf[key], ...detail }),
    ]);
    expect(got).toEqual(want);
  });
});

describe('the second zone: Asia/Seoul, jobs at their schedule’s morning times', () => {
  it('dates every run, invoice and statement by Seoul’s day, not UTC’s', async () => {
    const seoulDesk: SimulatedDesk = {
      ...desk,
      zone: seoulZone,
      env: { ...desk.env, zone: seoulZone },
    };
    const seoul = simulatedCalendar(seoulDesk, {
      suffix: '-seoul',
      timeOf: (name) => scheduleTimes[name],
    });
    let accountId = '';
    for (let date = seoulRunDates[0] ?? ''; date <= seoulLastDay; date = addDays(date, 1)) {
      seoul.begin(date);
      // The jobs run in the morning; what people do comes after.
      if (seoulRunDates.includes(date)) await seoul.runDay(date, { twice: 'at once' });
      if (date === seoulSignedOn[0]) {
        accountId = (await signCustomer(seoulDesk, seoulCustomer, date, seoulSignedOn[1]))
          .accountId;
      }
      if (date === seoulPayment.date) {
        await pay(seoulDesk, accountId, seoulPayment.amount, date, `seoul-${date}`);
      }
    }
    const got = seoul
      .emails()
      .filter((e) => e.to.some((to) => to.includes(seoulCustomer.email)))
      .map((e) => [e.date, e.subject]);
    expect(got).toEqual(
      seoulEmails.map(([date, subject]) => [
        date,
        subject instanceof RegExp ? expect.stringMatching(subject) : subject,
      ]),
    );
    const store = invoiceStore(desk.table);
    const invoices = [];
    for (const [number] of seoulInvoices) {
      const invoice = await store.get(number ?? '');
      invoices.push(
        invoice && [
          invoice.number,
          invoice.period?.start,
          invoice.period?.end,
          invoice.issueDate,
          invoice.dueDate,
        ],
      );
    }
    expect(invoices).toEqual(seoulInvoices);
  }, 120_000);
});

const byKeyAndMonth = (a: unknown[], b: unknown[]) =>
  `${a[0]}#${a[1]}`.localeCompare(`${b[0]}#${b[1]}`);

/** An amount as the customer's language writes euros. */
function euros(amount: string, language: Locale): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(
    amount as unknown as number,
  );
}

/** The amount written after the statement's opening or closing label. */
function amountAfter(text: string, label: 'opening' | 'closing', language: Locale) {
  const words = statementText[language][label];
  const line = text.split('\n').find((l) => l.includes(words));
  return line
    ?.slice(line.indexOf(words) + words.length)
    .replace(/^[\s:：]+/, '')
    .trim();
}
