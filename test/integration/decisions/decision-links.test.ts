import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  approvalLinkPurpose,
  approvalSubject,
} from '../../../functions/contracts/contract-approvals';
import { contractStore } from '../../../functions/contracts/store/contracts';
import {
  type LeadReview,
  leadReviewKey,
  leadReviewPurpose,
  teamOfLead,
} from '../../../functions/leads/lead-review';
import { leadStore } from '../../../functions/leads/store/lead-store';
import {
  quoteAnswerPurpose,
  quoteAnswerStep,
  quoteApprovalPurpose,
  quoteApprovalStep,
} from '../../../functions/quotes/quote-steps';
import { quoteStore } from '../../../functions/quotes/store/quotes';
import { deciderSubject } from '../../../functions/shared/decisions/decision-links';
import { decisionSteps, type StepKey } from '../../../functions/shared/decisions/decision-step';
import { createSignedLink } from '../../../functions/shared/signed-link';
import { signingKeyReader } from '../../../functions/shared/signing-key';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import { staffStore } from '../../../functions/staff/store/staff-store';
import { localClientConfig } from '../../../infra/local/aws-clients';
import { localArn, localNames } from '../../../infra/local/names';
import { acceptedQuote, startContractFor } from '../../support/contracts';
import {
  cloudNow,
  executionArn,
  uniqueAddress,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { phoneFor, seeded, submitLead, uniqueWord } from '../../support/office';
import { drawQuote } from '../../support/quotes';
import { localTable, waitForIntake } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * A staff decision link decides as the person it was emailed to, and only while their role
 * decides the step: a supervisor demoted after the email went out decides nothing with it, and a
 * decision is recorded in the name of the person the link was sent to, not of whoever supervises
 * the team when it is clicked. The links here are signed as the desk signs the emailed ones, for
 * a supervisor made for the test (the seeded staff stay as they are for the other tests).
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const secrets = new SecretsManagerClient(localClientConfig(cloud.secretsManagerEndpoint));
const signingKeys = signingKeyReader(localArn.secret(localNames.signingKeySecret), secrets);
let manager: StaffSession;

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
});

afterAll(() => {
  table.client.destroy();
  secrets.destroy();
});

const json = (method: string, value: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

type Role = 'agent' | 'supervisor';

/** A supervisor of `team` whom no lead is ever assigned to; `become` changes the role. */
async function newSupervisor(team: string) {
  const details = {
    name: `Dana Decider ${uniqueWord()}`,
    email: `dana.${crypto.randomUUID()}@desk.local`,
    role: 'supervisor' as Role,
    team,
    capacity: 0,
    language: 'en',
    workingHours: { start: '09:00', end: '17:00' },
    active: true,
  };
  const created = await manager.fetch('/staff', json('POST', details));
  expect(created.status).toBe(201);
  let { staffId, version } = (await created.json()) as { staffId: string; version: number };
  return {
    staffId,
    name: details.name,
    async become(role: Role, active = true) {
      const edit = { ...details, role, active, version };
      const answer = await manager.fetch(`/staff/${staffId}`, json('PUT', edit));
      expect(answer.status).toBe(200);
      ({ version } = (await answer.json()) as { version: number });
    },
    async retire() {
      await this.become('supervisor', false);
      staffId = '';
    },
  };
}

async function link(purpose: string, subject: string, path: string, days = 7) {
  const { token } = createSignedLink(
    {
      purpose,
      subject,
      expiresAt: new Date((await cloudNow(cloud)).getTime() + days * 86_400_000),
      locale: 'en',
    },
    await signingKeys(),
  );
  return `${cloud.gatewayUrl}${path}/${token}`;
}

const post = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });

