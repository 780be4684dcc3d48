import { html, type SafeHtml } from '../../shared/http/html';
import { timeElement } from '../../shared/office/components';
import type { Frame } from '../../shared/office/layout';
import type { EmailDelivery } from '../email-delivery';

/** Who may act on the outbox page: the link to it is shown to them. */
const outboxRoles: readonly string[] = ['manager', 'finance'];

/** A record's email as its page says it: sent (to whom, when), being sent, or not sent and why. */
export function deliveryText(frame: Frame, zone: string, delivery: EmailDelivery): SafeHtml {
  switch (delivery.kind) {
    case 'sent':
      return html`Sent to ${delivery.recipient}${delivery.at ? html` ${timeElement(delivery.at, zone)}` : ''}${
        delivery.confirmedBy ? ` (confirmed delivered by ${delivery.confirmedBy})` : ''
      }`;
    case 'sending':
      return html`Being sent to ${delivery.recipient} (since ${timeElement(delivery.since, zone)})`;
    case 'not-sent': {
      const outbox =
        delivery.needsPerson && outboxRoles.includes(frame.principal.role)
          ? html` <a href="${frame.base}/office/outbox">Open the outbox</a>`
          : '';
      return html`<strong class="not-sent">Not sent</strong>${
        delivery.recipient ? ` to ${delivery.recipient}` : ''
      }: ${delivery.reason}${outbox}`;
    }
  }
}
