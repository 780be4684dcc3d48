import { request } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { emailsTo, uniqueAddress, waitForEmailsTo } from '../support/local-cloud-clients';
import { localTable } from '../support/staff-fixtures';

/**
 * The public lead form against bots: a limit per client address and hour (a business rule),
 * and a honeypot field. Requests here come from loopback addresses of their own (127.0.0.x),
 * so the counters of the other tests (from 127.0.0.1) are never touched.
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

describe('the public lead form', () => {
  it('answers 429 with Retry-After once an address used up its hour, and stores nothing', async () => {
    const address = '127.0.0.2';
    const { now } = (await (await fetch(`${cloud.consoleUrl}/clock`)).json()) as { now: string };
    // This address has used up its hour (and the next two, should another test move the clock).
    const table = localTable(cloud);
    const hour = 3_600_000;
    const start = Math.floor(new Date(now).getTime() / hour) * hour;
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

    const email = uniqueAddress('limited');
    const refused = await postFrom(address, '/leads', JSON.stringify(lead(email)), {
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).errors[0].message).toMatch(/Too many submissions/);

    // Another address is not affected: its lead goes all the way to an email; the refused one's never.
    const okAddress = uniqueAddress('ok');
    const other = await postFrom('127.0.0.3', '/leads', JSON.stringify(lead(okAddress)), {
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    });
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
