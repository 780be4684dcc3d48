import { describe, expect, it } from 'vitest';
import {
  leadAssignedNoticeKey,
  renderLeadAssignedNotice,
} from '../../../functions/leads/mail/lead-assigned-notice';

const lead = {
  leadId: '01JX0000000000000000000000',
  name: 'Maria <b>Papadopoulou</b>',
  company: 'Olive Grove Ltd',
  interest: 'Office cleaning',
  firstContactDueAt: '2026-05-08T09:00:00.000Z',
};

describe("the agent's notice of a new lead", () => {
  it('names the prospect, the lead and the first-contact date; escapes the HTML part', () => {
    const email = renderLeadAssignedNotice(lead, { name: 'Bea Agent' });
    // What the prospect typed is in the body only: the subject names the lead.
    expect(email.subjectLine).toBe(`New lead for you: lead ${lead.leadId}`);
    expect(email.text).toContain('Olive Grove Ltd');
    expect(email.text).toContain(lead.leadId);
    expect(email.text).toContain('by 2026-05-08');
    expect(email.html).toContain('Maria &lt;b&gt;Papadopoulou&lt;/b&gt;');
    expect(email.html).not.toContain('<b>');
  });

  it('is keyed by lead and agent: a rerun sends nothing twice, a new owner is told', () => {
    const bea = { staffId: 'S1', email: 'bea@desk.local' };
    const alex = { staffId: 'S2', email: 'alex@desk.local' };
    expect(leadAssignedNoticeKey(lead, bea)).toEqual(leadAssignedNoticeKey(lead, bea));
    expect(leadAssignedNoticeKey(lead, bea)).not.toEqual(leadAssignedNoticeKey(lead, alex));
  });
});
