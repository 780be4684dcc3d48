import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv, requireLocale } from '../../shared/env';
import { pageLocale } from '../../shared/http/locale';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, header, htmlAnswer } from '../../shared/http/responses';
import { newFormNonce, signFormToken } from '../../shared/rules/form-token';
import { signingKeyReader } from '../../shared/signing-key';
import { leadFormPage, thanksPage } from '../pages/lead-form-page';

/** GET /forms/lead: the public lead form with a fresh one-time token, or (`?received=1`) thanks. */

const logger = new Logger();
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const query = event.queryStringParameters ?? {};
  const locale = pageLocale(query.lang, header(event, 'accept-language'), defaultLocale);
  const base = basePath(event);
  if (query.received === '1') return htmlAnswer(200, thanksPage(locale, base), locale);
  const formToken = signFormToken(await signingKey(), newFormNonce(), now);
  return htmlAnswer(200, leadFormPage({ locale, basePath: base, formToken }), locale);
});
