import { Logger } from '@aws-lambda-powertools/logger';
import { accountStore } from '../../accounts/store/accounts';
import { contractStore } from '../../contracts/store/contracts';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv, requireLocale } from '../../shared/env';
import { eventBridgeBus, eventPublisher } from '../../shared/events';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { eventStore } from '../../shared/store/event-store';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { renewOutcomePage, renewPage } from '../pages/renewal-pages';
import { answerRenewal, readRenewChoice, renewalView } from '../renewal-answers';
import { parseRenewalLinkSubject, renewalLinkPurpose } from '../renewal-link';

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
