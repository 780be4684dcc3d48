import type { Locale } from '../../shared/locales';

/**
 * What a customer receives about their contract, in each language. Handlebars placeholders:
 * `name` (the contact), `legalName`, `contractId`, `documents` (the missing ones, translated),
 * `link` (absolute), `service`, `startDate`. Values are escaped in the HTML part.
 */
export interface ContractCustomerText {
  documentsSubject: string;
  documentsBody: string;
  signatureSubject: string;
  signatureBody: string;
  welcomeSubject: string;
  welcomeBody: string;
  welcomeAttached: string;
  greeting: string;
  linkLine: string;
  reference: string;
  signOff: string;
  team: string;
}

export const contractCustomerText: Record<Locale, ContractCustomerText> = {
  en: {
    documentsSubject: 'Documents needed for your contract {{contractId}}',
    documentsBody:
      'To prepare the contract for {{legalName}}, we still need: {{documents}}. Please upload them (PDF, JPEG or PNG) through the secure link below.',
    signatureSubject: 'Your contract {{contractId}} is ready to sign',
    signatureBody:
      'Your contract for {{service}} (from {{startDate}}) has been approved. Please review and sign it through the secure link below.',
    welcomeSubject: 'Welcome: your contract {{contractId}} is active',
    welcomeBody:
      'Thank you for signing. Your account is now active and the service {{service}} starts on {{startDate}}.',
    welcomeAttached: 'Your copy of the signed contract is attached to this email.',
    greeting: 'Dear {{name}},',
    linkLine: '{{link}}',
    reference: 'Contract reference: {{contractId}}',
    signOff: 'Kind regards,',
    team: 'Your customer desk',
  },
  de: {
    documentsSubject: 'Unterlagen für Ihren Vertrag {{contractId}}',
    documentsBody:
      'Für den Vertrag mit {{legalName}} benötigen wir noch: {{documents}}. Bitte laden Sie die Unterlagen (PDF, JPEG oder PNG) über den sicheren Link unten hoch.',
    signatureSubject: 'Ihr Vertrag {{contractId}} ist bereit zur Unterschrift',
    signatureBody:
      'Ihr Vertrag über {{service}} (ab {{startDate}}) wurde genehmigt. Bitte prüfen und unterschreiben Sie ihn über den sicheren Link unten.',
    welcomeSubject: 'Willkommen: Ihr Vertrag {{contractId}} ist aktiv',
    welcomeBody:
      'Vielen Dank für Ihre Unterschrift. Ihr Kundenkonto ist jetzt aktiv; die Leistung {{service}} beginnt am {{startDate}}.',
    welcomeAttached: 'Ihr Exemplar des unterschriebenen Vertrags ist dieser E-Mail beigefügt.',
    greeting: 'Guten Tag {{name}},',
    linkLine: '{{link}}',
    reference: 'Vertragsnummer: {{contractId}}',
    signOff: 'Mit freundlichen Grüßen',
    team: 'Ihr Kundenservice',
  },
  el: {
    documentsSubject: 'Έγγραφα για τη σύμβασή σας {{contractId}}',
    documentsBody:
      'Για τη σύμβαση της {{legalName}} χρειαζόμαστε ακόμη: {{documents}}. Ανεβάστε τα (PDF, JPEG ή PNG) μέσω του ασφαλούς συνδέσμου παρακάτω.',
    signatureSubject: 'Η σύμβασή σας {{contractId}} είναι έτοιμη για υπογραφή',
    signatureBody:
      'Η σύμβασή σας για {{service}} (από {{startDate}}) εγκρίθηκε. Ελέγξτε την και υπογράψτε τη μέσω του ασφαλούς συνδέσμου παρακάτω.',
    welcomeSubject: 'Καλώς ήρθατε: η σύμβασή σας {{contractId}} είναι ενεργή',
    welcomeBody:
      'Σας ευχαριστούμε για την υπογραφή. Ο λογαριασμός σας είναι πλέον ενεργός και η υπηρεσία {{service}} ξεκινά στις {{startDate}}.',
    welcomeAttached: 'Το αντίγραφο της υπογεγραμμένης σύμβασης επισυνάπτεται σε αυτό το email.',
    greeting: 'Αγαπητέ/ή {{name}},',
    linkLine: '{{link}}',
    reference: 'Αριθμός σύμβασης: {{contractId}}',
    signOff: 'Με εκτίμηση,',
    team: 'Η εξυπηρέτηση πελατών σας',
  },
  ko: {
    documentsSubject: '계약 {{contractId}}에 필요한 서류',
    documentsBody:
      '{{legalName}}의 계약을 준비하려면 다음 서류가 더 필요합니다: {{documents}}. 아래의 보안 링크를 통해 서류(PDF, JPEG 또는 PNG)를 업로드해 주십시오.',
    signatureSubject: '계약 {{contractId}}에 서명할 준비가 되었습니다',
    signatureBody:
      '{{service}} 계약({{startDate}}부터)이 승인되었습니다. 아래의 보안 링크에서 계약을 확인하고 서명해 주십시오.',
    welcomeSubject: '환영합니다: 계약 {{contractId}}이(가) 시작되었습니다',
    welcomeBody:
      '서명해 주셔서 감사합니다. 고객 계정이 활성화되었으며 {{service}} 서비스는 {{startDate}}에 시작됩니다.',
    welcomeAttached: '서명된 계약서 사본을 이 이메일에 첨부했습니다.',
    greeting: '{{name}}님께,',
    linkLine: '{{link}}',
    reference: '계약 번호: {{contractId}}',
    signOff: '감사합니다.',
    team: '고객 지원팀 드림',
  },
  zh: {
    documentsSubject: '您的合同 {{contractId}} 所需文件',
    documentsBody:
      '为准备 {{legalName}} 的合同，我们还需要：{{documents}}。请通过下面的安全链接上传（PDF、JPEG 或 PNG）。',
    signatureSubject: '您的合同 {{contractId}} 已可签署',
    signatureBody:
      '您的 {{service}} 合同（自 {{startDate}} 起）已获批准。请通过下面的安全链接查看并签署。',
    welcomeSubject: '欢迎：您的合同 {{contractId}} 已生效',
    welcomeBody: '感谢您的签署。您的账户现已启用，{{service}} 服务将于 {{startDate}} 开始。',
    welcomeAttached: '已签署合同的副本附在本邮件中。',
    greeting: '尊敬的 {{name}}：',
    linkLine: '{{link}}',
    reference: '合同编号：{{contractId}}',
    signOff: '此致敬礼',
    team: '您的客户服务团队',
  },
};

/** The names of the documents, as the customer reads them. */
export const documentNames: Record<
  Locale,
  Record<'business-licence' | 'operating-permit', string>
> = {
  en: { 'business-licence': 'business licence', 'operating-permit': 'operating permit' },
  de: { 'business-licence': 'Gewerbeschein', 'operating-permit': 'Betriebserlaubnis' },
  el: { 'business-licence': 'άδεια επιχείρησης', 'operating-permit': 'άδεια λειτουργίας' },
  ko: { 'business-licence': '사업자 등록증', 'operating-permit': '영업 허가증' },
  zh: { 'business-licence': '营业执照', 'operating-permit': '经营许可证' },
};
