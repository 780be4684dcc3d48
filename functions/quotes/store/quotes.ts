import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ServiceKind } from '../../contracts/rules/contract';
import type { BillingPlan } from '../../invoicing/rules/invoice';
import { leadRecordPk } from '../../leads/store/lead-keys';
import type { Locale } from '../../shared/locales';
import { cancellationCodes, queryAll, type Table } from '../../shared/store/table';
import {
  readTimeline,
  type TimelineActor,
  type TimelineEntry,
  timelinePut,
} from '../../shared/store/timeline';
import { usedLinkPut } from '../../shared/store/used-links';
import type { Quote } from '../rules/quote';

/**
 * Quotes: what an agent offers a prospect, its approval, the customer's answer.
 *
 * | access pattern                 | keys                                                       |
 * |--------------------------------|------------------------------------------------------------|
 * | a quote                        | pk = `QUOTE#<quoteId>`, sk = `QUOTE`                       |
 * | its timeline                   | pk = `QUOTE#<quoteId>`, sk begins with `TIMELINE#`         |
 * | the quotes of a lead           | pk = `LEAD#<leadId>`, sk begins with `QUOTE#` (a pointer   |
 * |                                |   written with the quote, in one transaction)              |
 *
 * The quote id is the key of the form that made it: posting one form twice makes one quote.
 * Every change is conditioned on the status (and the task token) it expects, so a rerun step, a
 * second click or a late decision changes nothing.
 */

