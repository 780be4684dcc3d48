import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { describe, expect, inject, it } from 'vitest';
import { leadAcknowledgementText } from '../../../functions/leads/mail/lead-acknowledgement-text';
import type { Locale } from '../../../functions/shared/locales';
import {
  emailsTo,
  executionArn,
  sfnClient,
  stateMachineArn,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { phoneFor } from '../../support/office';

const cloud = inject('localCloud');

const lead = (email: string, language: Locale) => ({
  name: 'Maria Papadopoulou',
  company: 'Olive Grove Ltd',
  email,
  phone: phoneFor(email),
  country: 'GR',
  language,
  interest: 'Office cleaning',
  message: 'Three floors, weekly.',
});

const postJson = (body: unknown, idempotencyKey: string) =>
  fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });

/** The acknowledgement's subject names the lead, never what the prospect typed. */
const subjectIn = (language: Locale, leadId: string) =>
  leadAcknowledgementText[language].subject.replace('{{leadId}}', leadId);

/** The lead id quoted in the acknowledgement's reference line. */
function referenceIn(email: Email, language: Locale): string {
  const [before] = leadAcknowledgementText[language].reference.split('{{leadId}}');
  const match = new RegExp(`${escapeRegExp(before ?? '')}\\s*([A-Za-z0-9_-]+)`).exec(
    email.body.text ?? '',
  );
  if (!match) throw new Error(`No reference in: ${email.body.text}`);
  return match[1] as string;
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function executionsNamed(leadId: string): Promise<number> {
  const client = sfnClient(cloud);
  try {
    let count = 0;
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: stateMachineArn(cloud, 'lead-intake'),
          nextToken,
        }),
      );
      count += (page.executions ?? []).filter((e) => e.name === leadId).length;
      nextToken = page.nextToken;
    } while (nextToken);
    return count;
  } finally {
    client.destroy();
  }
}

/** Whether any item of the product table mentions the text (a test may scan; the product never). */
async function tableMentions(text: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint: cloud.dynamodbEndpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({ TableName: cloud.tableName, ExclusiveStartKey: startKey as never }),
      );
      if (JSON.stringify(page.Items ?? []).includes(text)) return true;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return false;
  } finally {
    client.destroy();
  }
}

async function leadIdFrom(response: Response): Promise<string> {
  const body = (await response.json()) as { leadId?: string };
  expect(typeof body.leadId).toBe('string');
  return body.leadId as string;
}

describe('a prospect sends a lead', () => {
  it('as JSON: one lead, one intake execution, one acknowledgement in their language', async () => {
    const address = uniqueAddress('json');
    const response = await postJson(lead(address, 'de'), randomUUID());
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    const leadId = await leadIdFrom(response);

    const execution = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');

    const emails = await waitForEmailsTo(cloud, address);
    expect(emails).toHaveLength(1);
    const [email] = emails as [Email];
    expect(email.subject).toBe(subjectIn('de', leadId));
    expect(email.body.html).toContain('Maria Papadopoulou');
    expect(email.body.text).toContain(leadId);
    expect(referenceIn(email, 'de')).toBe(leadId);
  });

  it('through the HTML form: token from the page, urlencoded post, acknowledgement in Greek', async () => {
    const page = await fetch(`${cloud.gatewayUrl}/forms/lead`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const token = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();

    const address = uniqueAddress('form');
    const form = new URLSearchParams({ ...lead(address, 'el'), formToken: token as string });
    const post = () =>
      fetch(`${cloud.gatewayUrl}/leads`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: form.toString(),
        redirect: 'manual',
      });
    const response = await post();
    expect(response.status, await response.clone().text()).toBeLessThan(400);

    const emails = await waitForEmailsTo(cloud, address);
    expect(emails).toHaveLength(1);
    const [email] = emails as [Email];
    const leadId = referenceIn(email, 'el');
    expect(email.subject).toBe(subjectIn('el', leadId));
    const execution = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));
    expect(execution.status).toBe('SUCCEEDED');

    // The browser's back button and a second click post the same form again: still one lead.
    const again = await post();
    expect(again.status).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await emailsTo(cloud, address)).toHaveLength(1);
    expect(await executionsNamed(leadId)).toBe(1);
  });

  it('twice at the same moment with one Idempotency-Key: one lead, one execution, one email', async () => {
    const address = uniqueAddress('twice');
    const key = randomUUID();
    const responses = await Promise.all([
      postJson(lead(address, 'ko'), key),
      postJson(lead(address, 'ko'), key),
    ]);
    for (const response of responses) expect(response.status).toBeLessThan(300);
    const [first = '', second] = await Promise.all(responses.map(leadIdFrom));
    expect(second).toBe(first);

    const execution = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', first));
    expect(execution.status).toBe('SUCCEEDED');
    const emails = await waitForEmailsTo(cloud, address);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe(subjectIn('ko', first));
    expect(await executionsNamed(first)).toBe(1);
  });
});

describe('a lead that cannot be accepted', () => {
  it('with a bad email: 400 naming the field, nothing stored, nothing sent', async () => {
    const marker = `bad-${randomUUID()}`;
    const response = await postJson({ ...lead('not-an-email', 'en'), name: marker }, randomUUID());
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(['email']);
    expect(body.errors[0]?.message).toBeTruthy();
    expect(await tableMentions(marker)).toBe(false);
  });

  it('with a bad email from the form: the form again, the message next to the field', async () => {
    const html = await (await fetch(`${cloud.gatewayUrl}/forms/lead`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(html)?.[1] as string;
    const marker = `badform-${randomUUID()}`;
    const form = new URLSearchParams({
      ...lead('not-an-email', 'en'),
      name: marker,
      formToken: token,
    });
    const response = await fetch(`${cloud.gatewayUrl}/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<form');
    expect(page).toMatch(/id="email"[^>]*aria-invalid="true"/);
    expect(await tableMentions(marker)).toBe(false);
  });

  it('over 64 KB: 413', async () => {
    const address = uniqueAddress('big');
    const response = await postJson(
      { ...lead(address, 'en'), message: 'x'.repeat(65 * 1024) },
      randomUUID(),
    );
    expect(response.status).toBe(413);
    expect(await tableMentions(address)).toBe(false);
  });
});

describe('staff routes', () => {
  it('answer 401 to a caller without a session', async () => {
    const response = await fetch(`${cloud.gatewayUrl}/leads/01J0000000000000000000000`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('an undeclared route is 404', async () => {
    const response = await fetch(`${cloud.gatewayUrl}/admin`);
    expect(response.status).toBe(404);
  });
});
