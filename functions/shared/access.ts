import type { StaffPrincipal } from './staff-member';

/**
 * Who may see and change a record that belongs to someone (DOMAIN.md, "People and roles"):
 *
 * | role       | sees                                 | changes                               |
 * |------------|--------------------------------------|---------------------------------------|
 * | agent      | records they own                     | records they own                      |
 * | supervisor | their team's records, and unassigned | the same                              |
 * | manager    | everything                           | everything                            |
 * | finance    | every money record                   | money records; no lead or contract    |
 *
 * A record a caller may not see is answered like a missing one (404), so its existence does not
 * leak. The route's roles are checked at the gateway first; this is the second, per-record gate.
 */

/** Records with an owner: customer work (leads, accounts, contracts, work orders) and money. */
export type RecordKind =
  | 'lead'
  | 'account'
  | 'contract'
  | 'work-order'
  | 'invoice'
  | 'payment'
  | 'statement'
  | 'staff-member';

const moneyRecords: ReadonlySet<RecordKind> = new Set(['invoice', 'payment', 'statement']);

export interface OwnedRecord {
  /** The staff member the record is assigned to; absent while unassigned. */
  ownerId?: string;
  /** The team the record belongs to; absent while unassigned. */
  team?: string;
}

/** Staff entries are "owned" by the person they describe. */
export const staffRecord = (member: { staffId: string; team: string }): OwnedRecord => ({
  ownerId: member.staffId,
  team: member.team,
});

export function maySee(principal: StaffPrincipal, kind: RecordKind, record: OwnedRecord): boolean {
  switch (principal.role) {
    case 'manager':
      return true;
    case 'supervisor':
      return (
        record.ownerId === principal.staffId ||
        record.team === principal.team ||
        // Unassigned work waits for a supervisor to assign it.
        (record.ownerId === undefined && record.team === undefined && kind !== 'staff-member')
      );
    case 'agent':
      return record.ownerId !== undefined && record.ownerId === principal.staffId;
    case 'finance':
      return moneyRecords.has(kind) || kind === 'account' || record.ownerId === principal.staffId;
  }
}

export function mayChange(
  principal: StaffPrincipal,
  kind: RecordKind,
  record: OwnedRecord,
): boolean {
  if (kind === 'staff-member') return principal.role === 'manager';
  if (principal.role === 'finance') return moneyRecords.has(kind);
  return maySee(principal, kind, record);
}

/** Writing off what cannot be collected, editing the directory, changing settings. */
export function isManager(principal: StaffPrincipal): boolean {
  return principal.role === 'manager';
}
