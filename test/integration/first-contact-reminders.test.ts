import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, inject, it } from 'vitest';
import { remindFirstContacts } from '../../functions/core/first-contact-reminders';
import { outbox } from '../../functions/core/mail/outbox';
import { sesSender } from '../../functions/core/mail/ses';
import { leadRecordPk } from '../../functions/core/store/lead-keys';
import { leadStore } from '../../functions/core/store/lead-store';
import { outboxStore } from '../../functions/core/store/outbox-store';
import { settingsStore } from '../../functions/core/store/settings-store';
import { staffStore } from '../../functions/core/store/staff-store';
import { readTimeline } from '../../functions/core/store/timeline';
import { emailsTo } from '../support/local-cloud-clients';
import { fieldValue, postForm, seeded, submitLead, uniqueWord } from '../support/office';
import { localTable } from '../support/staff-fixtures';
import { signInAs } from '../support/staff-session';

/**
 * The daily first-contact job, run for chosen business moments (as the schedule would pass its
 * `scheduledTime`) on the local cloud's table and mailbox.
 */

const cloud = inject('localCloud');
const day = 86_400_000;

function job() {
  const table = localTable(cloud);
  const ses = new SESv2Client({
    endpoint: cloud.sesEndpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const deps = {
    table,
    staff: staffStore(table),
    settings: settingsStore(table),
    outbox: outbox(outboxStore(table), sesSender(ses)),
    sender: 'desk@desk.local',
    zone: 'Europe/Athens',
  };
  return {
    table,
    run: (asOf: Date) => remindFirstContacts(deps, asOf, new Date()),
    close: () => {
      table.client.destroy();
      ses.destroy();
    },
  };
}

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
});
