import { Logger } from '@aws-lambda-powertools/logger';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv, requireLocale } from '../../shared/env';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, htmlAnswer } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { signatureLinkPurpose } from '../contract-requests';
import { checkSignature, signContract } from '../contract-signing';
import { messagePage, signaturePage } from '../pages/contract-customer-pages';
import { contractStore } from '../store/contracts';

/**
 * The customer's signature, through the emailed signed link: `GET /contracts/sign/{token}` shows
 * the contract's summary with the signing form and changes nothing; `POST` records the signer's
 * typed name, the time and the address, uses the link up and resumes the workflow. Pages in the
 * contract's language.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const deps = {
  contracts: contractStore(table),
  steps: decisionSteps(table),
};

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, signatureLinkPurpose);
  if (check.status !== 'valid') {
    return signedLinkProblemPage(
      check.status,
      check.status === 'tampered' ? (check.locale ?? defaultLocale) : check.link.locale,
    );
  }
  const { link } = check;
  const [contractId = '', roundText = ''] = link.subject.split('#');
  const round = Number(roundText);
  const contract = await deps.contracts.get(contractId);
  if (!contract) return signedLinkProblemPage('tampered', link.locale);
  const locale = contract.customer.language;
  const action = `${basePath(event)}/contracts/sign/${token}`;
  const waiting = contract.status === 'awaiting-signature' && contract.round === round;
  if (event.requestContext.http.method !== 'POST') {
    if (!waiting) {
      const signed = contract.signature !== undefined;
      return signed
        ? signedLinkProblemPage('already-used', locale)
        : htmlAnswer(409, messagePage(locale, 'not-waiting'), locale);
    }
    return htmlAnswer(200, signaturePage({ locale, action, contract }), locale);
  }
  const body = readBody(event);
  const fields = body.kind === 'form' ? body.fields : {};
  const signerName = String(fields.signerName ?? '');
  const problems = checkSignature({ signerName, agreed: fields.agree === 'yes' });
  if (problems.length > 0) {
    return htmlAnswer(
      400,
      signaturePage({ locale, action, contract, problems, signerName }),
      locale,
    );
  }
  const result = await signContract(
    deps,
    {
      contractId,
      round,
      signerName,
      agreed: true,
      sourceIp: event.requestContext.http.sourceIp,
      userAgent: event.requestContext.http.userAgent,
    },
    now,
    link,
  );
  logger.info('Contract signature', { contractId, result });
  if (result === 'decided') return htmlAnswer(200, messagePage(locale, 'signed'), locale);
  if (result === 'already-decided' || result === 'link-used') {
    return signedLinkProblemPage('already-used', locale);
  }
  // Too late (the workflow no longer waits) or not waiting: nothing changed.
  return htmlAnswer(409, messagePage(locale, 'not-waiting'), locale);
});
