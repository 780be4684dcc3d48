import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll, queryCount, type Table } from '../../shared/store/table';
import type { Lead, LeadSource, LeadStatus } from '../rules/lead';
import {
  leadMonthsPk,
  monthPartition,
  ownerPartition,
  teamPartition,
  toLead,
  unassignedPartition,
} from './lead-keys';

/**
 * The lists of leads staff see, read from sparse indexes (never a Scan). Every index sorts by
 * `listSk` = `<receivedAt>#<leadId>`, read newest first, and a page's cursor is the `listSk` of
 * its last lead.
 *
 * | index            | partition (attribute = value)       | serves                                 |
 * |------------------|-------------------------------------|----------------------------------------|
 * | `leads-by-owner` | ownerPk = `OWNER#<staffId>`         | an agent's own leads; "owner" filter   |
 * | `leads-by-team`  | teamPk = `TEAM#<team>` or           | a supervisor's team, plus the leads    |
 * |                  |   `UNASSIGNED` (no owner yet)       |   nobody owns yet                      |
 * | `leads-by-month` | monthPk = `LEADS#<yyyy-mm>`         | every lead (manager), month by month;  |
 * |                  |                                     |   `LEAD-MONTHS` says which months exist|
 *
 * Status, source and search are filters on the read partition; a request reads at most
 * `maxReadsPerPartition` pages of a partition and, when it stops early, the cursor says where.
 */

export const leadIndexes = {
  byOwner: { name: 'leads-by-owner', partitionKey: 'ownerPk' },
  byTeam: { name: 'leads-by-team', partitionKey: 'teamPk' },
  byMonth: { name: 'leads-by-month', partitionKey: 'monthPk' },
} as const;
export const leadListSortKey = 'listSk';

/** Which leads a list may hold: the caller's access decides it (`lead-desk.ts`). */
export type LeadScope =
  | { kind: 'owner'; staffId: string; team?: string }
  | { kind: 'team'; team: string; withUnassigned: boolean }
  | { kind: 'unassigned' }
  | { kind: 'all' };

export interface LeadFilters {
  status?: LeadStatus;
  source?: LeadSource;
  /** Lower-case text looked for in name, email and company. */
  search?: string;
}

export interface LeadListQuery {
  scope: LeadScope;
  filters: LeadFilters;
  pageSize: number;
  /** The cursor: leads older than this `listSk`. */
  after?: string;
}

export interface LeadPage {
  leads: Lead[];
  /** Cursor of the next page; absent on the last one. */
  next?: string;
}

const readSize = 100;
const maxReadsPerPartition = 10;

type Item = Record<string, unknown>;
const sortKeyOf = (item: Item) => String(item[leadListSortKey]);

interface Partition {
  index: string;
  attribute: string;
  value: string;
  /** Extra condition on the items of this partition (a supervisor's owner filter). */
  team?: string;
}

interface Collected {
  items: Item[];
  /** Nothing below this sort key was looked at; undefined when the partition was read to its end. */
  frontier?: string;
}

/** Reads one partition newest first until `need` items pass the filters (or the budget ends). */
async function collect(
  table: Table,
  partition: Partition,
  filters: LeadFilters,
  after: string | undefined,
  need: number,
): Promise<Collected> {
  const names: Record<string, string> = { '#pk': partition.attribute };
  const values: Record<string, unknown> = { ':pk': partition.value };
  const conditions: string[] = [];
  if (filters.status) {
    names['#status'] = 'status';
    values[':status'] = filters.status;
    conditions.push('#status = :status');
  }
  if (filters.source) {
    names['#source'] = 'source';
    values[':source'] = filters.source;
    conditions.push('#source = :source');
  }
  if (filters.search) {
    values[':search'] = filters.search;
    conditions.push('contains(searchText, :search)');
  }
  if (partition.team) {
    values[':teamPk'] = teamPartition(partition.team);
    conditions.push('teamPk = :teamPk');
  }
  if (after) values[':after'] = after;

  const items: Item[] = [];
  let startKey: Item | undefined;
  for (let reads = 0; reads < maxReadsPerPartition; reads++) {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: partition.index,
        KeyConditionExpression: after ? `#pk = :pk AND ${leadListSortKey} < :after` : '#pk = :pk',
        FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: readSize,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    if (!startKey) return { items };
    if (items.length >= need) return { items, frontier: sortKeyOf(items[items.length - 1] ?? {}) };
  }
  return { items, frontier: String(startKey?.[leadListSortKey]) };
}