describe("a quote's special terms by link", () => {
  it('are not decided by a supervisor demoted since; and are decided in the name the link was sent to', async () => {
    const word = uniqueWord();
    const leadId = await submitLead(cloud, {
      name: `Link Prospect ${word}`,
      company: `Link Co ${word}`,
      email: `link.${word}@example.org`,
    });
    const { quoteId } = await drawQuote(manager, leadId, {
      email: uniqueAddress('terms'),
      discount1: '20',
    });
    const quotes = quoteStore(table);
    await expect
      .poll(async () => (await quotes.get(quoteId))?.status, { timeout: 30_000 })
      .toBe('awaiting-approval');
    const quote = await quotes.get(quoteId);
    const dana = await newSupervisor(quote?.team ?? 'north');
    const approve = await link(
      quoteApprovalPurpose,
      deciderSubject(quoteId, dana.staffId),
      '/quotes/approval',
    );

    await dana.become('agent');
    const shown = await fetch(approve);
    expect(shown.status).toBe(403);
    expect(await shown.text()).toContain('This link no longer decides');
    const refused = await post(approve, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect((await quotes.get(quoteId))?.approval).toBeUndefined();

    await dana.become('supervisor');
    const decided = await post(approve, { decision: 'approve' });
    expect(decided.status, await decided.clone().text()).toBe(200);
    const after = await quotes.get(quoteId);
    // Not the team's supervisor (Sam): the person the link was sent to.
    expect(after?.approval).toMatchObject({
      decision: 'approve',
      by: { staffId: dana.staffId, name: dana.name },
    });
    await dana.retire();
  });
});

describe("a contract's approval by link", () => {
  it('is refused once the approver is no longer a supervisor of its team, or not active', async () => {
    const { quoteId } = await acceptedQuote(cloud, {
      legalName: `Link Approvals ${uniqueWord()} Ltd`,
      email: uniqueAddress('approval'),
    });
    const { contractId } = await startContractFor(cloud, quoteId);
    const contract = await contractStore(table).get(contractId);
    if (!contract) throw new Error(`Contract ${contractId} is not stored`);
    const dana = await newSupervisor(contract.team);
    const approve = await link(
      approvalLinkPurpose,
      approvalSubject(contract, 'supervisor', dana.staffId),
      '/contracts/approval',
      30,
    );
    // While Dana supervises the team the link works (nothing waits yet: "already decided").
    expect((await fetch(approve)).status).toBe(409);

    await dana.become('agent');
    const demoted = await fetch(approve);
    expect(demoted.status).toBe(403);
    expect(await demoted.text()).toContain('no longer decides this step');
    expect((await post(approve, { decision: 'approve' })).status).toBe(403);

    await dana.become('supervisor', false);
    expect((await fetch(approve)).status).toBe(403);
    expect((await contractStore(table).get(contractId))?.approvals.supervisor).toBeUndefined();
    await dana.retire();
  });
});

describe('a flagged lead by link', () => {
  async function flaggedLead() {
    const email = `${uniqueWord()}@mailinator.com`;
    const response = await fetch(`${cloud.gatewayUrl}/leads`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${cloud.leadApiKey}`,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        name: `Flagged ${uniqueWord()}`,
        email,
        company: 'Link Review Ltd',
        phone: phoneFor(email),
        language: 'en',
        interest: 'Office cleaning',
        country: 'DE',
      }),
    });
    expect(response.status).toBe(201);
    const { leadId } = (await response.json()) as { leadId: string };
    expect(await waitForIntake(cloud, leadId)).toBe('awaiting-review');
    const lead = await leadStore(table).getLead(leadId);
    if (!lead) throw new Error(`Lead ${leadId} is not stored`);
    return { leadId, team: await teamOfLead(settingsStore(table), lead) };
  }

  it('is not decided by a demoted supervisor; a link from before links named their person decides as the reviewer it went to', async () => {
    const { leadId, team } = await flaggedLead();
    const dana = await newSupervisor(team);
    const danaLink = await link(
      leadReviewPurpose,
      deciderSubject(leadId, dana.staffId),
      '/leads/review',
    );
    await dana.become('agent');
    expect((await fetch(danaLink)).status).toBe(403);
    expect((await post(danaLink, { decision: 'approve' })).status).toBe(403);
    expect((await decisionSteps(table).get(leadReviewKey(leadId)))?.decision).toBeUndefined();
    await dana.retire();

    // A link signed before links named their person: the reviewer it was emailed to decides.
    const older = await link(leadReviewPurpose, leadId, '/leads/review');
    const decided = await post(older, { decision: 'reject', reason: 'Not a real company' });
    expect(decided.status).toBe(200);
    const review = (await decisionSteps(table).get(leadReviewKey(leadId))) as
      | LeadReview
      | undefined;
    expect(review?.decision).toMatchObject({
      decision: 'reject',
      staffId: review?.reviewer?.staffId,
      name: review?.reviewer?.name,
    });
  });
});

/**
 * Executions started before the decision step kept a quote's task tokens on the quote itself
 * (`approvalToken`, `answerToken`) and emailed links of the same purposes and subjects. Such a
 * quote, waiting when the new code is deployed, is answered by the new code and its workflow
 * completes. The test leaves the waiting quote exactly as the old code did: the token moved from
 * the step item onto the quote, the step item gone, the links signed as the old code signed them.
 */

/** The step's token, once the workflow waits on it. */
async function tokenOf(step: StepKey): Promise<string> {
  let token: unknown;
  await expect
    .poll(
      async () => {
        const { Item } = await table.client.send(
          new GetCommand({ TableName: table.name, Key: step, ConsistentRead: true }),
        );
        token = Item?.taskToken;
        return typeof token;
      },
      { timeout: 30_000 },
    )
    .toBe('string');
  return String(token);
}

/** Leaves the wait as the old code did: the token on the quote, no step item. */
async function asBefore(quoteId: string, step: StepKey, field: 'approvalToken' | 'answerToken') {
  const token = await tokenOf(step);
  await table.client.send(new DeleteCommand({ TableName: table.name, Key: step }));
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: { pk: `QUOTE#${quoteId}`, sk: 'QUOTE' },
      UpdateExpression: 'SET #token = :token',
      ExpressionAttributeNames: { '#token': field },
      ExpressionAttributeValues: { ':token': token },
    }),
  );
}

describe('a quote waiting on tokens kept the old way', () => {
  it('is approved and answered by the new code through the old links, and its workflow completes', async () => {
    const word = uniqueWord();
    const leadId = await submitLead(cloud, {
      name: `Old Prospect ${word}`,
      company: `Old Co ${word}`,
      email: `old.${word}@example.org`,
    });
    const { quoteId } = await drawQuote(manager, leadId, {
      email: uniqueAddress('before'),
      discount1: '20',
    });
    const quotes = quoteStore(table);
    await asBefore(quoteId, quoteApprovalStep(quoteId), 'approvalToken');
    const quote = await quotes.get(quoteId);
    expect(quote?.approvalToken).toBeTruthy();

    const team = await staffStore(table).getTeam(quote?.team ?? '');
    const approve = await link(
      quoteApprovalPurpose,
      deciderSubject(quoteId, team?.supervisorId ?? ''),
      '/quotes/approval',
    );
    const decided = await post(approve, { decision: 'approve' });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.text()).toContain('Decision recorded');
    const again = await post(approve, { decision: 'reject', reason: 'Second thoughts' });
    expect(again.status).not.toBe(200);

    await asBefore(quoteId, quoteAnswerStep(quoteId), 'answerToken');
    const answer = await link(quoteAnswerPurpose, quoteId, '/quotes/answer');
    const declined = await post(answer, { answer: 'decline', reason: 'Too dear' });
    expect(declined.status, await declined.clone().text()).toBe(200);

    const execution = await waitForExecution(cloud, executionArn(cloud, 'quote', quoteId));
    expect(execution.status).toBe('SUCCEEDED');
    const closed = await quotes.get(quoteId);
    expect(closed?.status).toBe('declined');
    expect(closed?.approval).toMatchObject({ decision: 'approve' });
    expect(closed?.approvalToken).toBeUndefined();
    expect(closed?.answerToken).toBeUndefined();
  });
});
