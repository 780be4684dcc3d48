/**
 * What the daily jobs' item ids stand for: made and read back here (a job re-loads an item by its
 * id to try it again), and linked to their records in the back office. Pure and free of the jobs'
 * own code, so the back office reads it without bundling the jobs.
 */

/** What a job item's id stands for, and its record's page in the back office. */
export interface ItemRecord {
  label: string;
  /** `/office/contracts/CON-1`, without the API's base path. */
  path: string;
}

export type BillingItem =
  | { kind: 'term'; contractId: string; termStart: string }
  | { kind: 'charges'; accountId: string; month: string; currency: string }
  | { kind: 'first-invoice'; contractId: string };

/** The id of a billing item: what its markers and open-item records are keyed by. */
export function billingItemId(item: BillingItem): string {
  switch (item.kind) {
    case 'term':
      return `term#${item.contractId}#${item.termStart}`;
    case 'charges':
      return `charges#${item.accountId}#${item.month}#${item.currency}`;
    case 'first-invoice':
      return `first-invoice#${item.contractId}`;
  }
}

/** The item an id stands for; undefined for an id the billing job never made. */
export function billingItemOf(id: string): BillingItem | undefined {
  const [kind, ...parts] = id.split('#');
  const [a = '', b = '', c = ''] = parts;
  if (kind === 'term' && parts.length === 2) return { kind, contractId: a, termStart: b };
  if (kind === 'charges' && parts.length === 3) {
    return { kind, accountId: a, month: b, currency: c };
  }
  if (kind === 'first-invoice' && parts.length === 1) return { kind, contractId: a };
  return undefined;
}

export interface StatementItem {
  accountId: string;
  month: string;
}

/** `<accountId>#<yyyy-mm>`: an account has a statement each month, each an item of its own. */
export const statementItemId = (item: StatementItem) => `${item.accountId}#${item.month}`;

export function statementItemOf(id: string): StatementItem | undefined {
  const match = /^(.+)#(\d{4}-\d{2})$/.exec(id);
  return match ? { accountId: match[1] ?? '', month: match[2] ?? '' } : undefined;
}

const page = (kind: string, id: string, more = '') =>
  `/office/${kind}/${encodeURIComponent(id)}${more}`;

function billingRecord(itemId: string): ItemRecord | undefined {
  const item = billingItemOf(itemId);
  switch (item?.kind) {
    case 'term':
      return {
        label: `Contract ${item.contractId}, term from ${item.termStart}`,
        path: page('contracts', item.contractId),
      };
    case 'charges':
      return {
        label: `Charges of account ${item.accountId}, ${item.month}, ${item.currency}`,
        path: page('accounts', item.accountId),
      };
    case 'first-invoice':
      return {
        label: `First invoice of contract ${item.contractId}`,
        path: page('contracts', item.contractId),
      };
    default:
      return undefined;
  }
}

const records: Record<string, (itemId: string) => ItemRecord | undefined> = {
  billing: billingRecord,
  arrears: (number) => ({ label: `Invoice ${number}`, path: page('invoices', number) }),
  renewals: (id) => ({ label: `Contract ${id}`, path: page('contracts', id) }),
  'first-contacts': (id) => ({ label: `Lead ${id}`, path: page('leads', id) }),
  statements: (id) => {
    const item = statementItemOf(id);
    return (
      item && {
        label: `Statement of account ${item.accountId} for ${item.month}`,
        path: page('accounts', item.accountId, '/statements'),
      }
    );
  },
};

/** The record a job's item stands for; undefined for a job or an id the desk does not know. */
export function itemRecordOf(job: string, itemId: string): ItemRecord | undefined {
  return Object.hasOwn(records, job) ? records[job]?.(itemId) : undefined;
}
