import { beforeAll, describe, expect, inject, it } from 'vitest';
import { accountWithInvoice } from '../../support/invoice-fixtures';
import { csrfOf, fieldValue, postForm, seeded, staffIdOf } from '../../support/office';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * An agent records the cash and cheques they collect, the same day, on their own accounts
 * (DOMAIN.md section 4): through the account's payment form, which offers them only those
 * methods. Anything else is refused naming the field, and nothing is recorded.
 */
const cloud = inject('localCloud');
let agent: StaffSession;
let csrf: string;
let accountId: string;

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  const owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
  ({ accountId } = await accountWithInvoice(cloud, owner));
  agent = await signInAs(cloud, seeded.agentNorth);
  csrf = await csrfOf(agent);
});

const formPath = () => `/office/accounts/${accountId}/payments/new`;

async function openForm() {
  const response = await agent.fetch(formPath(), { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  const page = await response.text();
  return { page, entryKey: fieldValue(page, 'entryKey') ?? '', today: fieldValue(page, 'date') };
}

const post = (fields: Record<string, string>) =>
  postForm(agent, `/office/accounts/${accountId}/payments`, { csrf, ...fields });

describe('An agent at their own account’s payment form', () => {
  it('is offered cash and cheque only, dated today', async () => {
    const { page, today } = await openForm();
    expect(page).toContain('value="cash"');
    expect(page).toContain('value="cheque"');
    expect(page).not.toContain('value="bank-transfer"');
    expect(page).not.toContain('value="card"');
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('records the cash they collected today, once for a double click', async () => {
    const { entryKey, today } = await openForm();
    const fields = {
      entryKey,
      amount: '20.00',
      currency: 'EUR',
      date: today ?? '',
      method: 'cash',
      reference: 'Receipt 0042',
    };
    const first = await post(fields);
    const second = await post(fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const shown = await agent.fetch(first.headers.get('location') ?? '', {
      headers: { accept: 'text/html' },
    });
    expect(await shown.text()).toContain('Receipt 0042');
  });

  it('is refused a bank transfer, or cash dated another day, naming the field', async () => {
    const { entryKey, today } = await openForm();
    const base = { entryKey, amount: '5.00', currency: 'EUR', reference: 'Slip 7' };
    const transfer = await post({ ...base, date: today ?? '', method: 'bank-transfer' });
    expect(transfer.status).toBe(400);
    expect(await transfer.text()).toContain('agents record the cash and cheques they collect');

    const late = await post({ ...base, date: '2020-01-02', method: 'cash' });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(`recorded the day they are collected: today is ${today}`);
  });
});
