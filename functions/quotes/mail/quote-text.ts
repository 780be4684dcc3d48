import type { BillingPlan } from '../../invoicing/rules/invoice';
import type { Locale } from '../../shared/locales';

/**
 * Everything a customer reads about a quote, in each language: the email that brings it and the
 * page where they accept or decline it. Placeholders in `{{ }}` are filled by `fill`.
 */
export interface QuoteText {
  subject: string;
  greeting: string;
  intro: string;
  reference: string;
  columns: {
    service: string;
    quantity: string;
    unitPrice: string;
    discount: string;
    taxRate: string;
    amount: string;
  };
  net: string;
  tax: string;
  total: string;
  validUntil: string;
  prepaid: string;
  netDays: string;
  plans: Record<BillingPlan, string>;
  start: string;
  openLink: string;
  signOff: string;
  team: string;
  page: {
    title: string;
    accept: string;
    declineReason: string;
    decline: string;
    accepted: { title: string; body: string };
    declined: { title: string; body: string };
    expired: { title: string; body: string };
    answered: { title: string; body: string };
  };
}

export const quoteText: Record<Locale, QuoteText> = {
  en: {
    subject: 'Your quote {{reference}}',
    greeting: 'Dear {{name}},',
    intro: 'Thank you for your interest. Here is our quote for {{company}}:',
    reference: 'Quote reference: {{reference}}',
    columns: {
      service: 'Service',
      quantity: 'Quantity',
      unitPrice: 'Unit price',
      discount: 'Discount',
      taxRate: 'Tax rate',
      amount: 'Amount',
    },
    net: 'Net',
    tax: 'Tax',
    total: 'Total',
    validUntil: 'This quote is valid until {{date}}.',
    prepaid: 'Payment: in advance.',
    netDays: 'Payment: within {{days}} days of the invoice.',
    plans: {
      'one-off': 'Billed once',
      monthly: 'Billed monthly',
      quarterly: 'Billed quarterly',
      annual: 'Billed annually',
    },
    start: 'Start: {{date}}, for {{months}} months.',
    openLink: 'To accept or decline the quote, open this link:',
    signOff: 'Kind regards,',
    team: 'Your customer desk',
    page: {
      title: 'Quote {{reference}}',
      accept: 'Accept the quote',
      declineReason: 'Reason for declining (optional)',
      decline: 'Decline the quote',
      accepted: {
        title: 'Thank you: you accepted the quote',
        body: 'We will prepare the contract and be in touch shortly.',
      },
      declined: {
        title: 'You declined the quote',
        body: 'Thank you for letting us know. Your account manager may contact you.',
      },
      expired: {
        title: 'This quote has expired',
        body: 'The quote was valid until {{date}} and can no longer be accepted. Please contact us for a new quote.',
      },
      answered: {
        title: 'This quote has already been answered',
        body: 'Your earlier answer has been recorded.',
      },
    },
  },
  de: {
    subject: 'Ihr Angebot {{reference}}',
    greeting: 'Guten Tag {{name}},',
    intro: 'vielen Dank für Ihr Interesse. Hier ist unser Angebot für {{company}}:',
    reference: 'Angebotsnummer: {{reference}}',
    columns: {
      service: 'Leistung',
      quantity: 'Menge',
      unitPrice: 'Einzelpreis',
      discount: 'Rabatt',
      taxRate: 'Steuersatz',
      amount: 'Betrag',
    },
    net: 'Netto',
    tax: 'Steuer',
    total: 'Gesamt',
    validUntil: 'Dieses Angebot gilt bis {{date}}.',
    prepaid: 'Zahlung: im Voraus.',
    netDays: 'Zahlung: innerhalb von {{days}} Tagen nach Rechnungsstellung.',
    plans: {
      'one-off': 'Einmalige Abrechnung',
      monthly: 'Monatliche Abrechnung',
      quarterly: 'Vierteljährliche Abrechnung',
      annual: 'Jährliche Abrechnung',
    },
    start: 'Beginn: {{date}}, für {{months}} Monate.',
    openLink: 'Um das Angebot anzunehmen oder abzulehnen, öffnen Sie diesen Link:',
    signOff: 'Mit freundlichen Grüßen',
    team: 'Ihr Kundenservice',
    page: {
      title: 'Angebot {{reference}}',
      accept: 'Angebot annehmen',
      declineReason: 'Grund der Ablehnung (freiwillig)',
      decline: 'Angebot ablehnen',
      accepted: {
        title: 'Vielen Dank: Sie haben das Angebot angenommen',
        body: 'Wir bereiten den Vertrag vor und melden uns in Kürze.',
      },
      declined: {
        title: 'Sie haben das Angebot abgelehnt',
        body: 'Danke für Ihre Rückmeldung. Ihre Kundenberaterin oder Ihr Kundenberater meldet sich vielleicht bei Ihnen.',
      },
      expired: {
        title: 'Dieses Angebot ist abgelaufen',
        body: 'Das Angebot galt bis {{date}} und kann nicht mehr angenommen werden. Bitte fordern Sie ein neues Angebot an.',
      },
      answered: {
        title: 'Dieses Angebot wurde bereits beantwortet',
        body: 'Ihre frühere Antwort ist gespeichert.',
      },
    },
  },
  el: {
    subject: 'Η προσφορά σας {{reference}}',
    greeting: 'Αγαπητέ/ή {{name}},',
    intro: 'Σας ευχαριστούμε για το ενδιαφέρον σας. Ακολουθεί η προσφορά μας για {{company}}:',
    reference: 'Αριθμός προσφοράς: {{reference}}',
    columns: {
      service: 'Υπηρεσία',
      quantity: 'Ποσότητα',
      unitPrice: 'Τιμή μονάδας',
      discount: 'Έκπτωση',
      taxRate: 'Συντελεστής φόρου',
      amount: 'Ποσό',
    },
    net: 'Καθαρό ποσό',
    tax: 'Φόρος',
    total: 'Σύνολο',
    validUntil: 'Η προσφορά ισχύει έως {{date}}.',
    prepaid: 'Πληρωμή: προκαταβολικά.',
    netDays: 'Πληρωμή: εντός {{days}} ημερών από την έκδοση του τιμολογίου.',
    plans: {
      'one-off': 'Εφάπαξ χρέωση',
      monthly: 'Μηνιαία χρέωση',
      quarterly: 'Τριμηνιαία χρέωση',
      annual: 'Ετήσια χρέωση',
    },
    start: 'Έναρξη: {{date}}, για {{months}} μήνες.',
    openLink: 'Για να αποδεχθείτε ή να απορρίψετε την προσφορά, ανοίξτε αυτόν τον σύνδεσμο:',
    signOff: 'Με εκτίμηση,',
    team: 'Η εξυπηρέτηση πελατών',
    page: {
      title: 'Προσφορά {{reference}}',
      accept: 'Αποδοχή της προσφοράς',
      declineReason: 'Λόγος απόρριψης (προαιρετικά)',
      decline: 'Απόρριψη της προσφοράς',
      accepted: {
        title: 'Σας ευχαριστούμε: αποδεχθήκατε την προσφορά',
        body: 'Θα ετοιμάσουμε τη σύμβαση και θα επικοινωνήσουμε σύντομα μαζί σας.',
      },
      declined: {
        title: 'Απορρίψατε την προσφορά',
        body: 'Σας ευχαριστούμε που μας ενημερώσατε. Ο υπεύθυνος πελατών σας ίσως επικοινωνήσει μαζί σας.',
      },
      expired: {
        title: 'Η προσφορά έχει λήξει',
        body: 'Η προσφορά ίσχυε έως {{date}} και δεν μπορεί πλέον να γίνει αποδεκτή. Επικοινωνήστε μαζί μας για νέα προσφορά.',
      },
      answered: {
        title: 'Η προσφορά έχει ήδη απαντηθεί',
        body: 'Η προηγούμενη απάντησή σας έχει καταχωριστεί.',
      },
    },
  },
  ko: {
    subject: '견적서 {{reference}}',
    greeting: '{{name}}님, 안녕하세요.',
    intro: '관심을 가져 주셔서 감사합니다. {{company}}을(를) 위한 견적을 보내 드립니다.',
    reference: '견적 번호: {{reference}}',
    columns: {
      service: '서비스',
      quantity: '수량',
      unitPrice: '단가',
      discount: '할인',
      taxRate: '세율',
      amount: '금액',
    },
    net: '공급가액',
    tax: '세액',
    total: '합계',
    validUntil: '이 견적은 {{date}}까지 유효합니다.',
    prepaid: '결제: 선불.',
    netDays: '결제: 청구서 발행 후 {{days}}일 이내.',
    plans: {
      'one-off': '일회 청구',
      monthly: '월별 청구',
      quarterly: '분기별 청구',
      annual: '연간 청구',
    },
    start: '시작일: {{date}}, 기간 {{months}}개월.',
    openLink: '견적을 수락하거나 거절하시려면 다음 링크를 여십시오.',
    signOff: '감사합니다.',
    team: '고객 지원팀 드림',
    page: {
      title: '견적서 {{reference}}',
      accept: '견적 수락',
      declineReason: '거절 사유 (선택)',
      decline: '견적 거절',
      accepted: {
        title: '감사합니다. 견적을 수락하셨습니다',
        body: '계약서를 준비하여 곧 연락드리겠습니다.',
      },
      declined: {
        title: '견적을 거절하셨습니다',
        body: '알려 주셔서 감사합니다. 담당 매니저가 연락드릴 수 있습니다.',
      },
      expired: {
        title: '견적이 만료되었습니다',
        body: '이 견적은 {{date}}까지 유효했으며 더 이상 수락할 수 없습니다. 새 견적이 필요하시면 연락해 주십시오.',
      },
      answered: {
        title: '이미 답변하신 견적입니다',
        body: '이전 답변이 기록되어 있습니다.',
      },
    },
  },
  zh: {
    subject: '您的报价 {{reference}}',
    greeting: '尊敬的{{name}}：',
    intro: '感谢您的关注。以下是我们为{{company}}提供的报价：',
    reference: '报价编号：{{reference}}',
    columns: {
      service: '服务',
      quantity: '数量',
      unitPrice: '单价',
      discount: '折扣',
      taxRate: '税率',
      amount: '金额',
    },
    net: '净额',
    tax: '税额',
    total: '总计',
    validUntil: '本报价有效期至{{date}}。',
    prepaid: '付款方式：预付。',
    netDays: '付款方式：发票开具后{{days}}天内付款。',
    plans: {
      'one-off': '一次性计费',
      monthly: '按月计费',
      quarterly: '按季度计费',
      annual: '按年计费',
    },
    start: '开始日期：{{date}}，期限{{months}}个月。',
    openLink: '如需接受或拒绝本报价，请打开以下链接：',
    signOff: '此致敬礼',
    team: '客户服务部',
    page: {
      title: '报价 {{reference}}',
      accept: '接受报价',
      declineReason: '拒绝原因（选填）',
      decline: '拒绝报价',
      accepted: {
        title: '谢谢：您已接受报价',
        body: '我们将准备合同并尽快与您联系。',
      },
      declined: {
        title: '您已拒绝报价',
        body: '感谢您告知我们。您的客户经理可能会与您联系。',
      },
      expired: {
        title: '此报价已过期',
        body: '本报价有效期至{{date}}，现已无法接受。如需新的报价，请与我们联系。',
      },
      answered: {
        title: '此报价已答复',
        body: '您之前的答复已记录。',
      },
    },
  },
};

/** Puts values into a text's `{{name}}` places; the caller escapes for HTML. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {{${name}}}`);
    return String(value);
  });
}
