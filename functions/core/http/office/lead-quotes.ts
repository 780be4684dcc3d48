import type { Lead } from '../../domain/lead';
import { quoteStore, type StoredQuote } from '../../store/quotes';
import type { Table } from '../../store/table';
import type { SafeHtml } from '../html';
import type { Frame } from './layout';
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
  return leadQuotesSection(view.frame, view.zone, view.lead.leadId, shown, mayQuote);
}
