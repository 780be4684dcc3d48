import { html, type SafeHtml } from '../../shared/http/html';
import type { ItemRecord } from '../../shared/jobs/item-records';
import type { DismissedJobItem, OpenJobItem } from '../../shared/jobs/open-items';
import { companyDetailsNotice } from '../../shared/office/company-notice';
import { dataTable, fieldId, pager, timeElement } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';

/**
 * The daily jobs' items that need a person (managers, finance): items that failed (tried again by
 * later runs until `jobs.attemptsPerItem` attempts; retried now or dismissed with a note here),
 * and items waiting for the company's details (they go out once those are filled in).
 */

/** An item's job and id travel in the URL as one base64url reference. */
export const jobItemRef = (job: string, itemId: string) =>
  Buffer.from(`${job}#${itemId}`).toString('base64url');

export function jobItemOf(ref: string): { job: string; itemId: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(ref)) return undefined;
  const text = Buffer.from(ref, 'base64url').toString('utf8');
  const match = /^([a-z0-9-]{1,80})#(.+)$/s.exec(text);
  return match ? { job: match[1] ?? '', itemId: match[2] ?? '' } : undefined;
}

/** What a finished action says on the list it returns to (`?done=`). */
export const jobItemOutcomes: Record<string, Flash> = {
  'retry-started': {
    kind: 'done',
    message: 'The item is being tried again now; refresh this page in a minute to see how it went.',
  },
  'retry-queued': {
    kind: 'done',
    message: 'The item will be tried again by the job’s next run.',
  },
  dismissed: {
    kind: 'done',
    message:
      'Dismissed, with your note. Should a later run come to the same item and fail, it is listed again.',
  },
  already: {
    kind: 'problem',
    message: 'Someone already dealt with this item, or a run tried it meanwhile; nothing was done.',
  },
};

export interface JobItemsView {
  frame: Frame;
  zone: string;
  open: readonly OpenJobItem[];
  /** The cursor of the next page of open items, and whether this is the first page. */
  next?: string;
  isFirst: boolean;
  dismissed: readonly DismissedJobItem[];
  attemptsPerItem: number;
  /** The company's details still missing (waiting items go out once there are none). */
  missingCompanyDetails: readonly string[];
  recordOf: (job: string, itemId: string) => ItemRecord | undefined;
  flash?: Flash;
  /** A dismissal refused: which item, why, and the note as typed. */
  refused?: { ref: string; message: string; note: string };
}

export function jobItemsPage(view: JobItemsView): string {
  const { frame, zone } = view;
  const record = (item: OpenJobItem): SafeHtml | string => {
    const found = view.recordOf(item.job, item.itemId);
    return found ? html`<a href="${frame.base}${found.path}">${found.label}</a>` : item.itemId;
  };
  const failed = view.open.filter((item) => item.state === 'failed');
  const waiting = view.open.filter((item) => item.state === 'waiting');
  const failedRows = failed.map((item) => [
    item.job,
    item.date,
    record(item),
    item.reason,
    html`${item.attempts} of ${view.attemptsPerItem}${
      item.attempts >= view.attemptsPerItem ? html`<br><strong>left for a person</strong>` : ''
    }<br>last ${timeElement(item.lastAttemptAt, zone)}`,
    actions(view, item),
  ]);
  const waitingRows = waiting.map((item) => [
    item.job,
    item.date,
    record(item),
    timeElement(item.since, zone),
  ]);
  const dismissedRows = view.dismissed.map((item) => [
    item.job,
    item.date,
    record(item),
    item.reason,
    item.dismissed.note,
    html`${item.dismissed.by.name}<br>${timeElement(item.dismissed.at, zone)}`,
  ]);
  const main = html`<h1>Failed job items</h1>
<p>A daily job never stops at one item: an item that fails is listed here with the reason and the
rest of its date goes on. Later runs try it again, once a business date, as of their own date,
until it has been tried ${view.attemptsPerItem} times (the <em>attempts per item</em> setting);
then it is left for you. Fix the cause (the record it links to, an address, a setting), then
<strong>Retry now</strong>; or <strong>Dismiss</strong> it with a note saying why.</p>
${dataTable(
  'Failed items, by job',
  [
    { label: 'Job' },
    { label: 'Date' },
    { label: 'Record' },
    { label: 'Reason' },
    { label: 'Attempts' },
    { label: 'Actions' },
  ],
  failedRows,
  'No item has failed: every daily job did all its items.',
)}
<h2 id="waiting-title">Waiting for the company’s details</h2>
${companyDetailsNotice(frame, view.missingCompanyDetails)}
${dataTable(
  'Invoices and statements waiting for the company’s details',
  [{ label: 'Job' }, { label: 'Date' }, { label: 'Record' }, { label: 'Waiting since' }],
  waitingRows,
  'Nothing is waiting.',
)}
${pager(`${frame.base}/office/job-items`, {}, view.next, view.isFirst)}
<h2>Dismissed this year</h2>
${dataTable(
  'The latest items dismissed, newest first',
  [
    { label: 'Job' },
    { label: 'Date' },
    { label: 'Record' },
    { label: 'Reason' },
    { label: 'Note' },
    { label: 'Dismissed by' },
  ],
  dismissedRows,
  'None dismissed this year.',
)}`;
  return officePage(frame, {
    title: 'Failed job items',
    ...(view.flash ? { flash: view.flash } : {}),
    main,
  });
}

function actions(view: JobItemsView, item: OpenJobItem): SafeHtml {
  const { frame } = view;
  const ref = jobItemRef(item.job, item.itemId);
  const path = `${frame.base}/office/job-items/${ref}`;
  const refused = view.refused?.ref === ref ? view.refused : undefined;
  const id = fieldId(`note-${ref}`);
  const retry = item.retryRequested
    ? html`<p>Retry asked by ${item.retryRequested.by.name}.</p>`
    : html`<form method="post" action="${path}/retry">
${csrfInput(frame)}
<button type="submit">Retry now</button>
</form>`;
  return html`<div class="actions">
${retry}
<form method="post" action="${path}/dismiss">
${csrfInput(frame)}
<div class="field">
<label for="${id}">Note (why it is dismissed)</label>
<textarea id="${id}" name="note" rows="2" maxlength="1000" required${
    refused ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }>${refused?.note ?? ''}</textarea>
${refused ? html`<p class="error" id="${id}-error">${refused.message}</p>` : ''}
</div>
<button type="submit" class="secondary">Dismiss</button>
</form>
</div>`;
}
