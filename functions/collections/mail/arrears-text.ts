import type { Locale } from '../../shared/locales';

/** The customer's notices of the arrears ladder: one text per step that writes to the customer. */
export type ArrearsNotice = 'reminder' | 'second-notice' | 'final-notice';

/**
 * The arrears notices, in each language. Handlebars placeholders: `name`, `number` (the
 * invoice), `amount` (still open), `dueDate`, `company`.
 */
export interface ArrearsText {
  subjects: Record<ArrearsNotice, string>;
  greeting: string;
  bodies: Record<ArrearsNotice, string>;
  alreadyPaid: string;
  signOff: string;
}

export const arrearsText: Record<Locale, ArrearsText> = {
  en: {
    subjects: {
      reminder: 'Friendly reminder: invoice {{number}} is overdue',
      'second-notice': 'Second notice: invoice {{number}} is still unpaid',
      'final-notice': 'Final notice: invoice {{number}}',
    },
    greeting: 'Dear {{name}},',
    bodies: {
      reminder:
        'Our invoice {{number}}, due on {{dueDate}}, is still open for {{amount}}. It may simply ' +
        'have been overlooked: we would be grateful for your payment in the next few days.',
      'second-notice':
        'Invoice {{number}}, due on {{dueDate}}, is still unpaid ({{amount}}). Please pay it now. ' +
        'Your account manager will call you to help if anything is unclear.',
      'final-notice':
        'Despite our reminders, invoice {{number}}, due on {{dueDate}}, is still unpaid ' +
        '({{amount}}). Unless we receive payment within 15 days, we will have to suspend your ' +
        'service and hand the debt to collections.',
    },
    alreadyPaid: 'If you have paid in the meantime, thank you, and please disregard this message.',
    signOff: 'Kind regards,',
  },
  de: {
    subjects: {
      reminder: 'Freundliche Erinnerung: Rechnung {{number}} ist überfällig',
      'second-notice': 'Zweite Mahnung: Rechnung {{number}} ist noch offen',
      'final-notice': 'Letzte Mahnung: Rechnung {{number}}',
    },
    greeting: 'Guten Tag {{name}},',
    bodies: {
      reminder:
        'unsere Rechnung {{number}}, fällig am {{dueDate}}, ist noch mit {{amount}} offen. ' +
        'Vielleicht wurde sie nur übersehen: Wir freuen uns über Ihre Zahlung in den nächsten Tagen.',
      'second-notice':
        'die Rechnung {{number}}, fällig am {{dueDate}}, ist noch nicht bezahlt ({{amount}}). ' +
        'Bitte begleichen Sie sie jetzt. Ihr Kundenbetreuer ruft Sie an, falls etwas unklar ist.',
      'final-notice':
        'trotz unserer Erinnerungen ist die Rechnung {{number}}, fällig am {{dueDate}}, noch ' +
        'offen ({{amount}}). Geht die Zahlung nicht binnen 15 Tagen ein, müssen wir Ihren Dienst ' +
        'sperren und die Forderung an ein Inkassobüro übergeben.',
    },
    alreadyPaid:
      'Falls Sie inzwischen gezahlt haben, danken wir Ihnen; betrachten Sie diese Nachricht dann als gegenstandslos.',
    signOff: 'Mit freundlichen Grüßen',
  },
  el: {
    subjects: {
      reminder: 'Φιλική υπενθύμιση: το τιμολόγιο {{number}} είναι ληξιπρόθεσμο',
      'second-notice': 'Δεύτερη ειδοποίηση: το τιμολόγιο {{number}} παραμένει απλήρωτο',
      'final-notice': 'Τελική ειδοποίηση: τιμολόγιο {{number}}',
    },
    greeting: 'Αγαπητέ/ή {{name}},',
    bodies: {
      reminder:
        'Το τιμολόγιό μας {{number}}, με λήξη στις {{dueDate}}, παραμένει ανοιχτό για {{amount}}. ' +
        'Ίσως απλώς σας διέφυγε: θα εκτιμούσαμε την εξόφλησή του τις επόμενες ημέρες.',
      'second-notice':
        'Το τιμολόγιο {{number}}, με λήξη στις {{dueDate}}, δεν έχει ακόμη εξοφληθεί ({{amount}}). ' +
        'Παρακαλούμε εξοφλήστε το τώρα. Ο υπεύθυνος του λογαριασμού σας θα σας καλέσει για ό,τι χρειαστείτε.',
      'final-notice':
        'Παρά τις υπενθυμίσεις μας, το τιμολόγιο {{number}}, με λήξη στις {{dueDate}}, παραμένει ' +
        'απλήρωτο ({{amount}}). Αν δεν λάβουμε την πληρωμή εντός 15 ημερών, θα αναστείλουμε την ' +
        'υπηρεσία σας και θα παραδώσουμε την οφειλή για είσπραξη.',
    },
    alreadyPaid: 'Αν έχετε ήδη πληρώσει, σας ευχαριστούμε και παρακαλούμε αγνοήστε αυτό το μήνυμα.',
    signOff: 'Με εκτίμηση,',
  },
  ko: {
    subjects: {
      reminder: '안내: 청구서 {{number}}의 납부 기한이 지났습니다',
      'second-notice': '2차 안내: 청구서 {{number}}가 아직 미납입니다',
      'final-notice': '최종 안내: 청구서 {{number}}',
    },
    greeting: '{{name}} 님께,',
    bodies: {
      reminder:
        '납부 기한이 {{dueDate}}인 청구서 {{number}}의 미납액 {{amount}}이(가) 남아 있습니다. ' +
        '혹시 놓치셨다면 며칠 안에 납부해 주시면 감사하겠습니다.',
      'second-notice':
        '납부 기한이 {{dueDate}}인 청구서 {{number}}가 아직 납부되지 않았습니다({{amount}}). ' +
        '지금 납부해 주십시오. 궁금한 점이 있으시면 담당자가 전화로 도와드리겠습니다.',
      'final-notice':
        '여러 차례 안내에도 불구하고 납부 기한이 {{dueDate}}인 청구서 {{number}}가 미납 상태입니다' +
        '({{amount}}). 15일 이내에 납부되지 않으면 서비스를 정지하고 채권을 추심 기관에 넘기게 됩니다.',
    },
    alreadyPaid: '이미 납부하셨다면 감사드리며, 이 메시지는 무시하셔도 됩니다.',
    signOff: '감사합니다.',
  },
  zh: {
    subjects: {
      reminder: '温馨提醒：发票 {{number}} 已逾期',
      'second-notice': '第二次通知：发票 {{number}} 仍未支付',
      'final-notice': '最后通知：发票 {{number}}',
    },
    greeting: '尊敬的 {{name}}：',
    bodies: {
      reminder:
        '我们的发票 {{number}}（到期日 {{dueDate}}）仍有 {{amount}} 未付。您可能只是疏忽了，' +
        '恳请您在近几日内付款。',
      'second-notice':
        '发票 {{number}}（到期日 {{dueDate}}）仍未支付（{{amount}}）。请立即付款。' +
        '如有任何疑问，您的客户经理将致电为您解答。',
      'final-notice':
        '尽管我们已多次提醒，发票 {{number}}（到期日 {{dueDate}}）仍未支付（{{amount}}）。' +
        '如 15 天内仍未收到付款，我们将暂停您的服务并将欠款移交催收。',
    },
    alreadyPaid: '如您已在此期间付款，谢谢，请忽略本邮件。',
    signOff: '此致敬礼',
  },
};
