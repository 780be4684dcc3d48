import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { itemRecordOf } from '../../shared/jobs/item-records';
import { dismissJobItem, retryJobItemNow } from '../../shared/jobs/job-item-actions';
import { openItemStore } from '../../shared/jobs/open-items';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { missingCompanyDetails } from '../../staff/settings/company';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import {
  type JobItemsView,
  jobItemOf,
  jobItemOutcomes,
  jobItemsPage,
} from '../pages/job-item-pages';

/**
 * `GET /office/job-items`: the daily jobs' failed items and those waiting for the company's
 * details (managers, finance); `POST /office/job-items/{itemRef}/retry`: one more try now;
 * `POST /office/job-items/{itemRef}/dismiss`: closed with a note (required). A double click acts
 * once: each is a conditional change of the item's record.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const items = openItemStore(table);
const settings = settingsStore(table);
const workflow = workflowStarter(requireEnv(workflowArnVariable('daily-job')));

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/job-items':
      return list(request);
    case 'POST /office/job-items/{itemRef}/retry':
    case 'POST /office/job-items/{itemRef}/dismiss':
      return act(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function list({ event, frame }: OfficeRequest, refused?: JobItemsView['refused']) {
  const query = event.queryStringParameters ?? {};
  const after = query.after?.startsWith('OPEN#') ? query.after : undefined;
  const [page, { rules }] = await Promise.all([
    items.listOpen({ limit: 100, ...(after ? { after } : {}) }),
    loadBusinessRules(settings),
  ]);
  const dismissed = await items.recentlyDismissed(new Date().getUTCFullYear(), 20);
  const flash = query.done ? jobItemOutcomes[query.done] : undefined;
  const view: JobItemsView = {
    frame,
    zone,
    open: page.items,
    isFirst: !after,
    ...(page.next ? { next: page.next } : {}),
    dismissed,
    attemptsPerItem: rules.jobs.attemptsPerItem,
    missingCompanyDetails: missingCompanyDetails(rules.company),
    recordOf: itemRecordOf,
    ...(flash ? { flash } : {}),
    ...(refused ? { refused } : {}),
  };
  return pageAnswer(refused ? 400 : 200, jobItemsPage(view));
}

async function act(request: OfficeRequest) {
  const { event, frame, principal, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Use the buttons on the failed job items page');
  checkCsrf(event, body.fields, await signingKey());
  const ref = event.pathParameters?.itemRef ?? '';
  const item = jobItemOf(ref);
  if (!item) throw new NotFound('There is no such job item.');
  // Done, dismissed or retried meanwhile (a double click): nothing to do.
  if (!(await items.getOpen(item.job, item.itemId))) {
    return seeOther(`${frame.base}/office/job-items?done=already`);
  }
  const by = { staffId: principal.staffId, name: principal.name };
  let outcome: keyof typeof jobItemOutcomes;
  if (event.routeKey.endsWith('/retry')) {
    outcome = await retryJobItemNow(
      {
        items,
        workflow,
        onStartFailed: (error) => logger.warn('Retry run not started', { ...item, error }),
      },
      item.job,
      item.itemId,
      by,
      now,
    );
  } else {
    const note = body.fields.note ?? '';
    try {
      outcome = await dismissJobItem(items, item.job, item.itemId, note, by, now);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return list(request, { ref, message: error.problems[0]?.message ?? '', note });
    }
  }
  logger.info('Job item handled by staff', { ...item, outcome, by: by.staffId });
  return seeOther(`${frame.base}/office/job-items?done=${outcome}`);
}