export const quoteStatuses = [
  'draft',
  'awaiting-approval',
  'sent',
  'accepted',
  'declined',
  'expired',
  'rejected',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export interface QuoteCustomer {
  legalName: string;
  contactName: string;
  email: string;
  phone?: string;
  addressLines: string[];
  taxId?: string;
  country: string;
  language: Locale;
}

export interface ApprovalDecision {
  decision: 'approve' | 'reject';
  by: { staffId: string; name: string };
  reason?: string;
  at: string;
  via: string;
}

export interface CustomerAnswer {
  answer: 'accept' | 'decline';
  reason?: string;
  at: string;
}

export interface StoredQuote {
  quoteId: string;
  leadId: string;
  status: QuoteStatus;
  quote: Quote;
  customer: QuoteCustomer;
  service: { name: string; needsOperatingPermit: boolean };
  billingPlan: BillingPlan;
  /** Prepaid, or net `quote.paymentTermsDays` days. */
  prepaid: boolean;
  startDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  /** Quotes stored before the kind was asked are memberships. */
  serviceKind?: ServiceKind;
  agentId: string;
  agentName: string;
  team: string;
  createdAt: string;
  createdBy: { staffId: string; name: string };
  version: number;
  /** While a supervisor's decision is awaited: the workflow's task token. */
  approvalToken?: string;
  approvalDeadline?: string;
  escalatedAt?: string;
  approval?: ApprovalDecision;
  /** While the customer's answer is awaited. */
  answerToken?: string;
  sentAt?: string;
  answer?: CustomerAnswer;
  closedAt?: string;
}

export type NewQuote = Omit<StoredQuote, 'status' | 'version'>;

export const quoteRecordPk = (quoteId: string) => `QUOTE#${quoteId}`;
const quoteKey = (quoteId: string) => ({ pk: quoteRecordPk(quoteId), sk: 'QUOTE' });
const pointerKey = (leadId: string, quoteId: string) => ({
  pk: leadRecordPk(leadId),
  sk: `QUOTE#${quoteId}`,
});

/** A quote's summary on the lead's list. */
export interface QuoteSummary {
  quoteId: string;
  createdAt: string;
}

type Change = {
  /** Attributes to set (top level). */
  set?: Record<string, unknown>;
  remove?: string[];
  /** The condition, over `#status` and the values given. */
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  timeline?: { stepKey: string; entry: TimelineEntry };
  usedLink?: Parameters<typeof usedLinkPut>[2] & { linkId: string };
};

export type ChangeResult = 'changed' | 'refused' | 'link-used';

export interface QuoteStore {
  /** Stores a new quote (status draft) with its lead pointer and timeline entries; false if it exists. */
  create(quote: NewQuote): Promise<boolean>;
  get(quoteId: string): Promise<StoredQuote | undefined>;
  listForLead(leadId: string): Promise<QuoteSummary[]>;
  timeline(quoteId: string): Promise<TimelineEntry[]>;
  /**
   * One conditional change, with its timeline entry and (for a link) the link's single use, in one
   * transaction. `refused`: the condition did not hold; `link-used`: the link was used before.
   */
  change(quoteId: string, change: Change): Promise<ChangeResult>;
}

const stripKeys = (item: Record<string, unknown>): StoredQuote => {
  const { pk: _pk, sk: _sk, entity: _entity, ...quote } = item;
  return quote as unknown as StoredQuote;
};

export function quoteStore(table: Table): QuoteStore {
  return {
    async create(quote) {
      const stored: StoredQuote = { ...quote, status: 'draft', version: 1 };
      const by: TimelineActor = { kind: 'staff', ...quote.createdBy };
      const summary = `Quote ${quote.quoteId} drafted for ${quote.customer.legalName}`;
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: { ...quoteKey(quote.quoteId), entity: 'quote', ...stored },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...pointerKey(quote.leadId, quote.quoteId),
                    entity: 'lead-quote',
                    quoteId: quote.quoteId,
                    createdAt: quote.createdAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              timelinePut(table.name, quoteRecordPk(quote.quoteId), 'drafted', {
                at: quote.createdAt,
                step: 'quote-drafted',
                summary,
                by,
                via: 'back office',
              }),
              timelinePut(table.name, leadRecordPk(quote.leadId), `quote#${quote.quoteId}`, {
                at: quote.createdAt,
                step: 'quote-drafted',
                summary,
                by,
                via: 'back office',
              }),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    async get(quoteId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: quoteKey(quoteId), ConsistentRead: true }),
      );
      return Item ? stripKeys(Item) : undefined;
    },

    async listForLead(leadId) {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': leadRecordPk(leadId), ':prefix': 'QUOTE#' },
      });
      return items.map(
        (item): QuoteSummary => ({
          quoteId: String(item.quoteId),
          createdAt: String(item.createdAt),
        }),
      );
    },

    timeline: (quoteId) => readTimeline(table, quoteRecordPk(quoteId)),

    async change(quoteId, change) {
      const names: Record<string, string> = {
        '#status': 'status',
        '#version': 'version',
        ...change.names,
      };
      const values: Record<string, unknown> = { ':one': 1 };
      const sets = ['#version = #version + :one'];
      for (const [i, [name, value]] of Object.entries(change.set ?? {}).entries()) {
        names[`#s${i}`] = name;
        values[`:s${i}`] = value;
        sets.push(`#s${i} = :s${i}`);
      }
      const removes = (change.remove ?? []).map((name, i) => {
        names[`#r${i}`] = name;
        return `#r${i}`;
      });
      for (const [name, value] of Object.entries(change.values ?? {})) values[name] = value;
      const update = {
        Update: {
          TableName: table.name,
          Key: quoteKey(quoteId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(pk) AND (${change.condition})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
      const items: Record<string, unknown>[] = [update];
      if (change.timeline) {
        items.push(
          timelinePut(
            table.name,
            quoteRecordPk(quoteId),
            change.timeline.stepKey,
            change.timeline.entry,
          ),
        );
      }
      if (change.usedLink) {
        const { linkId, ...use } = change.usedLink;
        items.push({ Put: usedLinkPut(table.name, linkId, use) });
      }
      // Two clicks at once make DynamoDB cancel one transaction as a conflict: tried again, the
      // loser then sees the winner's change and its condition fails.
      for (let attempt = 1; ; attempt++) {
        try {
          await table.client.send(new TransactWriteCommand({ TransactItems: items as never }));
          return 'changed';
        } catch (error) {
          const codes = cancellationCodes(error);
          if (!codes) throw error;
          if (change.usedLink && codes[items.length - 1] === 'ConditionalCheckFailed') {
            return 'link-used';
          }
          if (codes.includes('ConditionalCheckFailed')) return 'refused';
          if (!codes.includes('TransactionConflict') || attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    },
  };
}
