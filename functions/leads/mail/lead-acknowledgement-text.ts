import type { Locale } from '../../shared/locales';

/**
 * The acknowledgement a prospect receives, in each language. Handlebars placeholders: `name`,
 * `interest`, `leadId`. Values are escaped in the HTML part. The subject holds nothing the
 * prospect typed (only the desk's reference): whoever sends the form chooses the recipient, so
 * their text in a subject would make the desk an open relay for it.
 */
export interface LeadAcknowledgementText {
  subject: string;
  greeting: string;
  received: string;
  reference: string;
  questions: string;
  signOff: string;
  team: string;
}

export const leadAcknowledgementText: Record<Locale, LeadAcknowledgementText> = {
  en: {
    subject: 'Thank you for your enquiry (reference {{leadId}})',
    greeting: 'Dear {{name}},',
    received:
      'Thank you for contacting us about {{interest}}. We have received your enquiry, and an ' +
      'account manager will get in touch with you within a few working days.',
    reference: 'Your reference: {{leadId}}',
    questions: 'If you have any questions in the meantime, simply reply to this email.',
    signOff: 'Kind regards,',
    team: 'Your customer desk',
  },
  de: {
    subject: 'Vielen Dank für Ihre Anfrage (Referenz {{leadId}})',
    greeting: 'Guten Tag {{name}},',
    received:
      'vielen Dank für Ihr Interesse an {{interest}}. Wir haben Ihre Anfrage erhalten; Ihre ' +
      'Kundenberaterin oder Ihr Kundenberater meldet sich in den nächsten Werktagen bei Ihnen.',
    reference: 'Ihre Referenz: {{leadId}}',
    questions: 'Wenn Sie bis dahin Fragen haben, antworten Sie einfach auf diese E-Mail.',
    signOff: 'Mit freundlichen Grüßen',
    team: 'Ihr Kundenservice',
  },
  el: {
    subject: 'Σας ευχαριστούμε για το αίτημά σας (κωδικός {{leadId}})',
    greeting: 'Αγαπητέ/ή {{name}},',
    received:
      'Σας ευχαριστούμε που επικοινωνήσατε μαζί μας για: {{interest}}. Λάβαμε το αίτημά σας και ' +
      'ένας υπεύθυνος πελατών θα επικοινωνήσει μαζί σας μέσα στις επόμενες εργάσιμες ημέρες.',
    reference: 'Κωδικός αναφοράς: {{leadId}}',
    questions: 'Για οποιαδήποτε ερώτηση στο μεταξύ, απαντήστε απλώς σε αυτό το μήνυμα.',
    signOff: 'Με εκτίμηση,',
    team: 'Η εξυπηρέτηση πελατών',
  },
  ko: {
    subject: '문의해 주셔서 감사합니다 (접수 번호 {{leadId}})',
    greeting: '{{name}}님, 안녕하세요.',
    received:
      '{{interest}}에 관해 문의해 주셔서 감사합니다. 문의 내용을 접수했으며, 담당 고객 관리자가 ' +
      '영업일 기준 며칠 이내에 연락드리겠습니다.',
    reference: '접수 번호: {{leadId}}',
    questions: '그동안 궁금한 점이 있으시면 이 이메일에 회신해 주십시오.',
    signOff: '감사합니다.',
    team: '고객 지원팀 드림',
  },
  zh: {
    subject: '感谢您的咨询（参考编号 {{leadId}}）',
    greeting: '尊敬的{{name}}：',
    received:
      '感谢您就{{interest}}与我们联系。我们已收到您的咨询，客户经理将在几个工作日内与您联系。',
    reference: '您的参考编号：{{leadId}}',
    questions: '在此期间如有任何疑问，请直接回复此邮件。',
    signOff: '此致敬礼',
    team: '客户服务部',
  },
};
