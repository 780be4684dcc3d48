import type { Lead } from '../../leads/rules/lead';
import { deliveryOf, type EmailDelivery } from '../../messages/email-delivery';
import { outboxStore } from '../../messages/store/outbox-store';
import type { SafeHtml } from '../../shared/http/html';
import type { Frame } from '../../shared/office/layout';
import type { Table } from '../../shared/store/table';
import { quoteEmailKey } from '../mail/quote-email';
import { quoteStore, type StoredQuote } from '../store/quotes';
import { leadQuotesSection } from './quote-pages';

/** The "Quotes" section of a lead's page: its quotes, and the way to draw up a new one. */
export async function leadQuotes(
  table: Table,
  view: { frame: Frame; zone: string; lead: Pick<Lead, 'leadId' | 'status'> },
): Promise<SafeHtml> {
  const quotes = quoteStore(table);
  const summaries = await quotes.listForLead(view.lead.leadId);
  const found = await Promise.all(summaries.map((s) => quotes.get(s.quoteId)));
  const shown = found.filter((q): q is StoredQuote => q !== undefined);
  // A rejected prospect gets no quote.
  const mayQuote = view.lead.status !== 'rejected';
  const deliveries = new Map(
    await Promise.all(shown.map(async (q) => [q.quoteId, await quoteDelivery(table, q)] as const)),
  );
  return leadQuotesSection(view.frame, view.zone, view.lead.leadId, shown, mayQuote, deliveries);
}

/** What became of the quote's email; none is made before the quote is released (`sent`). */
export async function quoteDelivery(
  table: Table,
  quote: StoredQuote,
): Promise<EmailDelivery | undefined> {
  // Drafts and quotes awaiting approval have no email yet: nothing to say.
  if (!quote.sentAt && quote.status !== 'sent') return undefined;
  return deliveryOf(outboxStore(table), quoteEmailKey(quote));
}
