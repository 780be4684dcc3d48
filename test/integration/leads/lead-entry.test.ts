import { beforeAll, describe, expect, inject, it } from 'vitest';
import { leadRecordPk } from '../../../functions/leads/store/lead-keys';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { readTimeline } from '../../../functions/shared/store/timeline';
import {
  executionArn,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { fieldValue, postForm, seeded } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/** Staff enter a lead by hand: the same store path and intake as the public form. */

const cloud = inject('localCloud');
let agent: StaffSession;

beforeAll(async () => {
  agent = await signInAs(cloud, seeded.agentNorth);
});

async function newLeadForm(): Promise<Record<string, string>> {
  const page = await (
    await agent.fetch('/office/leads/new', { headers: { accept: 'text/html' } })
  ).text();
  return { csrf: fieldValue(page, 'csrf') ?? '', entryKey: fieldValue(page, 'entryKey') ?? '' };
}

describe('New lead in the back office', () => {
  it('enters a lead with its source once, even posted twice, and starts its intake', async () => {
    const email = uniqueAddress('entered');
    const fields = {
      ...(await newLeadForm()),
      source: 'exhibition',
      name: 'Exhibition Visitor',
      company: 'Fair Trade GmbH',
      email,
      country: 'DE',
      language: 'de',
      interest: 'Office cleaning',
    };
    const first = await postForm(agent, '/office/leads/new', fields);
    expect(first.status).toBe(303);
    const again = await postForm(agent, '/office/leads/new', fields);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const leadId = /entered=([0-9A-Z]{26})/.exec(first.headers.get('location') ?? '')?.[1];
    expect(leadId).toBeDefined();

    const execution = await waitForExecution(
      cloud,
      executionArn(cloud, 'lead-intake', leadId ?? ''),
    );
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    expect(await waitForEmailsTo(cloud, email)).toHaveLength(1);

    const table = localTable(cloud);
    try {
      const lead = await leadStore(table).getLead(leadId ?? '');
      expect(lead).toMatchObject({ source: 'exhibition', language: 'de', team: 'north' });
      const [received] = await readTimeline(table, leadRecordPk(leadId ?? ''));
      expect(received?.by).toMatchObject({ kind: 'staff', name: 'Alex Agent' });
      expect(received?.via).toContain('exhibition');
    } finally {
      table.client.destroy();
    }
  });

  it('names each missing field and the source, and enters nothing', async () => {
    const form = await newLeadForm();
    const response = await postForm(agent, '/office/leads/new', { ...form, source: 'rumour' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/id="f-source-error">Choose where the lead came from/);
    expect(page).toContain('id="f-name-error"');
    expect(page).toContain('id="f-email-error"');
    // The same entry key stays on the page, so the corrected form still makes one lead.
    expect(fieldValue(page, 'entryKey')).toBe(form.entryKey);
  });
});
