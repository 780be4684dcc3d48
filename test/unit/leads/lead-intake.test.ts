import { describe, expect, it } from 'vitest';
import type { ContactStore } from '../../../functions/accounts/store/contacts';
import { acceptLead, acknowledgeLead, isLeadId } from '../../../functions/leads/lead-intake';
import type { LeadDetails } from '../../../functions/leads/rules/lead';
import type { LeadStore } from '../../../functions/leads/store/lead-store';
import { outbox } from '../../../functions/messages/outbox';
import { Conflict, InvalidPayload, RecordMissing } from '../../../functions/shared/errors';
import type { WorkflowStarter } from '../../../functions/shared/workflow';
import {
  memoryAcknowledgementCaps,
  memoryLeadStore,
  memoryOutboxStore,
  memorySettings,
  recordingSender,
} from '../../support/memory-stores';

const details: LeadDetails = {
  name: 'Anna Müller',
  email: 'anna@example.de',
  country: 'DE',
  language: 'de',
  interest: 'Werbung',
};
const now = new Date('2026-03-14T09:00:00Z');

function recordingStarter() {
  const started: { name: string; input: unknown }[] = [];
  const starter: WorkflowStarter & { started: typeof started } = {
    started,
    async start(name, input) {
      const again = started.some((s) => s.name === name);
      started.push({ name, input });
      return again ? 'already-started' : 'started';
    },
  };
  return starter;
}

/** No prospect is known here: contact linking has its own tests against DynamoDB Local. */
const nobodyKnown: ContactStore = {
  lookup: async () => ({ known: { email: false, phone: false } }),
  findByContact: async () => undefined,
  recordAccountContact: async () => undefined,
  accountProfile: async () => undefined,
  noteLinkedEnquiry: async () => true,
};

const depsOf = (leads: LeadStore, intake: WorkflowStarter) => ({
  leads,
  intake,
  contacts: nobodyKnown,
  linkedEnquiry: {
    start: async () => {
      throw new Error('No lead is linked in these tests');
    },
  },
});

describe('accepting a lead', () => {
  it('stores it and starts its intake named by the lead id, input exactly {leadId}', async () => {
    const leads = memoryLeadStore();
    const intake = recordingStarter();
    const { lead, created } = await acceptLead(
      depsOf(leads, intake),
      details,
      { kind: 'form-token', key: 'nonce-1', source: 'web-form' },
      now,
    );
    expect(created).toBe(true);
    expect(isLeadId(lead.leadId)).toBe(true);
    expect(lead).toMatchObject({ ...details, source: 'web-form', receivedAt: now.toISOString() });
    expect(intake.started).toEqual([{ name: lead.leadId, input: { leadId: lead.leadId } }]);
    expect(JSON.stringify(intake.started[0]?.input)).toBe(`{"leadId":"${lead.leadId}"}`);
  });

  it('answers a repeated submission with the first lead, and makes sure its intake started', async () => {
    const leads = memoryLeadStore();
    const intake = recordingStarter();
    const submission = { kind: 'idempotency-key' as const, key: 'k-1', source: 'api' as const };
    const first = await acceptLead(depsOf(leads, intake), details, submission, now);
    const again = await acceptLead(depsOf(leads, intake), details, submission, new Date());
    expect(again).toEqual({ lead: first.lead, created: false });
    expect(leads.leads.size).toBe(1);
    // Started again: a crash between storing and starting the first time is healed by the retry.
    expect(intake.started.map((s) => s.name)).toEqual([first.lead.leadId, first.lead.leadId]);
  });

  it('refuses an Idempotency-Key reused for different details', async () => {
    const leads = memoryLeadStore();
    const intake = recordingStarter();
    const submission = { kind: 'idempotency-key' as const, key: 'k-1', source: 'api' as const };
    await acceptLead(depsOf(leads, intake), details, submission, now);
    await expect(
      acceptLead(
        depsOf(leads, intake),
        { ...details, interest: 'Mitgliedschaft' },
        submission,
        now,
      ),
    ).rejects.toBeInstanceOf(Conflict);
    expect(leads.leads.size).toBe(1);
  });

  it('treats a form posted again with edits as the same submission', async () => {
    const leads = memoryLeadStore();
    const intake = recordingStarter();
    const submission = { kind: 'form-token' as const, key: 'nonce-1', source: 'web-form' as const };
    const first = await acceptLead(depsOf(leads, intake), details, submission, now);
    const edited = await acceptLead(
      depsOf(leads, intake),
      { ...details, name: 'Anna M.' },
      submission,
      now,
    );
    expect(edited).toEqual({ lead: first.lead, created: false });
  });
});

