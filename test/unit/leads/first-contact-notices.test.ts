import { describe, expect, it } from 'vitest';
import {
  firstContactKey,
  renderFirstContactOverdue,
  renderFirstContactReminder,
} from '../../../functions/leads/mail/first-contact-notices';
import { firstContactDuePartition, listAttributes } from '../../../functions/leads/store/lead-keys';

const lead = {
  leadId: '01JX0000000000000000000000',
  name: 'Ada <i>Lovelace</i>',
  email: 'ada@example.org',
  country: 'GB',
  language: 'en' as const,
  interest: 'Office cleaning',
  source: 'web-form' as const,
  receivedAt: '2026-05-01T07:00:00.000Z',
  status: 'assigned' as const,
  ownerId: 'S1',
  ownerName: 'Alex Agent',
  team: 'north',
  assignedAt: '2026-05-01T07:00:05.000Z',
  firstContactDueAt: '2026-05-08T07:00:05.000Z',
  version: 2,
};

describe('first-contact notices', () => {
  it('name the lead and its due date, escaped in HTML', () => {
    const reminder = renderFirstContactReminder(lead);
    expect(reminder.text).toContain('due by 2026-05-08');
    expect(reminder.html).toContain('Ada &lt;i&gt;Lovelace&lt;/i&gt;');
    expect(renderFirstContactOverdue(lead, 'Sam Supervisor').text).toContain('Alex Agent');
  });

  it('are keyed by step and owner: a rerun sends nothing twice, a new owner starts afresh', () => {
    const key = firstContactKey(lead, 'reminder', 'alex@desk.local');
    expect(firstContactKey(lead, 'reminder', 'alex@desk.local')).toEqual(key);
    expect(firstContactKey(lead, 'overdue', 'alex@desk.local')).not.toEqual(key);
    expect(firstContactKey({ ...lead, ownerId: 'S2' }, 'reminder', 'alex@desk.local')).not.toEqual(
      key,
    );
  });
});

describe('the first-contact index', () => {
  it('holds an assigned lead with a due date, and drops it once contacted', () => {
    expect(listAttributes(lead)).toMatchObject({
      firstContactPk: firstContactDuePartition,
      firstContactSk: `${lead.firstContactDueAt}#${lead.leadId}`,
    });
    expect(listAttributes({ ...lead, status: 'contacted' })).not.toHaveProperty('firstContactPk');
    const { firstContactDueAt: _, ...undated } = lead;
    expect(listAttributes(undated)).not.toHaveProperty('firstContactPk');
  });
});
