import { randomUUID } from 'node:crypto';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { ulid } from 'ulidx';
import { priceQuote } from '../../functions/quotes/rules/quote';
import { quoteStore } from '../../functions/quotes/store/quotes';
import type { Locale } from '../../functions/shared/locales';
import { defaultBusinessRules } from '../../functions/staff/settings/business-rules';
import { staffStore } from '../../functions/staff/store/staff-store';
import { localArn } from '../../infra/local/names';
import { emailsTo, executionArn, sfnClient, waitForExecution } from './local-cloud-clients';
import type { LocalCloudEndpoints } from './local-cloud-context';
import { seeded } from './office';
import { localTable } from './staff-fixtures';
import type { StaffSession } from './staff-session';

/** Helpers for contract tests: an accepted quote, `start-contract` invoked, links from emails. */

export interface QuoteOptions {
  legalName: string;
  email: string;
  language?: Locale;
  needsOperatingPermit?: boolean;
  /** The agent whose quote it is (the seeded north agent by default). */
  agentEmail?: string;
}

/** An accepted quote of a seeded agent, stored through the quote store. */
export async function acceptedQuote(cloud: LocalCloudEndpoints, options: QuoteOptions) {
  const table = localTable(cloud);
  try {
    const agent = await staffStore(table).findByEmail(options.agentEmail ?? seeded.agentNorth);
    if (!agent) throw new Error('The seeded agent is not in the directory');
    const now = new Date();
    const quoteId = ulid();
    const quote = priceQuote(
      {
        currency: 'EUR',
        lines: [
          {
            service: 'Membership',
            quantity: 1,
            unitPriceMinor: 120_000,
            discountPercent: 0,
            taxRatePercent: 24,
          },
        ],
      },
      defaultBusinessRules,
      now,
      'Europe/Athens',
    );
    const quotes = quoteStore(table);
    await quotes.create({
      quoteId,
      leadId: ulid(),
      quote,
      customer: {
        legalName: options.legalName,
        contactName: 'Dana Contact',
        email: options.email,
        addressLines: ['1 Harbour Road', 'Piraeus'],
        taxId: 'EL123456789',
        country: 'GR',
        language: options.language ?? 'en',
      },
      service: { name: 'Membership', needsOperatingPermit: options.needsOperatingPermit ?? false },
      billingPlan: 'monthly',
      prepaid: true,
      startDate: now.toISOString().slice(0, 10),
      termMonths: 12,
      renewal: 'auto',
      agentId: agent.staffId,
      agentName: agent.name,
      team: agent.team,
      createdAt: now.toISOString(),
      createdBy: { staffId: agent.staffId, name: agent.name },
    });
    const accepted = await quotes.change(quoteId, {
      set: { status: 'accepted' },
      condition: '#status = :draft',
      values: { ':draft': 'draft' },
    });
    if (accepted !== 'changed') throw new Error(`Quote ${quoteId} could not be accepted`);
    return { quoteId, agent };
  } finally {
    table.client.destroy();
  }
}

/**
 * Invokes the real `start-contract` function as the quote workflow's last step would: through a
 * one-step state machine made for the test. Answers what the function answered.
 */
export async function startContractFor(cloud: LocalCloudEndpoints, quoteId: string) {
  const sfn = sfnClient(cloud);
  try {
    const name = `start-contract-test-${randomUUID().slice(0, 8)}`;
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name,
        roleArn: 'arn:aws:iam::000000000000:role/test',
        definition: JSON.stringify({
          QueryLanguage: 'JSONata',
          StartAt: 'Start contract',
          States: {
            'Start contract': {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Arguments: {
                FunctionName: localArn.function('start-contract'),
                Payload: '{% $states.input %}',
              },
              Output: '{% $states.result.Payload %}',
              End: true,
            },
          },
        }),
      }),
    );
    const run = randomUUID();
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: created.stateMachineArn,
        name: run,
        input: JSON.stringify({ quoteId }),
      }),
    );
    const done = await waitForExecution(cloud, executionArn(cloud, name, run), 60_000);
    if (done.status !== 'SUCCEEDED') {
      throw new Error(`start-contract ${done.status}: ${done.error}: ${done.cause}`);
    }
    return JSON.parse(String(done.output)) as { contractId: string; created: boolean };
  } finally {
    sfn.destroy();
  }
}

/** Waits for an email to `address` whose subject passes `match`. */
export async function emailMatching(
  cloud: LocalCloudEndpoints,
  address: string,
  match: (subject: string) => boolean,
  timeoutMs = 45_000,
): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(cloud, address)).filter((e) => match(e.subject));
    if (found[0]) return found[0];
    if (Date.now() > deadline) throw new Error(`No matching email reached ${address}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The first link to `path` in an email's text, as a path on the gateway. */
export function linkIn(email: Email, path: string): string {
  const match = new RegExp(`(?:https?://[^/\\s]+)?(${path}/[A-Za-z0-9._-]+(?:\\?[^\\s]*)?)`).exec(
    email.body.text ?? '',
  );
  if (!match?.[1]) throw new Error(`No ${path} link in "${email.subject}"`);
  return match[1];
}

/** A multipart form as a browser posts it. */
export function multipartForm(
  fields: Record<string, string>,
  file?: { name: string; fileName: string; contentType: string; bytes: Uint8Array },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) {
    form.append(
      file.name,
      new Blob([new Uint8Array(file.bytes)], { type: file.contentType }),
      file.fileName,
    );
  }
  return form;
}

export const pdfBytes = (size = 2048) => {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
  return bytes;
};

export const pngBytes = () =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);

/** A back-office page as a staff member sees it. */
export async function officeView(session: StaffSession, path: string) {
  const response = await session.fetch(path, { headers: { accept: 'text/html' } });
  return { status: response.status, text: await response.text() };
}

/** Reads again every 300 ms until `done` holds (30 s at most): a workflow's step runs meanwhile. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 300));
  }
}