function ackDeps(leads: LeadStore, ses: ReturnType<typeof recordingSender>) {
  return {
    leads,
    outbox: outbox(memoryOutboxStore(), ses),
    sender: 'desk@example.com',
    caps: memoryAcknowledgementCaps(),
    settings: memorySettings(),
    zone: 'Europe/Berlin',
  };
}

describe('acknowledging a lead', () => {
  it('acknowledges an address at most 3 times a day; more leads are taken, not acknowledged', async () => {
    const leads = memoryLeadStore();
    const ses = recordingSender();
    const deps = ackDeps(leads, ses);
    const submit = async (key: string, at: Date) =>
      (
        await acceptLead(
          depsOf(leads, recordingStarter()),
          { ...details, email: key.startsWith('other') ? 'other@example.org' : details.email },
          { kind: 'form-token', key, source: 'web-form' },
          at,
        )
      ).lead;
    const day = [1, 2, 3, 4].map((n) => new Date(now.getTime() + n * 60_000));
    const sameDay = [await submit('n1', day[0] as Date), await submit('n2', day[1] as Date)];
    sameDay.push(await submit('n3', day[2] as Date), await submit('n4', day[3] as Date));
    const outcomes = [];
    for (const lead of sameDay)
      outcomes.push((await acknowledgeLead(deps, lead.leadId, now)).outcome);
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'withheld']);
    // A rerun of a step changes nothing: the fourth stays withheld, the first is not sent twice.
    expect(await acknowledgeLead(deps, sameDay[3]?.leadId, now)).toEqual({ outcome: 'withheld' });
    expect(await acknowledgeLead(deps, sameDay[0]?.leadId, now)).toEqual({
      outcome: 'already-sent',
    });
    expect(deps.caps.withheld).toHaveLength(1);
    expect(deps.caps.withheld[0]?.summary).toMatch(/acknowledged 3 times on 2026-/);
    // Another address is not affected; the next day the address is acknowledged again.
    const other = await submit('other-1', now);
    expect(await acknowledgeLead(deps, other.leadId, now)).toEqual({ outcome: 'sent' });
    const nextDay = await submit('n5', new Date(now.getTime() + 86_400_000));
    expect(await acknowledgeLead(deps, nextDay.leadId, now)).toEqual({ outcome: 'sent' });
    expect(ses.sent).toHaveLength(5);
  });

  it('emails the prospect once, in their language', async () => {
    const leads = memoryLeadStore();
    const ses = recordingSender();
    const deps = ackDeps(leads, ses);
    const { lead } = await acceptLead(
      depsOf(leads, recordingStarter()),
      details,
      { kind: 'form-token', key: 'n', source: 'web-form' },
      now,
    );
    expect(await acknowledgeLead(deps, lead.leadId, now)).toEqual({ outcome: 'sent' });
    expect(await acknowledgeLead(deps, lead.leadId, now)).toEqual({ outcome: 'already-sent' });
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]?.Content?.Simple?.Subject?.Data).toBe(
      `Vielen Dank für Ihre Anfrage (Referenz ${lead.leadId})`,
    );
    expect(ses.sent[0]?.FromEmailAddress).toBe('desk@example.com');
  });

  it('fails with a name the workflow can tell apart', async () => {
    const deps = ackDeps(memoryLeadStore(), recordingSender());
    await expect(acknowledgeLead(deps, undefined, now)).rejects.toBeInstanceOf(InvalidPayload);
    await expect(acknowledgeLead(deps, 'lead-1', now)).rejects.toBeInstanceOf(InvalidPayload);
    const missing = await acknowledgeLead(deps, '01JPA7Q0Z3V8M2K4N6R8T0W2Y4', now).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(RecordMissing);
    expect((missing as Error).name).toBe('RecordMissing');
  });
});
