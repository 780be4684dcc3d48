import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../../functions/leads/rules/lead';
import { leadStore } from '../../../functions/leads/store/lead-store';
import type { Table } from '../../../functions/shared/store/table';

/**
 * The lead store's lists against DynamoDB Local: the sparse indexes, merged and month-by-month
 * paging by cursor, filters and the timeline. Each test uses its own team, owner ids and search
 * word, so the shared table's other leads never count.
 */

const cloud = inject('localCloud');
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: cloud.dynamodbEndpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const table: Table = { client, name: cloud.tableName };
const leads = leadStore(table);
afterAll(() => client.destroy());

const word = () => `w${Math.random().toString(36).slice(2, 10)}`;

async function newLead(at: string, company: string, extra: Partial<Lead> = {}): Promise<Lead> {
  const lead: Lead = {
    leadId: ulid(Date.parse(at)),
    name: `Prospect ${company}`,
    company,
    email: `${word()}@example.org`,
    country: 'GR',
    language: 'en',
    interest: 'Office cleaning',
    source: 'api',
    receivedAt: at,
    status: 'new',
    version: 1,
    ...extra,
  };
  const recorded = await leads.recordLead(lead, {
    kind: 'idempotency-key',
    key: ulid(),
    fingerprint: 'f',
  });
  expect(recorded.created).toBe(true);
  return lead;
}

async function assign(lead: Lead, staffId: string, team: string) {
  const done = await leads.assignLead(lead.leadId, {
    owner: { staffId, name: `Agent ${staffId}`, team },
    by: { kind: 'staff', staffId: 'boss', name: 'Boss' },
    expectedVersion: lead.version,
    at: new Date(Date.parse(lead.receivedAt) + 60_000),
  });
  expect(done).toBe(true);
}

describe('lead lists', () => {
  it("pages a supervisor's team and the unassigned leads together, newest first, without gaps", async () => {
    const team = word();
    const tag = word();
    const made: Lead[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await newLead(`2026-11-0${i + 1}T10:00:00.000Z`, `${tag} ${i}`));
    }
    // Leads 0, 2, 4 go to the team; 1 and 3 stay unassigned.
    for (const i of [0, 2, 4]) await assign(made[i] as Lead, `agent-${team}`, team);

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await leads.list({
        scope: { kind: 'team', team, withUnassigned: true },
        filters: { search: tag },
        pageSize: 2,
        after,
      });
      seen.push(...page.leads.map((l) => l.company ?? ''));
      after = page.next;
      pages++;
    } while (after && pages < 10);
    expect(seen).toEqual([`${tag} 4`, `${tag} 3`, `${tag} 2`, `${tag} 1`, `${tag} 0`]);
    expect(pages).toBe(3);
  });

  it("lists an owner's leads only, and the team filter keeps a supervisor to their team", async () => {
    const tag = word();
    const owner = `agent-${word()}`;
    const a = await newLead('2026-10-01T09:00:00.000Z', `${tag} a`);
    const b = await newLead('2026-10-02T09:00:00.000Z', `${tag} b`);
    await newLead('2026-10-03T09:00:00.000Z', `${tag} c`);
    await assign(a, owner, 'north');
    await assign(b, owner, 'north');

    const mine = await leads.list({
      scope: { kind: 'owner', staffId: owner },
      filters: {},
      pageSize: 10,
    });
    expect(mine.leads.map((l) => l.company)).toEqual([`${tag} b`, `${tag} a`]);
    expect(mine.leads.every((l) => l.status === 'assigned' && l.ownerId === owner)).toBe(true);
    expect(mine.next).toBeUndefined();

    const otherTeam = await leads.list({
      scope: { kind: 'owner', staffId: owner, team: 'south' },
      filters: {},
      pageSize: 10,
    });
    expect(otherTeam.leads).toEqual([]);
  });

  it('walks every lead month by month for a manager, with status and source filters', async () => {
    const tag = word();
    await newLead('2019-01-15T09:00:00.000Z', `${tag} january`);
    await newLead('2019-03-15T09:00:00.000Z', `${tag} march`, { source: 'web-form' });
    await newLead('2019-03-20T09:00:00.000Z', `${tag} march late`);

    const first = await leads.list({
      scope: { kind: 'all' },
      filters: { search: tag },
      pageSize: 2,
    });
    expect(first.leads.map((l) => l.company)).toEqual([`${tag} march late`, `${tag} march`]);
    expect(first.next).toBeDefined();
    const second = await leads.list({
      scope: { kind: 'all' },
      filters: { search: tag },
      pageSize: 2,
      after: first.next,
    });
    expect(second.leads.map((l) => l.company)).toEqual([`${tag} january`]);
    expect(second.next).toBeUndefined();

    const fromForm = await leads.list({
      scope: { kind: 'all' },
      filters: { search: tag, source: 'web-form' },
      pageSize: 10,
    });
    expect(fromForm.leads.map((l) => l.company)).toEqual([`${tag} march`]);
    const counts = await leads.counts(['2019-03', '2019-02']);
    expect(counts.byMonth[0]).toBeGreaterThanOrEqual(2);
    expect(counts.byMonth[1]).toBe(0);
  });

  it('searches name, email and company without regard to case', async () => {
    const tag = word();
    const lead = await newLead('2026-09-01T09:00:00.000Z', `Olive ${tag.toUpperCase()} Ltd`);
    for (const search of [tag, lead.email.slice(0, 6), `olive ${tag}`]) {
      const page = await leads.list({ scope: { kind: 'all' }, filters: { search }, pageSize: 5 });
      expect(page.leads.map((l) => l.leadId)).toContain(lead.leadId);
    }
  });

  it('records the assignment once, on the version seen, with its timeline entry', async () => {
    const lead = await newLead('2026-08-01T09:00:00.000Z', word());
    await assign(lead, 'agent-x', 'north');
    // A second assigner who saw version 1 is refused and changes nothing.
    const stale = await leads.assignLead(lead.leadId, {
      owner: { staffId: 'agent-y', name: 'Agent Y', team: 'south' },
      by: { kind: 'staff', staffId: 'boss', name: 'Boss' },
      expectedVersion: 1,
      at: new Date('2026-08-02T09:00:00.000Z'),
    });
    expect(stale).toBe(false);
    const stored = await leads.getLead(lead.leadId);
    expect(stored).toMatchObject({
      ownerId: 'agent-x',
      team: 'north',
      version: 2,
      status: 'assigned',
    });
    const timeline = await leads.timeline(lead.leadId);
    expect(timeline.map((e) => e.step)).toEqual(['lead-received', 'lead-assigned']);
    expect(timeline[1]).toMatchObject({
      summary: 'Assigned to Agent agent-x (team north)',
      by: { kind: 'staff', name: 'Boss' },
      via: 'back office',
    });
  });
});
