import { teamForCountry } from '../leads/rules/assignment';
import type { Lead } from '../leads/rules/lead';
import { maySee } from '../shared/access';
import { Conflict, NotFound } from '../shared/errors';
import type { StaffPrincipal } from '../shared/staff-member';
import type { WorkflowStarter } from '../shared/workflow';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { QuoteTerms } from './quote-form';
import { priceQuote } from './rules/quote';
import type { QuoteStore, StoredQuote } from './store/quotes';

/**
 * Quotes as staff work them. A quote belongs to its lead's agent and team (a lead nobody owns
 * yet: the author, in the team of the lead's country), so it is seen and changed by whoever may
 * see the lead: the agent, the team's supervisor, a manager.
 *
 * | role       | opens                    | draws up (for a lead they see) | decides special terms |
 * |------------|--------------------------|--------------------------------|-----------------------|
 * | agent      | their own                | yes                            | no                    |
 * | supervisor | their team's             | yes                            | their team's          |
 * | manager    | every quote              | yes                            | every quote           |
 * | finance    | none (the routes refuse) | no                             | no                    |
 */

const owned = (quote: Pick<StoredQuote, 'agentId' | 'team'>) => ({
  ownerId: quote.agentId,
  team: quote.team,
});

/** A quote the principal may see; any other answers like a missing one. */
export async function openQuote(
  quotes: QuoteStore,
  principal: StaffPrincipal,
  quoteId: string,
): Promise<StoredQuote> {
  const quote = await quotes.get(quoteId);
  if (!quote || !maySee(principal, 'lead', owned(quote))) {
    throw new NotFound('There is no quote with this id, or it is not yours to see.');
  }
  return quote;
}

/** Supervisors (of the quote's team) and managers decide on special terms, while awaited. */
export function mayDecide(principal: StaffPrincipal, quote: StoredQuote): boolean {
  const role = principal.role === 'manager' || principal.role === 'supervisor';
  return role && maySee(principal, 'lead', owned(quote)) && quote.status === 'awaiting-approval';
}

/**
 * Prices and stores the quote under `quoteId` (the form's key) and starts its workflow. Posted
 * again, the same quote is found and its workflow start repeated (a no-op once started).
 */
export async function draftQuote(
  deps: { quotes: QuoteStore; settings: SettingsStore; workflow: WorkflowStarter; zone: string },
  principal: StaffPrincipal,
  lead: Lead,
  quoteId: string,
  terms: QuoteTerms,
  now: Date,
): Promise<{ quote: StoredQuote; created: boolean }> {
  const { rules } = await loadBusinessRules(deps.settings);
  const priced = priceQuote(terms.input, rules, now, deps.zone);
  const owner = lead.ownerId
    ? { agentId: lead.ownerId, agentName: lead.ownerName ?? lead.ownerId, team: lead.team ?? '' }
    : {
        agentId: principal.staffId,
        agentName: principal.name,
        team: teamForCountry(lead.country, rules.assignment),
      };
  const created = await deps.quotes.create({
    quoteId,
    leadId: lead.leadId,
    quote: priced,
    customer: terms.customer,
    service: terms.service,
    billingPlan: terms.billingPlan,
    prepaid: terms.prepaid,
    startDate: terms.startDate,
    termMonths: terms.termMonths,
    renewal: terms.renewal,
    serviceKind: terms.serviceKind,
    ...owner,
    createdAt: now.toISOString(),
    createdBy: { staffId: principal.staffId, name: principal.name },
  });
  const quote = await deps.quotes.get(quoteId);
  if (!quote || quote.leadId !== lead.leadId) {
    throw new Conflict('This form was used for another quote already; open a new form.');
  }
  await deps.workflow.start(quoteId, { quoteId });
  return { quote, created };
}
