import { html } from '../../shared/http/html';
import { dataTable, timeElement } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import type { OutboxMessage } from '../store/outbox-store';

/**
 * The outbox's messages that need a person: `uncertain` (the desk crashed while sending, SES may
 * have it: staff check the recipient got it and confirm, or re-send) and `failed` (SES kept
 * refusing it: staff re-send once the cause is fixed).
 */

/** A message id holds `#` and an address: the URL carries it base64url-encoded. */
export const messageRef = (messageId: string) => Buffer.from(messageId).toString('base64url');

export function messageIdOf(ref: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,1400}$/.test(ref)) return undefined;
  const id = Buffer.from(ref, 'base64url').toString('utf8');
  return id.startsWith('OUTBOX#') ? id : undefined;
}

/** What a finished action says on the list it returns to (`?done=`). */
export const outcomes: Record<string, Flash> = {
  confirmed: { kind: 'done', message: 'Marked as sent. Nothing was sent again.' },
  resent: { kind: 'done', message: 'Sent once more.' },
  refused: {
    kind: 'problem',
    message: 'Email service refused the message again; it stays listed as failed.',
  },
  'address-cleared': {
    kind: 'done',
    message: 'The address mark is cleared. Send the message once more when the address is right.',
  },
  'address-marked': {
    kind: 'problem',
    message:
      'The address bounced or complained, so nothing was sent; the message stays listed as ' +
      'failed. Clear the address mark once the address is fixed, then send it once more.',
  },
  already: {
    kind: 'problem',
    message: 'Someone already dealt with this message; nothing was done.',
  },
};

/** Refused because its address bounced or complained (`suppressionError`). */
const isAddressMarked = (m: OutboxMessage) =>
  m.state === 'failed' && /^Address (bounced|complained):/.test(m.lastError ?? '');

/** Every message listed here is not sent, as far as the desk knows; the state says why. */
const stateLabel = (m: OutboxMessage) =>
  m.state === 'uncertain'
    ? html`<strong class="not-sent">Not sent</strong> (uncertain: may have been delivered)`
    : m.state === 'failed'
      ? html`<strong class="not-sent">Not sent</strong> (failed, ${m.attempts} attempts)`
      : m.state;

/** The record the message is about, as its business key names it (`quote#…`, `invoice#…`). */
export function recordOf(m: Pick<OutboxMessage, 'kind' | 'subject' | 'period'>): {
  label: string;
  path?: string;
} {
  const [type = '', id = ''] = m.subject.includes('#') ? m.subject.split('#', 2) : ['', m.subject];
  switch (type) {
    case 'quote':
      return { label: `Quote ${id}`, path: `/office/quotes/${id}` };
    case 'invoice':
      return { label: `Invoice ${id}`, path: `/office/invoices/${id}` };
    case 'credit-note':
      return { label: `Credit note ${id}`, path: `/office/invoices/${id}` };
    case 'contract':
      return { label: `Contract ${id}`, path: `/office/contracts/${id}` };
    case 'lead':
      return { label: `Lead ${id}`, path: `/office/leads/${id}` };
    case 'statement':
      return { label: `Statement ${m.period}`, path: `/office/accounts/${id}/statements` };
    case 'payment':
      return { label: `Receipt of payment ${id}` };
    case 'address':
      return { label: `Address ${id}` };
  }
  // Arrears notices are keyed by the invoice number, renewal notices by the contract id.
  if (m.kind.startsWith('arrears'))
    return { label: `Invoice ${id}`, path: `/office/invoices/${id}` };
  if (m.kind === 'renewal') return { label: `Contract ${id}`, path: `/office/contracts/${id}` };
  return { label: m.subject };
}

export function outboxPage(view: {
  frame: Frame;
  zone: string;
  messages: readonly OutboxMessage[];
  flash?: Flash;
}): string {
  const { frame, zone } = view;
  const action = (m: OutboxMessage, verb: 'confirm' | 'resend' | 'clear-address', label: string) =>
    html`<form method="post" action="${frame.base}/office/outbox/${messageRef(m.messageId)}/${verb}">
${csrfInput(frame)}
<button type="submit">${label}</button>
</form>`;
  const record = (m: OutboxMessage) => {
    const { label, path } = recordOf(m);
    return path ? html`<a href="${frame.base}${path}">${label}</a>` : label;
  };
  const rows = view.messages.map((m) => [
    stateLabel(m),
    record(m),
    m.recipient,
    m.content.subjectLine,
    m.attentionSince ? timeElement(m.attentionSince, zone) : '—',
    m.state === 'failed' ? (m.lastError ?? '—') : 'Sending was interrupted',
    html`<div class="actions">
${m.state === 'uncertain' ? action(m, 'confirm', 'Confirm delivered') : ''}
${isAddressMarked(m) ? action(m, 'clear-address', 'Clear address mark') : ''}
${action(m, 'resend', 'Send once more')}
</div>`,
  ]);
  const main = html`<h1>Outbox: messages to check</h1>
<p>None of these messages is known to have reached its recipient: each record they are about
says <strong>Not sent</strong> on its page until one is sent or confirmed.</p>
<p>An <strong>uncertain</strong> message was being sent when the desk was interrupted: the
recipient may have it. Ask them or check the email service, then confirm it was delivered, or
send it once more. A <strong>failed</strong> message was refused by the email service several
times, or not sent because its address bounced or complained: fix the address, clear its mark,
then send it once more. The desk never sends these again on its own.</p>
${dataTable(
  'Uncertain and failed messages, oldest first',
  [
    { label: 'State' },
    { label: 'About' },
    { label: 'Recipient' },
    { label: 'Subject' },
    { label: 'Since' },
    { label: 'Reason' },
    { label: 'Actions' },
  ],
  rows,
  'No message needs checking.',
)}`;
  return officePage(frame, {
    title: 'Outbox',
    section: 'outbox',
    ...(view.flash ? { flash: view.flash } : {}),
    main,
  });
}
