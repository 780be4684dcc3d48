import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { staffStore } from '../../../functions/staff/store/staff-store';
import {
  emailsTo,
  executionArn,
  sfnClient,
  stateMachineArn,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { phoneFor, uniqueWord } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';

/** The intake after the lead is stored: qualification, assignment, the agent's notice. */

const cloud = inject('localCloud');

async function submit(details: { name: string; email: string; country: string }, untilDone = true) {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      company: 'Routing Test Ltd',
      phone: phoneFor(details.email),
      language: 'en',
      interest: 'Office cleaning',
      ...details,
    }),
  });
  expect(response.status).toBe(201);
  const { leadId } = (await response.json()) as { leadId: string };
  if (!untilDone) return leadId;
  const execution = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));
  expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
  return leadId;
}

/** The email of the agent a lead went to (other tests add agents, so it is not always Bea). */
async function ownerEmail(ownerId: string | undefined): Promise<string> {
  const table = localTable(cloud);
  try {
    const owner = await staffStore(table).getMember(ownerId ?? '');
    expect(owner?.role).toBe('agent');
    return owner?.email ?? '';
  } finally {
    table.client.destroy();
  }
}

async function leadAndTimeline(leadId: string) {
  const table = localTable(cloud);
  try {
    const lead = await leadStore(table).getLead(leadId);
    // The first-contact job (another test runs it for its own dates) may remind of any assigned
    // lead: its emails are not the intake's, so they are left out here.
    const timeline = (await readTimeline(table, leadRecordPk(leadId))).filter(
      (e) => !e.via.startsWith('outbox (first-contact-'),
    );
    return { lead, timeline };
  } finally {
    table.client.destroy();
  }
}

describe('lead intake routing', () => {
  it('qualifies a clean lead, gives it to the agent of its team, tells them once', async () => {
    const name = `Clean ${uniqueWord()}`;
    const email = uniqueAddress('clean');
    const leadId = await submit({ name, email, country: 'GR' });

    const { lead, timeline } = await leadAndTimeline(leadId);
    expect(lead?.status).toBe('assigned');
    expect(lead?.team).toBe('south');
    expect(lead?.qualification).toMatchObject({ qualified: true, flags: [] });
    expect(lead?.qualification?.score).toBeGreaterThanOrEqual(40);
    // Due seven days after the assignment.
    const due = Date.parse(lead?.firstContactDueAt ?? '') - Date.parse(lead?.assignedAt ?? '');
    expect(Math.round(due / 86_400_000)).toBe(7);

    const acknowledgement = await waitForEmailsTo(cloud, email);
    expect(acknowledgement).toHaveLength(1);
    const notices = (await waitForEmailsTo(cloud, await ownerEmail(lead?.ownerId))).filter(
      (e) => e.subject === `New lead for you: lead ${leadId}`,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.text).toContain(leadId);

    const steps = (await leadAndTimeline(leadId)).timeline.map((e) => e.step);
    // The prospect is acknowledged right after qualification, before any supervisor review.
    expect(steps.slice(0, 4)).toEqual([
      'lead-received',
      'lead-qualified',
      'email-sent',
      'lead-assigned',
    ]);
    expect(steps.filter((s) => s === 'email-sent')).toHaveLength(2);
    expect(timeline.find((e) => e.step === 'lead-assigned')?.by).toEqual({ kind: 'system' });
  });

  it('a rerun of the intake writes nothing twice and sends nothing twice', async () => {
    const name = `Rerun ${uniqueWord()}`;
    const email = uniqueAddress('rerun');
    const leadId = await submit({ name, email, country: 'GR' });
    await waitForEmailsTo(cloud, email);
    const before = await leadAndTimeline(leadId);

    const client = sfnClient(cloud);
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(cloud, 'lead-intake'),
          name: `${leadId}-rerun`,
          input: JSON.stringify({ leadId }),
        }),
      );
    } finally {
      client.destroy();
    }
    const rerun = await waitForExecution(
      cloud,
      executionArn(cloud, 'lead-intake', `${leadId}-rerun`),
    );
    expect(rerun.status, `${rerun.error}: ${rerun.cause}`).toBe('SUCCEEDED');

    const after = await leadAndTimeline(leadId);
    expect(after.lead).toEqual(before.lead);
    expect(after.timeline).toEqual(before.timeline);
    expect(await emailsTo(cloud, email)).toHaveLength(1);
    const notices = (await emailsTo(cloud, await ownerEmail(after.lead?.ownerId))).filter(
      (e) => e.subject === `New lead for you: lead ${leadId}`,
    );
    expect(notices).toHaveLength(1);
  });
});
