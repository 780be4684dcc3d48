import type { EmailAttachment, EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { messageTemplate } from '../../messages/templates';
import type { Locale } from '../../shared/locales';
import type { Contract, DocumentType } from '../rules/contract';
import { contractCustomerText, documentNames } from './contract-customer-text';

/** The emails a customer gets about their contract, in the contract's language. */

const documentsTemplate = messageTemplate(contractCustomerText, 'documentsSubject', [
  ['greeting'],
  ['documentsBody'],
  ['linkLine'],
  ['reference'],
  ['signOff', 'team'],
]);
const signatureTemplate = messageTemplate(contractCustomerText, 'signatureSubject', [
  ['greeting'],
  ['signatureBody'],
  ['linkLine'],
  ['reference'],
  ['signOff', 'team'],
]);
const welcomeTemplate = messageTemplate(contractCustomerText, 'welcomeSubject', [
  ['greeting'],
  ['welcomeBody'],
  ['welcomeAttached'],
  ['reference'],
  ['signOff', 'team'],
]);

type ContractView = Pick<Contract, 'contractId' | 'customer' | 'service' | 'startDate' | 'round'>;

const values = (contract: ContractView) => ({
  name: contract.customer.contactName,
  legalName: contract.customer.legalName,
  contractId: contract.contractId,
  service: contract.service.name,
  startDate: contract.startDate,
});

export const listDocuments = (locale: Locale, types: readonly DocumentType[]) =>
  types.map((t) => documentNames[locale][t]).join(locale === 'zh' ? '、' : ', ');

export function renderDocumentRequest(
  contract: ContractView,
  missing: readonly DocumentType[],
  link: string,
): EmailContent {
  const locale = contract.customer.language;
  return documentsTemplate.render(locale, {
    ...values(contract),
    documents: listDocuments(locale, missing),
    link,
  });
}

export function renderSignatureRequest(contract: ContractView, link: string): EmailContent {
  return signatureTemplate.render(contract.customer.language, { ...values(contract), link });
}

export function renderWelcome(contract: ContractView, attachment: EmailAttachment): EmailContent {
  return {
    ...welcomeTemplate.render(contract.customer.language, values(contract)),
    attachments: [attachment],
  };
}

/** Once per round and missing set: a new upload that leaves something missing asks again. */
export function documentRequestKey(contract: ContractView, missing: readonly DocumentType[]) {
  return {
    kind: 'contract-documents-request',
    subject: `contract#${contract.contractId}`,
    recipient: contract.customer.email,
    period: `round-${contract.round}:${[...missing].sort().join('+')}`,
  } satisfies OutboxKey;
}

export function signatureRequestKey(contract: ContractView): OutboxKey {
  return {
    kind: 'contract-signature-request',
    subject: `contract#${contract.contractId}`,
    recipient: contract.customer.email,
    period: `round-${contract.round}`,
  };
}

export function welcomeKey(contract: ContractView): OutboxKey {
  return {
    kind: 'contract-welcome',
    subject: `contract#${contract.contractId}`,
    recipient: contract.customer.email,
    period: '-',
  };
}
