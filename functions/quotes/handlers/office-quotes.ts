import { Logger } from '@aws-lambda-powertools/logger';
import { isValid, ulid } from 'ulidx';
import { businessDate } from '../../invoicing/rules/invoice';
import { openLead } from '../../leads/lead-desk';
import { isLeadId } from '../../leads/lead-intake';
import { leadStore } from '../../leads/store/lead-store';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { BadRequest, Conflict, Forbidden, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { quoteDelivery } from '../pages/lead-quotes';
import { quoteFormDefaults, quoteFormPage } from '../pages/quote-form-page';
import { quoteDetailPage } from '../pages/quote-pages';
import { decideApproval, readDecision } from '../quote-decisions';
import { draftQuote, mayDecide, openQuote } from '../quote-desk';
import { readQuoteForm } from '../quote-form';
import { quoteStore, type StoredQuote } from '../store/quotes';

/**
 * The back office's quotes: `GET`/`POST /office/leads/{leadId}/quotes/new` (draw one up; saving
 * starts its workflow), `GET /office/quotes/{quoteId}` (the quote and its timeline) and
 * `POST /office/quotes/{quoteId}/decision` (a supervisor approves or rejects special terms).
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const leads = leadStore(table);
const quotes = quoteStore(table);
const settings = settingsStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const workflow = workflowStarter(requireEnv(workflowArnVariable('quote')));
const steps = decisionSteps(table);

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/leads/{leadId}/quotes/new':
      return newQuoteForm(request);
    case 'POST /office/leads/{leadId}/quotes/new':
      return saveQuote(request);
    case 'GET /office/quotes/{quoteId}':
      return showQuote(request);
    case 'POST /office/quotes/{quoteId}/decision':
      return decide(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

function leadIdOf(request: OfficeRequest): string {
  const leadId = request.event.pathParameters?.leadId;
  if (!isLeadId(leadId))
    throw new NotFound('There is no lead with this id, or it is not yours to see.');
  return leadId;
}

function quoteIdOf(request: OfficeRequest): string {
  const quoteId = request.event.pathParameters?.quoteId;
  if (typeof quoteId !== 'string' || !isValid(quoteId))
    throw new NotFound('There is no quote with this id, or it is not yours to see.');
  return quoteId;
}

/** A prospect a supervisor rejected gets no quote. */
function refuseRejected(lead: { status: string }) {
  if (lead.status === 'rejected') {
    throw new Conflict('This lead was rejected by its supervisor: it gets no quote.');
  }
}

async function newQuoteForm(request: OfficeRequest) {
  const { principal, frame, now } = request;
  const lead = await openLead(leads, principal, leadIdOf(request));
  refuseRejected(lead);
  const { rules } = await loadBusinessRules(settings);
  const values = quoteFormDefaults(lead, {
    validityDays: rules.quotes.validityDays,
    paymentTermsDays: rules.invoices.defaultPaymentTermsDays,
    today: businessDate(now, zone),
  });
  return pageAnswer(200, quoteFormPage({ frame, lead, entryKey: ulid(), values, problems: [] }));
}

async function saveQuote(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const lead = await openLead(leads, principal, leadIdOf(request));
  refuseRejected(lead);
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the quote from the New quote page');
  checkCsrf(event, body.fields, await signingKey());
  const fields = body.fields;
  const entryKey = fields.entryKey ?? '';
  if (!isValid(entryKey))
    throw new BadRequest('The form is missing its entry key; reload the page');
  let terms: ReturnType<typeof readQuoteForm>;
  try {
    terms = readQuoteForm(fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The same entry key again: the corrected form still makes one quote.
    const page = quoteFormPage({ frame, lead, entryKey, values: fields, problems: error.problems });
    return pageAnswer(400, page);
  }
  const { quote, created } = await draftQuote(
    { quotes, settings, workflow, zone },
    principal,
    lead,
    entryKey,
    terms,
    now,
  );
  logger.info(created ? 'Quote drawn up' : 'Quote posted again', {
    quoteId: quote.quoteId,
    leadId: lead.leadId,
    by: principal.staffId,
  });
  return seeOther(`${frame.base}/office/quotes/${quote.quoteId}?done=saved`);
}

async function showQuote(request: OfficeRequest) {
  const { event, principal, frame } = request;
  const quote = await openQuote(quotes, principal, quoteIdOf(request));
  const done = event.queryStringParameters?.done;
  const flash =
    done === 'saved'
      ? 'Quote saved; its workflow has started.'
      : done === 'decided'
        ? 'Decision recorded.'
        : undefined;
  return pageAnswer(
    200,
    quoteDetailPage({
      frame,
      zone,
      quote,
      timeline: await quotes.timeline(quote.quoteId),
      mayDecide: mayDecide(principal, quote),
      ...(await deliveryOf(quote)),
      ...(flash ? { flash: { kind: 'done' as const, message: flash } } : {}),
    }),
  );
}

async function decide(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const quote = await openQuote(quotes, principal, quoteIdOf(request));
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Decide from the quote page');
  checkCsrf(event, body.fields, await signingKey());
  if (!mayDecide(principal, quote)) {
    if (quote.status !== 'awaiting-approval') {
      throw new Conflict('This quote is not waiting for a decision (it was decided already).');
    }
    throw new Forbidden('Only its team’s supervisor or a manager decides on a quote.');
  }
  let decision: ReturnType<typeof readDecision>;
  try {
    decision = readDecision(body.fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const page = quoteDetailPage({
      frame,
      zone,
      quote,
      timeline: await quotes.timeline(quote.quoteId),
      mayDecide: true,
      problems: error.problems,
    });
    return pageAnswer(400, page);
  }
  const result = await decideApproval(
    { quotes, steps },
    quote,
    {
      decision: decision.decision,
      by: { staffId: principal.staffId, name: principal.name },
      ...(decision.reason ? { reason: decision.reason } : {}),
      via: 'back office',
    },
    now,
  );
  if (result === 'too-late') {
    throw new Conflict(
      'This decision came too late: the quote no longer waits for it. Nothing was changed.',
    );
  }
  if (result !== 'decided') {
    throw new Conflict('This quote is not waiting for a decision (it was decided already).');
  }
  logger.info('Quote decided', { quoteId: quote.quoteId, ...decision, by: principal.staffId });
  return seeOther(`${frame.base}/office/quotes/${quote.quoteId}?done=decided`);
}

/** What became of the quote's email, for its page. */
async function deliveryOf(quote: StoredQuote) {
  const delivery = await quoteDelivery(table, quote);
  return delivery ? { delivery } : {};
}
