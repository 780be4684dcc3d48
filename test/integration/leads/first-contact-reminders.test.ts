import { describe, expect, inject, it } from 'vitest';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { staffStore } from '../../../functions/staff/store/staff-store';
import { firstContactJob } from '../../support/first-contacts';
import { emailsTo } from '../../support/local-cloud-clients';
import { fieldValue, postForm, seeded, submitLead, uniqueWord } from '../../support/office';
import { signInAs } from '../../support/staff-session';

/**
 * The daily first-contact job on the local cloud: it chases a lead awaiting first contact, and
 * nothing once the lead was contacted, lost or won.
 */

const cloud = inject('localCloud');
const day = 86_400_000;

const job = () => firstContactJob(cloud);

const about = async (address: string, subject: string) =>
  (await emailsTo(cloud, address)).filter((e) => e.subject === subject);

describe('first-contact reminders', () => {
  it('reminds the agent on day 5 and tells the supervisor on day 7, once each', async () => {
    const name = `Waiting ${uniqueWord()}`;
    const leadId = await submitLead(cloud, { name, email: `wait.${uniqueWord()}@example.org` });
    const { table, run, close } = job();
    try {
      const lead = await leadStore(table).getLead(leadId);
      expect(lead?.status).toBe('assigned');
      const assignedAt = Date.parse(lead?.assignedAt ?? '');
      // Whoever the intake chose (other tests add agents to the teams), and their supervisor.
      const directory = staffStore(table);
      const agent = (await directory.getMember(lead?.ownerId ?? ''))?.email ?? '';
      const team = await directory.getTeam(lead?.team ?? '');
      const supervisor = (await directory.getMember(team?.supervisorId ?? ''))?.email ?? '';
      expect(agent).not.toBe('');
      expect(supervisor).not.toBe('');
      const reminder = `Reminder: first contact with lead ${leadId}`;
      const overdue = `Overdue: first contact with lead ${leadId}`;

      await run(new Date(assignedAt + 4 * day));
      expect(await about(agent, reminder)).toHaveLength(0);

      await run(new Date(assignedAt + 5 * day + 60_000));
      await run(new Date(assignedAt + 5 * day + 120_000));
      expect(await about(agent, reminder)).toHaveLength(1);
      expect(await about(supervisor, overdue)).toHaveLength(0);

      await run(new Date(assignedAt + 7 * day + 60_000));
      await run(new Date(assignedAt + 7 * day + 120_000));
      expect(await about(supervisor, overdue)).toHaveLength(1);
      expect(await about(agent, reminder)).toHaveLength(1);

      // The first contact is logged (by the manager, who may log it on any lead): the lead leaves
      // the job's index, and nothing more is sent.
      const manager = await signInAs(cloud, seeded.manager);
      const page = await (
        await manager.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
      ).text();
      const logged = await postForm(manager, `/office/leads/${leadId}/first-contact`, {
        csrf: fieldValue(page, 'csrf') ?? '',
        version: fieldValue(page, 'version') ?? '',
      });
      expect(logged.status).toBe(303);
      expect((await leadStore(table).getLead(leadId))?.status).toBe('contacted');
      const steps = (await readTimeline(table, leadRecordPk(leadId))).map((e) => e.step);
      expect(steps).toContain('first-contact');

      await run(new Date(assignedAt + 9 * day));
      expect(await about(supervisor, overdue)).toHaveLength(1);
      expect(await about(agent, reminder)).toHaveLength(1);
    } finally {
      close();
    }
  });

  it('chases nothing once the agent marked the lead lost, with a reason', async () => {
    const name = `Lost ${uniqueWord()}`;
    const leadId = await submitLead(cloud, { name, email: `lost.${uniqueWord()}@example.org` });
    const { table, run, close } = job();
    try {
      const lead = await leadStore(table).getLead(leadId);
      const directory = staffStore(table);
      const agentEmail = (await directory.getMember(lead?.ownerId ?? ''))?.email ?? '';
      const team = await directory.getTeam(lead?.team ?? '');
      const supervisor = (await directory.getMember(team?.supervisorId ?? ''))?.email ?? '';
      const assignedAt = Date.parse(lead?.assignedAt ?? '');

      // Its agent marks it lost from the lead page; a reason is required.
      const agent = await signInAs(cloud, agentEmail);
      const page = await (
        await agent.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
      ).text();
      expect(page).toContain('Mark lead as lost');
      const form = {
        csrf: fieldValue(page, 'csrf') ?? '',
        version: fieldValue(page, 'version') ?? '',
      };
      const blank = await postForm(agent, `/office/leads/${leadId}/lost`, { ...form, reason: ' ' });
      expect(blank.status).toBe(400);
      expect(await blank.text()).toContain('Say why the lead was lost');
      const lost = await postForm(agent, `/office/leads/${leadId}/lost`, {
        ...form,
        reason: 'Chose another supplier\u202E',
      });
      expect(lost.status).toBe(303);
      expect(await leadStore(table).getLead(leadId)).toMatchObject({
        status: 'lost',
        lost: { reason: 'Chose another supplier' },
      });
      const shown = await (
        await agent.fetch(`/office/leads/${leadId}`, { headers: { accept: 'text/html' } })
      ).text();
      expect(shown).toContain('Lost: Chose another supplier');
      expect(shown).not.toContain('Mark lead as lost');
      const listed = await (
        await agent.fetch(`/office/leads?status=lost&q=${encodeURIComponent(name.toLowerCase())}`, {
          headers: { accept: 'text/html' },
        })
      ).text();
      expect(listed).toContain(`/office/leads/${leadId}`);

      await run(new Date(assignedAt + 5 * day + 60_000));
      await run(new Date(assignedAt + 7 * day + 60_000));
      expect(await about(agentEmail, `Reminder: first contact with lead ${leadId}`)).toEqual([]);
      expect(await about(supervisor, `Overdue: first contact with lead ${leadId}`)).toEqual([]);
    } finally {
      close();
    }
  });
});
