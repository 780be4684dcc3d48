import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { contactStore } from '../../../functions/accounts/store/contacts';
import { leadReviewKey } from '../../../functions/leads/lead-review';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { decisionSteps } from '../../../functions/shared/decisions/decision-step';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { staffStore } from '../../../functions/staff/store/staff-store';
import {
  emailsTo,
  executionArn,
  sfnClient,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import {
  assignLead,
  csrfOf,
  phoneFor,
  postForm,
  seeded,
  staffIdOf,
  uniqueWord,
} from '../../support/office';
import { localTable, waitForIntake } from '../../support/staff-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * The same prospect writes again: the new lead is linked to the earlier lead (or account) and
 * gets no intake; the prospect is acknowledged, the earlier lead's timeline notes the enquiry and
 * its agent is told, once. A prospect whose account was written off is flagged instead.
 */

const cloud = inject('localCloud');

async function post(
  details: { name: string; email: string; phone?: string },
  key: string,
  expectedStatus = 201,
) {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': key,
    },
    body: JSON.stringify({
      company: 'Twice Ltd',
      country: 'GR',
      language: 'en',
      interest: 'Window cleaning',
      ...details,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(expectedStatus);
  return ((await response.json()) as { leadId: string }).leadId;
}

async function withTable<T>(use: (table: ReturnType<typeof localTable>) => Promise<T>) {
  const table = localTable(cloud);
  try {
    return await use(table);
  } finally {
    table.client.destroy();
  }
}

const leadOf = (leadId: string) => withTable((t) => leadStore(t).getLead(leadId));
const timelineOf = (pk: string) => withTable((t) => readTimeline(t, pk));

async function hasIntake(leadId: string): Promise<boolean> {
  const client = sfnClient(cloud);
  try {
    await client.send(
      new DescribeExecutionCommand({ executionArn: executionArn(cloud, 'lead-intake', leadId) }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return false;
    throw error;
  } finally {
    client.destroy();
  }
}

/** The linked lead's own small workflow: acknowledge, note, tell; it ends on its own. */
async function linkedEnquiryDone(leadId: string) {
  const execution = await waitForExecution(cloud, executionArn(cloud, 'linked-enquiry', leadId));
  expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
}

async function agentEmail(staffId: string | undefined): Promise<string> {
  const member = await withTable((t) => staffStore(t).getMember(staffId ?? ''));
  if (!member) throw new Error(`No staff member ${staffId}`);
  return member.email;
}

/** Mail to the address as the first enquiry wrote it and as the second did. */
const mailToEither = async (first: string, second: string) => [
  ...(await emailsTo(cloud, first)),
  ...(await emailsTo(cloud, second)),
];

/** The notices "Same prospect wrote again" an agent got about this prospect. */
const noticesTo = async (address: string, name: string) =>
  (await emailsTo(cloud, address)).filter(
    (e) =>
      e.subject.startsWith('Same prospect wrote again: lead ') &&
      (e.body.text ?? '').includes(name),
  );

describe('a linked enquiry', () => {
  it('belongs to the earlier lead’s agent: listed and opened by them and their supervisor, 404 for the rest; it follows a reassignment', async () => {
    const name = `Owned ${uniqueWord()}`;
    const email = `${uniqueWord()}@example.org`;
    const first = await post({ name, email, phone: phoneFor(email) }, crypto.randomUUID());
    const intake = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', first));
    expect(intake.status).toBe('SUCCEEDED');
    const earlier = await leadOf(first);
    const ownerEmail = await agentEmail(earlier?.ownerId);
    const agents = [seeded.agentNorth, seeded.agentSouth];
    const supervisors = { north: seeded.supervisorNorth, south: seeded.supervisorSouth };
    const otherAgent = agents.find((a) => a !== ownerEmail) ?? '';
    const team = earlier?.team as 'north' | 'south';
    const otherTeam = team === 'north' ? 'south' : 'north';

    const second = await post({ name, email, phone: phoneFor(`b.${email}`) }, crypto.randomUUID());
    // From the moment it is stored, before its workflow is through: its owner is the earlier's.
    expect(await leadOf(second)).toMatchObject({ ownerId: earlier?.ownerId, team });
    await linkedEnquiryDone(second);

    const status = async (email: string, path: string) =>
      (await (await signInAs(cloud, email)).fetch(path, { headers: { accept: 'text/html' } }))
        .status;
    const owner = await signInAs(cloud, ownerEmail);
    expect((await owner.fetch(`/office/leads/${second}`)).status).toBe(200);
    expect((await owner.fetch(`/leads/${second}`)).status).toBe(200);
    const list = await (
      await owner.fetch(`/office/leads?q=${encodeURIComponent(name.toLowerCase())}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(list).toContain(`/office/leads/${second}`);
    expect(await status(supervisors[team], `/office/leads/${second}`)).toBe(200);
    expect(await status(otherAgent, `/office/leads/${second}`)).toBe(404);
    expect(await status(supervisors[otherTeam], `/office/leads/${second}`)).toBe(404);
    const unassigned = await (
      await (
        await signInAs(cloud, supervisors[otherTeam])
      ).fetch(`/office/leads?owner=unassigned&q=${encodeURIComponent(name.toLowerCase())}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(unassigned).not.toContain(`/office/leads/${second}`);

    // It is not assigned on its own; the earlier lead's reassignment carries it along.
    const manager = await signInAs(cloud, seeded.manager);
    const otherId = await staffIdOf(manager, otherAgent);
    const own = await postForm(manager, `/office/leads/${second}/assign`, {
      csrf: await csrfOf(manager),
      version: String((await leadOf(second))?.version),
      agentId: otherId,
    });
    expect(own.status).toBe(409);
    expect(await own.text()).toContain(`whoever works lead ${first}`);
    expect((await assignLead(manager, first, otherId)).status).toBe(303);
    expect(await leadOf(second)).toMatchObject({ ownerId: otherId, team: otherTeam });
    expect(await status(otherAgent, `/office/leads/${second}`)).toBe(200);
    expect(await status(ownerEmail, `/office/leads/${second}`)).toBe(404);
  });
});

describe('a prospect who writes again', () => {
  it('by the same email in other case: linked, no second intake, acknowledged, the agent told once', async () => {
    const name = `Twice ${uniqueWord()}`;
    const email = `${uniqueWord()}@example.org`;
    const first = await post({ name, email, phone: phoneFor(email) }, crypto.randomUUID());
    const intake = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', first));
    expect(intake.status).toBe('SUCCEEDED');
    const owner = await agentEmail((await leadOf(first))?.ownerId);

    const key = crypto.randomUUID();
    // The desk keeps the address as written but for the domain's case.
    const shouted = email.replace(/^[^@]+/, (local) => local.toUpperCase());
    const again = { name, email: `  ${shouted} `, phone: phoneFor(`other.${email}`) };
    const second = await post(again, key);
    expect(second).not.toBe(first);
    expect((await leadOf(second))?.linkedTo).toEqual({ leadId: first });
    expect(await hasIntake(second)).toBe(false);
    await linkedEnquiryDone(second);

    // The prospect hears back about each enquiry; the agent is told about the new one.
    await waitForEmailsTo(cloud, shouted);
    expect(await mailToEither(email, shouted)).toHaveLength(2);
    expect(await noticesTo(owner, name)).toHaveLength(1);
    const notes = (await timelineOf(leadRecordPk(first))).filter(
      (e) => e.step === 'duplicate-enquiry',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.summary).toContain(`lead ${second}`);

    // A replay of the second submission changes nothing and sends nothing more.
    // A replay is answered 200 with the same lead.
    expect(await post(again, key, 200)).toBe(second);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailToEither(email, shouted)).toHaveLength(2);
    expect(await noticesTo(owner, name)).toHaveLength(1);
    const notesAfter = (await timelineOf(leadRecordPk(first))).filter(
      (e) => e.step === 'duplicate-enquiry',
    );
    expect(notesAfter).toHaveLength(1);
    expect(await hasIntake(second)).toBe(false);
  });

  it('by the same phone number, written differently: linked to the earlier lead', async () => {
    const name = `Phone ${uniqueWord()}`;
    const email = `${uniqueWord()}@example.org`;
    const unique = Math.random().toString().slice(2, 9);
    const first = await post(
      { name, email: `a.${email}`, phone: `+30 (210) ${unique.slice(0, 3)}-${unique.slice(3)}` },
      crypto.randomUUID(),
    );
    await waitForExecution(cloud, executionArn(cloud, 'lead-intake', first));
    const second = await post(
      { name, email: `b.${email}`, phone: `+30210${unique}` },
      crypto.randomUUID(),
    );
    expect((await leadOf(second))?.linkedTo).toEqual({ leadId: first });
    expect(await hasIntake(second)).toBe(false);
    await linkedEnquiryDone(second);
    expect(await waitForEmailsTo(cloud, `b.${email}`)).toHaveLength(1);
  });

  it("of an account: linked to it, the account's timeline notes it, its owner is told", async () => {
    const name = `Customer ${uniqueWord()}`;
    const phone = `+30 231 ${Math.random().toString().slice(2, 9)}`;
    const accountId = `acc-${uniqueWord()}`;
    const alex = await withTable(async (t) =>
      (await staffStore(t).listMembers()).find((m) => m.email === seeded.agentNorth),
    );
    // The account profile belongs to the contracts code; this test writes it directly.
    await withTable(async (t) => {
      await t.client.send(
        new PutCommand({
          TableName: t.name,
          Item: {
            pk: `ACCOUNT#${accountId}`,
            sk: 'ACCOUNT',
            status: 'active',
            ownerId: alex?.staffId,
          },
        }),
      );
      await contactStore(t).recordAccountContact(
        { email: `acct.${accountId}@example.org`, phone },
        accountId,
      );
    });
    const email = `${uniqueWord()}@example.org`;
    const leadId = await post({ name, email, phone }, crypto.randomUUID());
    expect((await leadOf(leadId))?.linkedTo).toEqual({ accountId });
    expect(await hasIntake(leadId)).toBe(false);
    await linkedEnquiryDone(leadId);
    const notes = (await timelineOf(`ACCOUNT#${accountId}`)).filter(
      (e) => e.step === 'duplicate-enquiry',
    );
    expect(notes).toHaveLength(1);
    expect(await waitForEmailsTo(cloud, email)).toHaveLength(1);
    expect(await noticesTo(seeded.agentNorth, name)).toHaveLength(1);
  });

  it('whose account was written off: flagged for a supervisor by the intake', async () => {
    const name = `Written off ${uniqueWord()}`;
    const email = `${uniqueWord()}@example.org`;
    const accountId = `acc-${uniqueWord()}`;
    // The account profile belongs to the contracts code; this test writes it directly.
    await withTable(async (t) => {
      await t.client.send(
        new PutCommand({
          TableName: t.name,
          Item: { pk: `ACCOUNT#${accountId}`, sk: 'ACCOUNT', status: 'written-off' },
        }),
      );
      await contactStore(t).recordAccountContact({ email }, accountId);
    });
    const leadId = await post({ name, email: email.toUpperCase() }, crypto.randomUUID());
    expect(await waitForIntake(cloud, leadId)).toBe('awaiting-review');
    const lead = await leadOf(leadId);
    expect(lead?.linkedTo).toEqual({ accountId });
    expect(lead?.qualification?.flags).toContain('earlier-account-written-off');
    expect(await withTable((t) => decisionSteps(t).get(leadReviewKey(leadId)))).toBeDefined();
  });
});
