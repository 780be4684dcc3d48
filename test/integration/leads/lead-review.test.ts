import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { leadReviewKey } from '../../../functions/leads/lead-review';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { decisionSteps } from '../../../functions/shared/decisions/decision-step';
import { readTimeline } from '../../../functions/shared/store/timeline';
import {
  emailsTo,
  executionArn,
  sfnClient,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { phoneFor, seeded, uniqueWord } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';

/** A flagged lead waits for its team's supervisor: approve, reject, or no answer in time. */

const cloud = inject('localCloud');

async function submitFlagged(name: string, email: string) {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      name,
      email,
      company: 'Review Test Ltd',
      phone: phoneFor(email),
      language: 'en',
      interest: 'Office cleaning',
      country: 'DE',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { leadId: string }).leadId;
}

/** The supervisor's review requests for the lead, once at least one arrived. */
async function reviewRequest(name: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await emailsTo(cloud, seeded.supervisorNorth)).filter(
      // The subject names the lead, never what the prospect typed: the body names them.
      (e) => e.subject.startsWith('Lead to review: lead ') && (e.body.text ?? '').includes(name),
    );
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`No review request for ${name}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stored(leadId: string) {
  const table = localTable(cloud);
  try {
    return {
      lead: await leadStore(table).getLead(leadId),
      review: await decisionSteps(table).get(leadReviewKey(leadId)),
      timeline: await readTimeline(table, leadRecordPk(leadId)),
    };
  } finally {
    table.client.destroy();
  }
}

async function decide(leadId: string, output: Record<string, unknown>) {
  const { review } = await stored(leadId);
  expect(review?.taskToken).toBeTruthy();
  const client = sfnClient(cloud);
  try {
    await client.send(
      new SendTaskSuccessCommand({ taskToken: review?.taskToken, output: JSON.stringify(output) }),
    );
  } finally {
    client.destroy();
  }
  return waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));
}

const supervisor = { staffId: 'supervisor-north', name: 'Sam Supervisor' };

describe('supervisor review of a flagged lead', () => {
  it('asks the supervisor with a signed link; approved, the lead goes to an agent', async () => {
    const name = `Flagged ${uniqueWord()}`;
    const email = `${uniqueWord()}@mailinator.com`;
    const leadId = await submitFlagged(name, email);
    const [request] = await reviewRequest(name);
    // Absolute: a mail program has no page to resolve a bare path against.
    const link =
      /(\S+\/leads\/review\/v2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\?decision=approve/.exec(
        request?.body.text ?? '',
      )?.[1];
    expect(link?.startsWith(`${cloud.gatewayUrl}/leads/review/v2.`)).toBe(true);
    expect(await waitForEmailsTo(cloud, email)).toHaveLength(1);
    const waiting = await stored(leadId);
    expect(waiting.lead?.ownerId).toBeUndefined();
    expect(waiting.timeline.map((e) => e.step)).toContain('lead-review-requested');

    const execution = await decide(leadId, { decision: 'approve', by: supervisor });
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('assigned');
    expect(after.lead?.ownerId).toBeTruthy();
    const steps = after.timeline.map((e) => e.step);
    expect(steps).toContain('lead-assigned');
    // The acknowledgement, the review request and the agent's notice: each once.
    expect(steps.filter((s) => s === 'email-sent')).toHaveLength(3);
    expect(await reviewRequest(name)).toHaveLength(1);
  });

  it('rejected, the lead is marked rejected with the reason and given to nobody', async () => {
    const name = `Flagged ${uniqueWord()}`;
    const leadId = await submitFlagged(name, `${uniqueWord()}@mailinator.com`);
    await reviewRequest(name);
    const execution = await decide(leadId, {
      decision: 'reject',
      by: supervisor,
      reason: 'Throwaway address',
    });
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('rejected');
    expect(after.lead?.rejectionReason).toBe('Throwaway address');
    expect(after.lead?.ownerId).toBeUndefined();
    const rejected = after.timeline.find((e) => e.step === 'lead-rejected');
    expect(rejected?.summary).toBe('Rejected: Throwaway address');
    expect(rejected?.by).toEqual({ kind: 'staff', ...supervisor });
  });

  it('unanswered for 3 business days, the managers are told once; the lead stays flagged', async () => {
    const name = `Flagged ${uniqueWord()}`;
    const leadId = await submitFlagged(name, uniqueAddress('x').replace(/@.*/, '@mailinator.com'));
    await reviewRequest(name);
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: 6 * 24 * 3_600_000 }),
    });
    expect(moved.status).toBe(200);
    const execution = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId));
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const escalations = (await emailsTo(cloud, seeded.manager)).filter(
      (e) => e.subject === `Lead review overdue: lead ${leadId}`,
    );
    expect(escalations).toHaveLength(1);
    const after = await stored(leadId);
    expect(after.lead?.status).toBe('new');
    expect(after.lead?.ownerId).toBeUndefined();
    expect(after.review?.escalatedAt).toBeTruthy();
  });
});
