import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { overdueAccount } from '../../support/arrears-fixtures';
import { cloudNow } from '../../support/local-cloud-clients';
import { decodeEntities, seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * The money overview on the finance and manager dashboards, over HTTP against the local cloud.
 * Its invoices are in Swiss francs, which no other test uses, so their figures are this test's own
 * whatever the other tests leave on the shared desk.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const html = { accept: 'text/html' };
let finance: StaffSession;
let manager: StaffSession;

beforeAll(async () => {
  [finance, manager] = await Promise.all([
    signInAs(cloud, seeded.finance),
    signInAs(cloud, seeded.manager),
  ]);
  const owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
  // The desk's business date (other tests move its clock ahead).
  const today =
    DateTime.fromJSDate(await cloudNow(cloud), { zone: 'Europe/Athens' }).toISODate() ?? '';
  for (const days of [10, 100, 400]) {
    await overdueAccount(table, { owner, dueDate: addDays(today, -days), currency: 'CHF' });
  }
});

/** The dashboard's HTML, its amounts' no-break spaces (as Intl writes them) made plain. */
const dashboard = async (session: StaffSession) =>
  decodeEntities(await (await session.fetch('/office', { headers: html })).text()).replace(
    /\u00a0/g,
    ' ',
  );

describe('the money overview', () => {
  it('shows finance what is overdue by currency and age, and where the money work is done', async () => {
    const page = await dashboard(finance);
    expect(page).toContain('Overdue in CHF: 3 invoices, CHF 372.00 in all');
    const swiss = page.slice(page.indexOf('Overdue in CHF'));
    const table = swiss.slice(0, swiss.indexOf('</table>'));
    // Other tests move the desk's clock ahead (up to a month at once): the two old invoices stay
    // over 90 days whatever they do. The unit tests pin every bucket.
    expect(table).toMatch(/Over 90 days<\/td>\s*<td[^>]*>CHF 248\.00/);
    expect(page).toContain('Emails that need a person');
    for (const path of ['/office/arrears', '/office/payments/import', '/office/charges/import']) {
      expect(page).toContain(`href="${path}"`);
    }
    expect(page).not.toContain('not part of the desk yet');
  });

  it('shows managers the same figures below the desk totals', async () => {
    const page = await dashboard(manager);
    expect(page).toContain('Desk totals');
    expect(page).toContain('Overdue in CHF: 3 invoices, CHF 372.00 in all');
  });
});
