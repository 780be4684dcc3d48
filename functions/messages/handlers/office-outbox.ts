import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { BadRequest, EmailNotSent, NotFound } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { outbox, sentNote } from '../outbox';
import { messageIdOf, outboxPage, outcomes } from '../pages/outbox-pages';
import { sesSender } from '../ses';
import { outboxStore, type StaffActor } from '../store/outbox-store';
import { suppressedAddresses } from '../store/suppressed-addresses';

/**
 * `GET /office/outbox`: uncertain and failed messages (managers, finance);
 * `POST /office/outbox/{messageRef}/confirm`: an uncertain message was delivered (staff checked):
 * marked sent, nothing sent; `POST /office/outbox/{messageRef}/resend`: sent once more, recording
 * who asked; `POST /office/outbox/{messageRef}/clear-address`: the recipient's bounce or complaint
 * mark is removed (the address was fixed), so the message can be sent once more. A double click
 * acts once: each change is a conditional write.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const zone = requireEnv('COMPANY_TIME_ZONE');
requireEnv('SENDER_ADDRESS');
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const store = outboxStore(table);
const marks = suppressedAddresses(table);
const mail = outbox(store, sesSender());

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/outbox':
      return list(request);
    case 'POST /office/outbox/{messageRef}/confirm':
      return act(request, confirm);
    case 'POST /office/outbox/{messageRef}/resend':
      return act(request, resend);
    case 'POST /office/outbox/{messageRef}/clear-address':
      return act(request, clearAddress);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function list({ event, frame }: OfficeRequest) {
  const done = event.queryStringParameters?.done;
  const flash = done ? outcomes[done] : undefined;
  const messages = await store.needingAttention(200);
  return pageAnswer(200, outboxPage({ frame, zone, messages, ...(flash ? { flash } : {}) }));
}

type Action = (messageId: string, by: StaffActor, now: Date) => Promise<keyof typeof outcomes>;

async function act({ event, frame, principal, now }: OfficeRequest, action: Action) {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Use the buttons on the outbox page');
  checkCsrf(event, body.fields, await signingKey());
  const messageId = messageIdOf(event.pathParameters?.messageRef ?? '');
  if (!messageId || !(await store.get(messageId))) throw new NotFound('There is no such message.');
  const by = { staffId: principal.staffId, name: principal.name };
  const outcome = await action(messageId, by, now);
  logger.info('Outbox message handled by staff', { messageId, outcome, by: by.staffId });
  return seeOther(`${frame.base}/office/outbox?done=${outcome}`);
}

async function confirm(messageId: string, by: StaffActor, now: Date) {
  const message = await store.get(messageId);
  if (message?.state !== 'uncertain') return 'already';
  const confirmed = await store.confirmDelivered(messageId, by, now, sentNote(message, now, by));
  return confirmed ? 'confirmed' : 'already';
}

async function clearAddress(messageId: string, by: StaffActor) {
  const message = await store.get(messageId);
  const mark = message && (await marks.get(message.recipient));
  if (!message || !mark) return 'already';
  // Conditional on the mark staff saw: a newer bounce (after this page was shown) stays.
  if (!(await marks.clear(message.recipient, mark.markedAt))) return 'already';
  logger.info('Address mark cleared', { address: mark.address, markedAt: mark.markedAt, by });
  return 'address-cleared';
}

async function resend(messageId: string, by: StaffActor, now: Date) {
  try {
    const outcome = await mail.resend(messageId, by, now);
    return outcome === 'sent' ? 'resent' : outcome === 'refused' ? 'address-marked' : 'already';
  } catch (error) {
    if (!(error instanceof EmailNotSent)) throw error;
    logger.warn('Re-sent outbox message refused', { messageId, error });
    return 'refused';
  }
}
