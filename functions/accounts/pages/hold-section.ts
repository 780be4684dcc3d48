import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  detailList,
  errorSummary,
  selectField,
  textField,
  timeElement,
} from '../../shared/office/components';
import { csrfInput, type Frame } from '../../shared/office/layout';
import { staffRolesOf } from '../../shared/staff-roles';
import { type AccountHold, holdInEffect, holdKindLabels, holdKinds } from '../rules/holds';

/** A hold form sent back with its problems (400): what was typed, and what is wrong with it. */
export interface HoldFormView {
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}

const labels: Record<string, string> = { kind: 'Kind', reason: 'Reason', until: 'Ends on' };

/**
 * The account page's hold: the hold in effect (kind, reason, until, who set it) with the form to
 * lift it, or the form to set one; the forms only for those who may hold the account.
 */
export function holdSection(view: {
  frame: Frame;
  zone: string;
  today: string;
  accountId: string;
  hold: AccountHold | undefined;
  form?: HoldFormView;
}): SafeHtml {
  const { frame, hold, today } = view;
  // The forms show for the roles their routes admit, as the payment links do.
  const mayHold = (staffRolesOf('POST /office/accounts/{accountId}/holds') ?? []).includes(
    frame.principal.role,
  );
  const values = view.form?.values ?? {};
  const problems = view.form?.problems ?? [];
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const action = `${frame.base}/office/accounts/${view.accountId}/holds`;
  const reasonField = (label: string) =>
    textField({
      name: 'reason',
      label,
      value: values.reason ?? '',
      error: errorOf('reason'),
      required: true,
    });
  if (hold && holdInEffect(hold, today)) {
    return html`<h2>On hold</h2>
${errorSummary(problems, (f) => labels[f] ?? f)}
${detailList([
  ['Kind', holdKindLabels[hold.kind]],
  ['Reason', hold.reason],
  ['Until', `${hold.until} (no notices before this date)`],
  ['Set by', html`${hold.setBy.name}, ${timeElement(hold.setAt, view.zone)}`],
])}
${
  mayHold
    ? html`<form method="post" action="${action}/lift" class="card" novalidate>
${csrfInput(frame)}
${reasonField('Reason for lifting the hold')}
<button type="submit">Lift the hold</button>
</form>`
    : ''
}`;
  }
  const ended =
    hold && hold.until <= today
      ? html`<p>The last hold (${holdKindLabels[hold.kind].toLowerCase()}) ended on ${hold.until}${
          hold.lifted ? html`, lifted by ${hold.lifted.by.name}: ${hold.lifted.reason}` : ''
        }.</p>`
      : '';
  if (!mayHold) return html`<h2>Hold</h2>${ended}<p>Not on hold.</p>`;
  return html`<h2>Hold</h2>
${ended}
${errorSummary(problems, (f) => labels[f] ?? f)}
<form method="post" action="${action}" class="card" novalidate>
${csrfInput(frame)}
${selectField(
  { name: 'kind', label: 'Kind', value: values.kind ?? '', error: errorOf('kind'), required: true },
  [
    { value: '', label: 'Choose…' },
    ...holdKinds.map((kind) => ({ value: kind, label: holdKindLabels[kind] })),
  ],
)}
${reasonField('Reason')}
${textField({
  name: 'until',
  label: 'Ends on',
  hint: `A date after today (${today}), as YYYY-MM-DD: notices resume from that day`,
  value: values.until ?? '',
  error: errorOf('until'),
  required: true,
})}
<button type="submit">Put on hold</button>
</form>`;
}
