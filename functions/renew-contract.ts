import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv, requireLocale } from './core/env';
import { eventBridgeBus, eventPublisher } from './core/events';
import { readBody } from './core/http/body';
import { httpHandler } from './core/http/middleware';
import { renewOutcomePage, renewPage } from './core/http/renewal-pages';
import { basePath } from './core/http/responses';
import { signedLinkProblemPage } from './core/http/signed-link-pages';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { answerRenewal, readRenewChoice, renewalView } from './core/renewal-answers';
import { parseRenewalLinkSubject, renewalLinkPurpose } from './core/renewal-link';
import { loadBusinessRules } from './core/settings';
import { verifySignedLink } from './core/signed-link';
import { signingKeyReader } from './core/signing-key';
import { accountStore } from './core/store/accounts';
import { contractStore } from './core/store/contracts';
import { eventStore } from './core/store/event-store';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * The customer's renew link: `GET /renewals/{token}` shows the contract's end and the next term
 * on the same terms, with Renew and Ask for a new quote, and changes nothing; `POST` checks the
 * link, then renews (booking the next term, the billing term, `ContractRenewed`, a confirmation
 * email) or tells the agent a new quote is wanted. The link works once; pages are in its language.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const contracts = contractStore(table);
const settings = settingsStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const zone = requireEnv('COMPANY_TIME_ZONE');
const deps = {
  table,
  contracts,
  accounts: accountStore(table),
  staff: staffStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
  events: eventPublisher(eventStore(table), eventBridgeBus(requireEnv('EVENT_BUS_NAME'))),
  zone,
};

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, renewalLinkPurpose);
  if (check.status === 'tampered') {
    return signedLinkProblemPage('tampered', check.locale ?? defaultLocale);
  }
  const { locale } = check.link;
  // The link lives as long as the term: an expired link is a term that has ended.
  if (check.status === 'expired') return renewOutcomePage('ended', locale);
  const { contractId } = parseRenewalLinkSubject(check.link.subject);
  const contract = await contracts.get(contractId);
  if (!contract) return signedLinkProblemPage('tampered', locale);

  if (event.requestContext.http.method !== 'POST') {
    const view = renewalView(contract, check.link);
    if (view.state === 'open') {
      const action = `${basePath(event)}/renewals/${token}`;
      return renewPage(contract, view.term, view.newTerm, locale, action);
    }
    return view.state === 'already-renewed'
      ? renewOutcomePage('already-renewed', locale, view.newTerm)
      : renewOutcomePage('ended', locale);
  }
  const body = readBody(event);
  const choice = readRenewChoice(body.kind === 'form' ? body.fields : {});
  const { rules } = await loadBusinessRules(settings);
  const { outcome, newTerm } = await answerRenewal(
    { ...deps, company: rules.company.legalName },
    contractId,
    check.link,
    choice,
    now,
  );
  logger.info('Renew link answered', { contractId, choice, outcome });
  if (outcome === 'link-used') return signedLinkProblemPage('already-used', locale);
  return renewOutcomePage(outcome, locale, newTerm);
});
