import { queryAll, type Table } from '../../shared/store/table';
import type { TimelineActor } from '../../shared/store/timeline';
import type { Lead } from '../rules/lead';
import { changeLead } from './lead-changes';
import { firstContactDuePartition, toLead } from './lead-keys';

/**
 * Leads awaiting first contact, read from the sparse index `leads-first-contact-due`
 * (firstContactPk = `FIRST-CONTACT-DUE`, firstContactSk = `<firstContactDueAt>#<leadId>`; see
 * `lead-keys.ts`): only assigned leads with a due date are on it, and logging the first contact
 * takes the lead off it in the same conditional write as its timeline entry.
 */

export const firstContactIndex = 'leads-first-contact-due';

/** Every lead awaiting first contact whose due date is at or before `until`, earliest first. */
export async function firstContactsDueBy(table: Table, until: Date): Promise<Lead[]> {
  const items = await queryAll(table, {
    IndexName: firstContactIndex,
    KeyConditionExpression: 'firstContactPk = :pk AND firstContactSk <= :until',
    // `~` sorts after every lead id character: a lead due exactly at `until` is included.
    ExpressionAttributeValues: {
      ':pk': firstContactDuePartition,
      ':until': `${until.toISOString()}#~`,
    },
  });
  return items.map(toLead);
}

export type FirstContactLog = 'logged' | 'not-awaited' | 'stale';

/**
 * Marks the lead `contacted` (off the index) with a timeline entry, if it still awaits first
 * contact at `expectedVersion`. A lead not awaiting it answers `not-awaited`, nothing written.
 */
export async function logFirstContact(
  table: Table,
  leadId: string,
  by: Extract<TimelineActor, { kind: 'staff' }>,
  expectedVersion: number,
  at: Date,
): Promise<FirstContactLog> {
  const outcome = await changeLead(table, leadId, expectedVersion, {
    appliesTo: (lead) => lead.status === 'assigned',
    apply: (lead) => ({ ...lead, status: 'contacted' }),
    timeline: (contacted) => ({
      stepKey: `first-contact#${contacted.version}`,
      entry: {
        at: at.toISOString(),
        step: 'first-contact',
        summary: `First contact made by ${by.name}`,
        by,
        via: 'back office',
      },
    }),
  });
  return outcome === 'changed' ? 'logged' : outcome === 'stale' ? 'stale' : 'not-awaited';
}
