import { request } from 'node:http';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { readTimeline } from '../../../functions/shared/store/timeline';
import {
  cloudNow,
  emailsTo,
  executionArn,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { csrfOf, decodeEntities, postForm, seeded } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * The public lead form and API against bots and relays: a limit per client address and hour (a
 * business rule) counted after the idempotency lookup, a honeypot field, an API key for JSON, and
 * at most a few acknowledgements per recipient a day. Requests here come from loopback addresses
 * of their own (127.0.0.x), so the counters of the other tests (from 127.0.0.1) are never touched.
 */

const cloud = inject('localCloud');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request from a chosen local address: the gateway sees it as the client's address. */
function postFrom(
  address: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<Answer> {
  const url = new URL(path, cloud.gatewayUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers,
        localAddress: address,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const lead = (email: string) => ({
  name: 'Rate Tester',
  email,
  country: 'DE',
  language: 'de',
  interest: 'advertising',
});

async function formToken(): Promise<string> {
  const html = await (await fetch(`${cloud.gatewayUrl}/forms/lead`)).text();
  return /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** The client address has used up its hour (and the next two, should another test move the clock). */
async function useUpHour(address: string) {
  const now = await cloudNow(cloud);
  const table = localTable(cloud);
  const hour = 3_600_000;
  const start = Math.floor(now.getTime() / hour) * hour;
  for (const window of [start, start + hour, start + 2 * hour]) {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          pk: `RATE#${address}`,
          sk: `WINDOW#${new Date(window).toISOString()}`,
          count: 10_000,
          expiresAt: Math.floor(window / 1000) + 7200,
        },
      }),
    );
  }
  table.client.destroy();
}

const jsonHeaders = (idempotencyKey: string, key = cloud.leadApiKey) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${key}`,
  'idempotency-key': idempotencyKey,
});

describe('the public lead form', () => {
  it('answers 429 with Retry-After once an address used up its hour, and stores nothing', async () => {
    const address = '127.0.0.2';
    await useUpHour(address);

    const email = uniqueAddress('limited');
    const refused = await postFrom(
      address,
      '/leads',
      JSON.stringify(lead(email)),
      jsonHeaders(crypto.randomUUID()),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).errors[0].message).toMatch(/Too many submissions/);

    // Another address is not affected: its lead goes all the way to an email; the refused one's never.
    const okAddress = uniqueAddress('ok');
    const other = await postFrom(
      '127.0.0.3',
      '/leads',
      JSON.stringify(lead(okAddress)),
      jsonHeaders(crypto.randomUUID()),
    );
    expect(other.status).toBe(201);
    await waitForEmailsTo(cloud, okAddress);
    expect(await emailsTo(cloud, email)).toEqual([]);
  });

  it('thanks a bot that filled the honeypot like a person, and stores and sends nothing', async () => {
    const botAddress = uniqueAddress('bot');
    const personAddress = uniqueAddress('person');
    const fields = (email: string, token: string, website = '') =>
      new URLSearchParams({ ...lead(email), formToken: token, formLang: 'en', website }).toString();

    const bot = await postFrom(
      '127.0.0.4',
      '/leads',
      fields(botAddress, await formToken(), 'http://spam.example'),
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(bot.status).toBe(303);
    expect(bot.headers.location).toMatch(/\/forms\/lead\?lang=en&received=1$/);

    // A person's post right after goes all the way to an email; the bot's never does.
    const person = await postFrom('127.0.0.4', '/leads', fields(personAddress, await formToken()), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(person.status).toBe(303);
    await waitForEmailsTo(cloud, personAddress);
    expect(await emailsTo(cloud, botAddress)).toEqual([]);
  });

  it('hides the honeypot from people: off screen, not announced, not reachable, not autofilled', async () => {
    const html = await (await fetch(`${cloud.gatewayUrl}/forms/lead`)).text();
    expect(html).toMatch(/<div class="hp" aria-hidden="true">/);
    expect(html).toMatch(
      /<input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="">/,
    );
  });
});

describe('posting leads as JSON', () => {
  it('needs an API key a manager creates; the key is shown once, its use listed, and revoked it stops', async () => {
    const email = uniqueAddress('keyed');
    const post = (key: string | undefined) =>
      postFrom('127.0.0.6', '/leads', JSON.stringify(lead(email)), {
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      });
    const anonymous = await post(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(anonymous.body).errors[0].field).toBe('Authorization');

    const manager = await signInAs(cloud, seeded.manager);
    const name = `Partner ${crypto.randomUUID()}`;
    const created = await postForm(manager, '/office/settings/api-keys', {
      csrf: await csrfOf(manager),
      name,
    });
    expect(created.status).toBe(200);
    const page = await created.text();
    const key = decodeEntities(/<code id="new-key">([^<]+)<\/code>/.exec(page)?.[1] ?? '');
    expect(key).toMatch(/^desk_/);

    expect((await post(key)).status).toBe(201);
    // The list names the key, its creator and its last use; the key itself is never shown again.
    const list = await (
      await manager.fetch('/office/settings/api-keys', { headers: { accept: 'text/html' } })
    ).text();
    const row = list.slice(list.indexOf(name));
    expect(row).toContain('Maria Manager');
    expect(row.slice(0, row.indexOf('</tr>'))).not.toContain('Never');
    expect(list).not.toContain(key);
    const table = localTable(cloud);
    const stored = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'API-KEYS' },
      }),
    );
    table.client.destroy();
    // The secret is everything after the key id: it may itself hold an underscore.
    expect(JSON.stringify(stored.Items)).not.toContain(key.split('_').slice(2).join('_'));

    const keyId = key.split('_')[1] ?? '';
    const revoked = await postForm(manager, `/office/settings/api-keys/${keyId}/revoke`, {
      csrf: await csrfOf(manager),
    });
    expect(revoked.status).toBe(303);
    const refused = await post(key);
    expect(refused.status).toBe(401);
    // Agents and supervisors cannot see or make keys.
    const agent = await signInAs(cloud, seeded.agentNorth);
    expect((await agent.fetch('/office/settings/api-keys')).status).toBe(403);
  });

  it('counts the hourly limit after the idempotency lookup: a retry of an accepted lead gets its answer', async () => {
    const address = '127.0.0.7';
    const idempotencyKey = crypto.randomUUID();
    const body = JSON.stringify(lead(uniqueAddress('retry')));
    const first = await postFrom(address, '/leads', body, jsonHeaders(idempotencyKey));
    expect(first.status).toBe(201);
    await useUpHour(address);

    const retry = await postFrom(address, '/leads', body, jsonHeaders(idempotencyKey));
    expect(retry.status).toBe(200);
    expect(JSON.parse(retry.body)).toEqual(JSON.parse(first.body));
    const fresh = await postFrom(address, '/leads', body, jsonHeaders(crypto.randomUUID()));
    expect(fresh.status).toBe(429);
  });
});

describe('the lead acknowledgement', () => {
  it('reaches one address at most 3 times a day; a fourth lead is taken, not acknowledged', async () => {
    const email = uniqueAddress('relay');
    const text = `Win a prize at evil.example ${crypto.randomUUID()}`;
    const leadIds: string[] = [];
    for (let n = 0; n < 4; n++) {
      const answer = await postFrom(
        '127.0.0.8',
        '/leads',
        JSON.stringify({ ...lead(email), name: text, interest: text }),
        jsonHeaders(crypto.randomUUID()),
      );
      expect(answer.status).toBe(201);
      const { leadId } = JSON.parse(answer.body) as { leadId: string };
      // The first runs the intake; the same address again is a linked enquiry.
      const machine = n === 0 ? 'lead-intake' : 'linked-enquiry';
      const run = await waitForExecution(cloud, executionArn(cloud, machine, leadId));
      expect(run.status, `${run.error}: ${run.cause}`).toBe('SUCCEEDED');
      leadIds.push(leadId);
    }
    const emails = await waitForEmailsTo(cloud, email);
    expect(emails).toHaveLength(3);
    for (const sent of emails) expect(sent.subject).not.toContain('evil.example');

    const table = localTable(cloud);
    const fourth = await leadStore(table).getLead(leadIds[3] ?? '');
    const timeline = await readTimeline(table, leadRecordPk(leadIds[3] ?? ''));
    table.client.destroy();
    expect(fourth?.email).toBe(email);
    expect(timeline.map((e) => e.step)).toContain('acknowledgement-withheld');
    expect(timeline.map((e) => e.step)).not.toContain('email-sent');
  });
});
