import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { BadRequest, Conflict, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { fieldOfProblem, rulesFromForm, settingFields } from '../pages/settings-form';
import { settingsPage } from '../pages/settings-pages';
import { missingCompanyDetails } from '../settings/company';
import { loadBusinessRules, saveBusinessRules } from '../settings/settings';
import { settingsStore } from '../settings/settings-store';

/**
 * `GET /office/settings` and `POST /office/settings`: the business rules, versioned (managers).
 * A save that completes the company's details starts the billing and statement runs' retries at
 * once, so what waited for them goes out now rather than with the next morning's runs.
 */

const logger = new Logger();
const settings = settingsStore(openTable(requireEnv('TABLE_NAME')));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const dailyJob = workflowStarter(requireEnv(workflowArnVariable('daily-job')));
/** The jobs whose items wait for the company's details. */
const waitingJobs = ['billing', 'statements'];

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/settings':
      return show(request);
    case 'POST /office/settings':
      return save(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function show({ event, frame }: OfficeRequest) {
  const { rules, version } = await loadBusinessRules(settings);
  const saved = event.queryStringParameters?.saved;
  return pageAnswer(
    200,
    settingsPage({
      frame,
      version,
      fields: settingFields(rules),
      missingCompanyDetails: missingCompanyDetails(rules.company),
      ...(saved && saved === String(version)
        ? { flash: { kind: 'done', message: `Settings saved as version ${version}.` } }
        : {}),
    }),
  );
}

async function save({ event, frame, principal, now }: OfficeRequest) {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the settings from the settings page');
  checkCsrf(event, body.fields, await signingKey());
  const editedVersion = Number(body.fields.version);
  if (!Number.isInteger(editedVersion) || editedVersion < 1) {
    throw new BadRequest('The form is missing the version it edits; reload the page');
  }
  const current = await loadBusinessRules(settings);
  const fields = settingFields(current.rules);
  const parsed = rulesFromForm(current.rules, body.fields);
  const refused = (problems: { field: string; message: string }[]) =>
    pageAnswer(
      400,
      settingsPage({ frame, version: editedVersion, fields, values: body.fields, problems }),
    );
  if (parsed.problems.length) return refused(parsed.problems);
  try {
    const saved = await saveBusinessRules(settings, parsed.rules, editedVersion, now);
    logger.info('Business rules saved', { version: saved.version, by: principal.staffId });
    const completed =
      missingCompanyDetails(current.rules.company).length > 0 &&
      missingCompanyDetails(saved.rules.company).length === 0;
    if (completed) await releaseWaiting(saved.version, now);
    return seeOther(`${frame.base}/office/settings?saved=${saved.version}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      return refused(
        error.problems.map((p) => ({ field: fieldOfProblem(fields, p.field), message: p.message })),
      );
    }
    if (!(error instanceof Conflict)) throw error;
    // Stale: show what is saved now; the manager applies their change again on top of it.
    const latest = await loadBusinessRules(settings);
    return pageAnswer(
      409,
      settingsPage({
        frame,
        version: latest.version,
        fields: settingFields(latest.rules),
        flash: {
          kind: 'problem',
          message:
            `Not saved: someone saved version ${latest.version} after you opened version ` +
            `${editedVersion}. This page now shows version ${latest.version}; make your change ` +
            'again and save.',
        },
      }),
    );
  }
}

/** Starts each waiting job's retries now (named by the settings version: once per save). */
async function releaseWaiting(version: number, now: Date) {
  for (const job of waitingJobs) {
    try {
      await dailyJob.start(`company-details-v${version}-${job}`, {
        job,
        scheduledTime: now.toISOString(),
        retriesOnly: true,
      });
    } catch (error) {
      // The job's next scheduled run sends them instead.
      logger.warn('Waiting items not released at once', { job, error });
    }
  }
}
