import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireEnv, requireLocale } from '../../shared/env';
import { ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { pageLocale } from '../../shared/http/locale';
import { httpHandler } from '../../shared/http/middleware';
import {
  basePath,
  type HttpAnswer,
  header,
  htmlAnswer,
  jsonAnswer,
  seeOther,
} from '../../shared/http/responses';
import { isLocale } from '../../shared/locales';
import { countSubmission } from '../../shared/rate-limit';
import {
  type FormTokenCheck,
  newFormNonce,
  signFormToken,
  verifyFormToken,
} from '../../shared/rules/form-token';
import { signingKeyReader } from '../../shared/signing-key';
import { rateLimitStore } from '../../shared/store/rate-limit-store';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { leadAcceptance } from '../lead-acceptance';
import { authenticateLeadClient, presentedApiKey } from '../lead-api-keys';
import { acceptLead } from '../lead-intake';
import {
  formLanguageField,
  formTokenField,
  honeypotField,
  leadFormPage,
} from '../pages/lead-form-page';
import { problemMessage } from '../pages/lead-form-text';
import { validateLead } from '../rules/lead';
import { apiKeyStore } from '../store/api-keys';
import type { SubmissionKind } from '../store/lead-store';

/**
 * POST /leads: a lead from the public form (urlencoded, one-time form token) or from an API
 * client (JSON, `Authorization: Bearer <API key>` and an Idempotency-Key header). Either way one
 * submission makes one lead and one intake. The hourly limit per client address counts new
 * submissions only: a retry of an accepted one gets its stored answer, never 429.
 */

const logger = new Logger();
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const table = openTable(requireEnv('TABLE_NAME'));
const settings = settingsStore(table);
const rateLimits = rateLimitStore(table);
const acceptance = leadAcceptance(table);
const apiKeys = apiKeyStore(table);

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const body = readBody(event);
  if (body.kind === 'form') {
    // A bot fills the field people never see: it is thanked like a person, and nothing happens.
    if ((body.fields[honeypotField] ?? '') !== '') {
      logger.info('Honeypot filled: submission ignored');
      return seeOther(
        `${basePath(event)}/forms/lead?lang=${formLocale(event, body.fields)}&received=1`,
      );
    }
    return submitForm(event, body.fields, now);
  }
  return submitJson(event, body.value, now);
});

async function submitForm(
  event: APIGatewayProxyEventV2,
  fields: Record<string, string>,
  now: Date,
): Promise<HttpAnswer> {
  const locale = formLocale(event, fields);
  const key = await signingKey();
  const token = fields[formTokenField] ?? '';
  const check = verifyFormToken(key, token, now);
  const validation = validateLead(fields, locale);
  if (!check.valid || !validation.ok) {
    return htmlAnswer(
      400,
      leadFormPage({
        locale,
        basePath: basePath(event),
        // A valid token is kept, so the corrected form still counts as the same submission.
        formToken: check.valid ? token : signFormToken(key, newFormNonce(), now),
        values: fields,
        problems: validation.ok ? [] : validation.problems,
        formProblem: formProblem(check),
      }),
      locale,
    );
  }
  await limitNewSubmission(event, 'form-token', check.nonce, now);
  const { lead, created } = await acceptLead(
    acceptance,
    validation.lead,
    { kind: 'form-token', key: check.nonce, source: 'web-form' },
    now,
  );
  logger.info(created ? 'Lead received' : 'Form posted again', { leadId: lead.leadId });
  return seeOther(`${basePath(event)}/forms/lead?lang=${lead.language}&received=1`);
}

/**
 * Counts a valid new submission against its address's hourly limit (a business rule) before
 * anything is stored or sent; over the limit it is refused with 429 and Retry-After. A submission
 * that made a lead before is a retry: it is not counted, and gets the answer it got then.
 */
async function limitNewSubmission(
  event: APIGatewayProxyEventV2,
  kind: SubmissionKind,
  key: string,
  now: Date,
): Promise<void> {
  if (await acceptance.leads.hasSubmission(kind, key)) return;
  const { rules } = await loadBusinessRules(settings);
  await countSubmission(
    rateLimits,
    event.requestContext.http.sourceIp,
    rules.publicForms.rateLimitPerAddressPerHour,
    now,
  );
}

function formLocale(event: APIGatewayProxyEventV2, fields: Record<string, string>) {
  const posted = fields[formLanguageField];
  return isLocale(posted)
    ? posted
    : pageLocale(undefined, header(event, 'accept-language'), defaultLocale);
}

function formProblem(check: FormTokenCheck) {
  if (check.valid) return undefined;
  return check.reason === 'expired' ? ('form-expired' as const) : ('form-invalid' as const);
}

async function submitJson(
  event: APIGatewayProxyEventV2,
  value: Record<string, unknown>,
  now: Date,
): Promise<HttpAnswer> {
  // A key shaped like none of ours is refused before anything is read; one that is is looked up
  // once the lead is valid (a malformed lead costs no read).
  const presented = presentedApiKey(header(event, 'authorization'));
  if (!presented) return unauthorized();
  const idempotencyKey = header(event, 'idempotency-key')?.trim() ?? '';
  if (!/^[\x21-\x7E]{1,200}$/.test(idempotencyKey)) {
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        message: idempotencyKey
          ? 'The Idempotency-Key header must be 1 to 200 visible ASCII characters'
          : 'The Idempotency-Key header is required: a unique value per lead, sent again on retries',
      },
    ]);
  }
  const validation = validateLead(value, defaultLocale);
  if (!validation.ok) {
    throw new ValidationError(
      validation.problems.map((p) => ({
        field: p.field,
        message: problemMessage('en', p.problem, p.limit),
      })),
    );
  }
  const client = await authenticateLeadClient(apiKeys, presented, now);
  if (!client) return unauthorized();
  // Each client's keys are its own: two clients using the same Idempotency-Key never collide.
  const submissionKey = `${client.keyId}#${idempotencyKey}`;
  await limitNewSubmission(event, 'idempotency-key', submissionKey, now);
  const { lead, created } = await acceptLead(
    acceptance,
    validation.lead,
    { kind: 'idempotency-key', key: submissionKey, source: 'api' },
    now,
  );
  logger.info(created ? 'Lead received' : 'Lead submitted again', {
    leadId: lead.leadId,
    client: client.name,
  });
  return jsonAnswer(created ? 201 : 200, { leadId: lead.leadId });
}

/** Without a key anyone could make the desk email any address: the form has its token instead. */
function unauthorized(): HttpAnswer {
  const answer = jsonAnswer(401, {
    errors: [
      {
        field: 'Authorization',
        message:
          'Send the API key a manager created for you (Settings, API keys) as "Authorization: Bearer <key>"',
      },
    ],
  });
  answer.headers['WWW-Authenticate'] = 'Bearer realm="leads"';
  return answer;
}
