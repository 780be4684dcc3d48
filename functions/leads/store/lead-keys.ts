import type { Lead } from '../rules/lead';

/** Keys and list attributes of leads, shared by the lead store and the lead lists. */

/** The pk of a lead: its item and its timeline live there. */
export const leadRecordPk = (leadId: string) => `LEAD#${leadId}`;
export const leadMonthsPk = 'LEAD-MONTHS';
export const unassignedPartition = 'UNASSIGNED';
export const teamPartition = (team: string) => `TEAM#${team}`;
export const ownerPartition = (staffId: string) => `OWNER#${staffId}`;
export const monthPartition = (month: string) => `LEADS#${month}`;
/** The month a lead counts in (UTC: a storage partition, not a business date). */
export const leadMonth = (receivedAt: string) => receivedAt.slice(0, 7);
/** The one partition of the first-contact index: assigned leads nobody has contacted yet. */
export const firstContactDuePartition = 'FIRST-CONTACT-DUE';

/** The key of a lead's own item. */
export const leadKey = (leadId: string) => ({ pk: leadRecordPk(leadId), sk: 'LEAD' });

/** A lead as stored: its key, the lead and the attributes that put it on the list indexes. */
export function leadItem(lead: Lead) {
  return { ...leadKey(lead.leadId), entity: 'lead', ...lead, ...listAttributes(lead) };
}

/** The attributes that put a lead on the list indexes (see `lead-lists.ts`). */
export function listAttributes(lead: Lead) {
  return {
    listSk: `${lead.receivedAt}#${lead.leadId}`,
    monthPk: monthPartition(leadMonth(lead.receivedAt)),
    teamPk: lead.team ? teamPartition(lead.team) : unassignedPartition,
    ...(lead.ownerId ? { ownerPk: ownerPartition(lead.ownerId) } : {}),
    // Only while first contact is awaited: logging it (or any later status) drops the lead out.
    ...(lead.status === 'assigned' && lead.firstContactDueAt
      ? {
          firstContactPk: firstContactDuePartition,
          firstContactSk: `${lead.firstContactDueAt}#${lead.leadId}`,
        }
      : {}),
    // Lower-cased once here, so a search is one `contains` filter.
    searchText: [lead.name, lead.email, lead.company ?? ''].join(' ').toLowerCase(),
  };
}

/** A stored item as a lead; leads stored before staff pages existed get their defaults. */
export function toLead(item: Record<string, unknown>): Lead {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    listSk: _listSk,
    monthPk: _monthPk,
    teamPk: _teamPk,
    ownerPk: _ownerPk,
    firstContactPk: _firstContactPk,
    firstContactSk: _firstContactSk,
    searchText: _searchText,
    ...rest
  } = item;
  const lead = rest as unknown as Lead;
  return {
    ...lead,
    status: lead.status ?? (lead.ownerId ? 'assigned' : 'new'),
    version: Number(lead.version ?? 1),
  };
}
