import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { DateTime } from 'luxon';
import type { JobEnvironment } from '../../../functions/daily-job/job-environment';
import { invoiceDocuments } from '../../../functions/invoicing/invoice-documents';
import { outbox } from '../../../functions/messages/outbox';
import { sesSender } from '../../../functions/messages/ses';
import { outboxStore } from '../../../functions/messages/store/outbox-store';
import { eventBridgeBus, eventPublisher } from '../../../functions/shared/events';
import { eventStore } from '../../../functions/shared/store/event-store';
import type { Table } from '../../../functions/shared/store/table';
import { loadBusinessRules, saveBusinessRules } from '../../../functions/staff/settings/settings';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import type { PublishedEvent } from '../../../infra/local/events';
import { localArn, localNames } from '../../../infra/local/names';
import type { LocalCloudEndpoints } from '../local-cloud-context';
import { type LocalCloudProcess, startLocalCloudProcess } from '../local-cloud-process';
import { localTable } from '../payment-fixtures';
import { testCompany } from '../settings';

/**
 * A desk of its own for the simulated year: `npm start`'s program on a fresh data folder and free
 * ports, so its invoice numbers, statements and job runs are exactly what the year makes. The
 * business code runs in this process against it (the clock is the year's, not the wall's), with
 * the same clients the functions build: DynamoDB Local, the SES mailbox, S3 and the event bus.
 */

export interface SimulatedDesk {
  endpoints: LocalCloudEndpoints;
  table: Table;
  /** What every registered job is built from, pointed at this desk. */
  env: Required<JobEnvironment>;
  zone: string;
  /** Where the mailbox appends each email as SES accepts it (one JSON line each). */
  mailboxFile: string;
  /** Every email the mailbox holds (one read of the whole store). */
  mailbox(): Promise<Email[]>;
  /** Every event published on the bus, in order. */
  published(): Promise<PublishedEvent[]>;
  stop(): Promise<void>;
}

export const sender = 'desk@example.com';

/** An instant of a business date at a wall-clock time in the company's zone. */
export function at(date: string, time: string, zone: string): Date {
  const moment = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!moment.isValid) throw new RangeError(`${date} ${time} is not a moment in ${zone}`);
  return moment.toJSDate();
}

export async function startSimulatedDesk(zone: string): Promise<SimulatedDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-simulated-year-'));
  let running: LocalCloudProcess;
  try {
    // The cloud's own functions keep cdk.json's zone: none of them takes part in the year.
    running = await startLocalCloudProcess({ dataDir, args: ['--no-demo-company'] });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const endpoints = running.endpoints;
  // What the renewals function's declaration gives it (`signingKey`): the registry's job reads
  // the renew links' key from its environment, as on AWS.
  Object.assign(process.env, {
    AWS_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManagerEndpoint,
    SIGNING_KEY_SECRET_ID: localArn.secret(localNames.signingKeySecret),
  });
  const table = localTable(endpoints);
  const clientOptions = { region: endpoints.region, credentials: localCredentials };
  const s3 = new S3Client({
    ...clientOptions,
    endpoint: endpoints.s3Endpoint,
    forcePathStyle: true,
  });
  const ses = new SESv2Client({ ...clientOptions, endpoint: endpoints.sesEndpoint });
  const bus = new EventBridgeClient({ ...clientOptions, endpoint: endpoints.eventsEndpoint });
  const bucket = localNames.documentsBucket;
  // Attachments are read back from the documents bucket when a message is sent, as on AWS.
  const reader = {
    async read(documentKey: string) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: documentKey }));
      if (!object.Body) throw new Error(`Document ${documentKey} has no content`);
      return object.Body.transformToByteArray();
    },
  };
  // The year's company: every detail an invoice needs filled in, or its invoices would wait.
  const settings = settingsStore(table);
  const { rules, version } = await loadBusinessRules(settings);
  await saveBusinessRules(settings, { ...rules, company: testCompany }, version, new Date());
  const env: Required<JobEnvironment> = {
    table,
    settings,
    outbox: outbox(outboxStore(table), sesSender(ses), { documents: reader }),
    sender,
    zone,
    documents: invoiceDocuments(bucket, s3),
    events: eventPublisher(eventStore(table), eventBridgeBus(localNames.eventBus, bus)),
  };
  return {
    endpoints,
    table,
    env,
    zone,
    mailboxFile: join(dataDir, 'mailbox.jsonl'),
    async mailbox() {
      const answer = await fetch(`${endpoints.sesEndpoint}/store`);
      return ((await answer.json()) as { emails: Email[] }).emails;
    },
    async published() {
      return (await (await fetch(`${endpoints.consoleUrl}/events`)).json()) as PublishedEvent[];
    },
    async stop() {
      table.client.destroy();
      s3.destroy();
      ses.destroy();
      bus.destroy();
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
