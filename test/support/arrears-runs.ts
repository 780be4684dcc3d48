import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { outbox } from '../../functions/messages/outbox';
import { sesSender } from '../../functions/messages/ses';
import { outboxStore } from '../../functions/messages/store/outbox-store';
import { eventBridgeBus, eventPublisher } from '../../functions/shared/events';
import { eventStore } from '../../functions/shared/store/event-store';
import type { Table } from '../../functions/shared/store/table';
import { settingsStore } from '../../functions/staff/settings/settings-store';
import { localCredentials } from '../../infra/local/aws-clients';
import { localNames } from '../../infra/local/names';
import { zone } from './arrears-fixtures';
import type { LocalCloudEndpoints } from './local-cloud-context';

/**
 * What the arrears job runs with on the local cloud, as its function builds it: the table, the
 * settings, the outbox sending through the SES mailbox, and the events endpoint.
 */
export function arrearsEnvironment(cloud: LocalCloudEndpoints, table: Table) {
  const ses = new SESv2Client({
    endpoint: cloud.sesEndpoint,
    region: cloud.region,
    credentials: localCredentials,
  });
  const bus = new EventBridgeClient({
    endpoint: cloud.eventsEndpoint,
    region: cloud.region,
    credentials: localCredentials,
  });
  return {
    env: {
      table,
      settings: settingsStore(table),
      outbox: outbox(outboxStore(table), sesSender(ses)),
      sender: 'desk@desk.local',
      zone,
    },
    events: eventPublisher(eventStore(table), eventBridgeBus(localNames.eventBus, bus)),
    destroy: () => {
      ses.destroy();
      bus.destroy();
    },
  };
}
