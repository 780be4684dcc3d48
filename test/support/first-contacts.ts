import { SESv2Client } from '@aws-sdk/client-sesv2';
import { remindFirstContacts } from '../../functions/leads/first-contact-reminders';
import { outbox } from '../../functions/messages/outbox';
import { sesSender } from '../../functions/messages/ses';
import { outboxStore } from '../../functions/messages/store/outbox-store';
import { settingsStore } from '../../functions/staff/settings/settings-store';
import { staffStore } from '../../functions/staff/store/staff-store';
import type { LocalCloudEndpoints } from './local-cloud-context';
import { localTable } from './staff-fixtures';

/**
 * The daily first-contact job, run for chosen business moments (as the schedule would pass its
 * `scheduledTime`) on the local cloud's table and mailbox.
 */
export function firstContactJob(cloud: LocalCloudEndpoints) {
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