/** One page from partitions read side by side, merged newest first. */
async function mergedPage(
  table: Table,
  partitions: Partition[],
  query: LeadListQuery,
): Promise<LeadPage> {
  const collected = await Promise.all(
    partitions.map((p) => collect(table, p, query.filters, query.after, query.pageSize + 1)),
  );
  // Only what lies above every partition's frontier is known to be complete and in order.
  const frontiers = collected.flatMap((c) => (c.frontier ? [c.frontier] : []));
  const bound = frontiers.sort().at(-1);
  const candidates = collected
    .flatMap((c) => c.items)
    .filter((item) => !bound || sortKeyOf(item) >= bound)
    .sort((a, b) => sortKeyOf(b).localeCompare(sortKeyOf(a)));
  const shown = candidates.slice(0, query.pageSize);
  const next =
    candidates.length > query.pageSize ? sortKeyOf(shown[shown.length - 1] ?? {}) : bound;
  return { leads: shown.map(toLead), ...(next ? { next } : {}) };
}

/** Every lead, month after month back in time (months hold disjoint ranges of the sort key). */
async function allLeadsPage(table: Table, query: LeadListQuery): Promise<LeadPage> {
  const months = await monthsWithLeads(table);
  const from = query.after?.slice(0, 7);
  const items: Item[] = [];
  for (const month of months.filter((m) => !from || m <= from)) {
    const partition = {
      index: leadIndexes.byMonth.name,
      attribute: leadIndexes.byMonth.partitionKey,
      value: monthPartition(month),
    };
    const need = query.pageSize + 1 - items.length;
    const after = query.after && month === from ? query.after : undefined;
    const { items: found, frontier } = await collect(table, partition, query.filters, after, need);
    items.push(...found);
    if (items.length > query.pageSize) break;
    // Stopped early inside this month: the next page goes on from where the reading stopped.
    if (frontier) return { leads: items.map(toLead), next: frontier };
  }
  const shown = items.slice(0, query.pageSize);
  const next = items.length > query.pageSize ? sortKeyOf(shown[shown.length - 1] ?? {}) : undefined;
  return { leads: shown.map(toLead), ...(next ? { next } : {}) };
}

async function monthsWithLeads(table: Table): Promise<string[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': leadMonthsPk },
    ScanIndexForward: false,
  });
  return items.map((item) => String(item.sk));
}

export async function listLeads(table: Table, query: LeadListQuery): Promise<LeadPage> {
  const { scope } = query;
  const byTeam = (value: string) => ({
    index: leadIndexes.byTeam.name,
    attribute: leadIndexes.byTeam.partitionKey,
    value,
  });
  switch (scope.kind) {
    case 'all':
      return allLeadsPage(table, query);
    case 'owner':
      return mergedPage(
        table,
        [
          {
            index: leadIndexes.byOwner.name,
            attribute: leadIndexes.byOwner.partitionKey,
            value: ownerPartition(scope.staffId),
            ...(scope.team ? { team: scope.team } : {}),
          },
        ],
        query,
      );
    case 'unassigned':
      return mergedPage(table, [byTeam(unassignedPartition)], query);
    case 'team':
      return mergedPage(
        table,
        [
          byTeam(teamPartition(scope.team)),
          ...(scope.withUnassigned ? [byTeam(unassignedPartition)] : []),
        ],
        query,
      );
  }
}

/** How many leads are unassigned now, and how many arrived in each of `months` (`yyyy-mm`). */
export async function leadCounts(
  table: Table,
  months: readonly string[],
): Promise<{ unassigned: number; byMonth: number[] }> {
  const count = (index: string, attribute: string, value: string) =>
    queryCount(table, {
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': attribute },
      ExpressionAttributeValues: { ':pk': value },
    });
  const [unassigned, ...byMonth] = await Promise.all([
    count(leadIndexes.byTeam.name, leadIndexes.byTeam.partitionKey, unassignedPartition),
    ...months.map((m) =>
      count(leadIndexes.byMonth.name, leadIndexes.byMonth.partitionKey, monthPartition(m)),
    ),
  ]);
  return { unassigned: unassigned ?? 0, byMonth };
}
