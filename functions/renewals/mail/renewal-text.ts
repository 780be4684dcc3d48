import type { Locale } from '../../shared/locales';

/**
 * What the customer reads about a contract's end, in each language: the renewal reminder (with
 * the renew link), the notice of auto-renewal, the lapse, the renewal, and the renew link's
 * pages. Handlebars placeholders: `name`, `service`, `contractId`, `endDate`, `days`, `link`,
 * `newStart`, `newEnd`, `company`.
 */

export type RenewalTextKey =
  | 'greeting'
  | 'signOff'
  | 'company'
  | 'reminderSubject'
  | 'reminderBody'
  | 'reminderLink'
  | 'reminderNewQuote'
  | 'noticeSubject'
  | 'noticeBody'
  | 'noticeOptOut'
  | 'lapsedSubject'
  | 'lapsedBody'
  | 'lapsedAgain'
  | 'renewedSubject'
  | 'renewedBody'
  | 'renewedInvoices'
  | 'confirmedSubject'
  | 'confirmedBody';

export type RenewPageOutcome = 'renewed' | 'quote-asked' | 'already-renewed' | 'ended';

export interface RenewPageText {
  title: string;
  intro: string;
  sameTerms: string;
  renew: string;
  newQuote: string;
  outcomes: Record<RenewPageOutcome, { title: string; body: string }>;
}

export const renewalText: Record<Locale, Record<RenewalTextKey, string>> = {
  en: {
    greeting: 'Dear {{name}},',
    signOff: 'Kind regards,',
    company: '{{company}}',
    reminderSubject: 'Your {{service}} contract ends on {{endDate}}',
    reminderBody:
      'Your contract {{contractId}} for {{service}} ends on {{endDate}}, in {{days}} days. ' +
      'Unless it is renewed, the service stops then.',
    reminderLink: 'Renew it on the same terms with one click: {{link}}',
    reminderNewQuote: 'Would you like different terms? The same page lets you ask for a new quote.',
    noticeSubject: 'Your {{service}} contract renews on {{newStart}}',
    noticeBody:
      'Your contract {{contractId}} for {{service}} ends on {{endDate}} and renews automatically ' +
      'on the same terms for the next term, {{newStart}} to {{newEnd}}. There is nothing you need to do.',
    noticeOptOut:
      'If you do not want it renewed, please tell your account manager before {{endDate}}.',
    lapsedSubject: 'Your {{service}} contract has ended',
    lapsedBody:
      'Your contract {{contractId}} for {{service}} ended on {{endDate}} and was not renewed, so ' +
      'the service has stopped.',
    lapsedAgain: 'To start again, simply reply to this email or contact your account manager.',
    renewedSubject: 'Your {{service}} contract is renewed until {{newEnd}}',
    renewedBody:
      'Your contract {{contractId}} for {{service}} has been renewed on the same terms for ' +
      '{{newStart}} to {{newEnd}}.',
    renewedInvoices: 'The invoices for the new term follow your billing plan, as before.',
    confirmedSubject: 'Thank you for renewing: {{service}} until {{newEnd}}',
    confirmedBody:
      'Thank you: your contract {{contractId}} for {{service}} is renewed on the same terms. ' +
      'The new term runs from {{newStart}} to {{newEnd}}.',
  },
  de: {
    greeting: 'Guten Tag {{name}},',
    signOff: 'Mit freundlichen Grüßen',
    company: '{{company}}',
    reminderSubject: 'Ihr Vertrag für {{service}} endet am {{endDate}}',
    reminderBody:
      'Ihr Vertrag {{contractId}} für {{service}} endet am {{endDate}}, in {{days}} Tagen. ' +
      'Wird er nicht verlängert, endet dann die Leistung.',
    reminderLink: 'Verlängern Sie ihn mit einem Klick zu denselben Bedingungen: {{link}}',
    reminderNewQuote:
      'Wünschen Sie andere Bedingungen? Auf derselben Seite können Sie ein neues Angebot anfordern.',
    noticeSubject: 'Ihr Vertrag für {{service}} verlängert sich am {{newStart}}',
    noticeBody:
      'Ihr Vertrag {{contractId}} für {{service}} endet am {{endDate}} und verlängert sich ' +
      'automatisch zu denselben Bedingungen für die nächste Laufzeit, {{newStart}} bis {{newEnd}}. ' +
      'Sie müssen nichts tun.',
    noticeOptOut:
      'Wenn Sie keine Verlängerung wünschen, sagen Sie es bitte vor dem {{endDate}} Ihrem Kundenbetreuer.',
    lapsedSubject: 'Ihr Vertrag für {{service}} ist beendet',
    lapsedBody:
      'Ihr Vertrag {{contractId}} für {{service}} ist am {{endDate}} ausgelaufen und wurde nicht ' +
      'verlängert; die Leistung wurde eingestellt.',
    lapsedAgain:
      'Möchten Sie wieder beginnen, antworten Sie einfach auf diese E-Mail oder wenden Sie sich an Ihren Kundenbetreuer.',
    renewedSubject: 'Ihr Vertrag für {{service}} ist bis {{newEnd}} verlängert',
    renewedBody:
      'Ihr Vertrag {{contractId}} für {{service}} wurde zu denselben Bedingungen für ' +
      '{{newStart}} bis {{newEnd}} verlängert.',
    renewedInvoices: 'Die Rechnungen der neuen Laufzeit folgen wie bisher Ihrem Abrechnungsplan.',
    confirmedSubject: 'Danke für Ihre Verlängerung: {{service}} bis {{newEnd}}',
    confirmedBody:
      'Vielen Dank: Ihr Vertrag {{contractId}} für {{service}} ist zu denselben Bedingungen ' +
      'verlängert. Die neue Laufzeit geht vom {{newStart}} bis {{newEnd}}.',
  },
  el: {
    greeting: 'Αγαπητέ/ή {{name}},',
    signOff: 'Με εκτίμηση,',
    company: '{{company}}',
    reminderSubject: 'Η σύμβασή σας για {{service}} λήγει στις {{endDate}}',
    reminderBody:
      'Η σύμβασή σας {{contractId}} για {{service}} λήγει στις {{endDate}}, σε {{days}} ημέρες. ' +
      'Αν δεν ανανεωθεί, η υπηρεσία σταματά τότε.',
    reminderLink: 'Ανανεώστε τη με τους ίδιους όρους με ένα κλικ: {{link}}',
    reminderNewQuote:
      'Θέλετε διαφορετικούς όρους; Από την ίδια σελίδα μπορείτε να ζητήσετε νέα προσφορά.',
    noticeSubject: 'Η σύμβασή σας για {{service}} ανανεώνεται στις {{newStart}}',
    noticeBody:
      'Η σύμβασή σας {{contractId}} για {{service}} λήγει στις {{endDate}} και ανανεώνεται ' +
      'αυτόματα με τους ίδιους όρους για την επόμενη περίοδο, {{newStart}} έως {{newEnd}}. ' +
      'Δεν χρειάζεται να κάνετε τίποτα.',
    noticeOptOut:
      'Αν δεν επιθυμείτε ανανέωση, ενημερώστε τον υπεύθυνο λογαριασμού σας πριν από τις {{endDate}}.',
    lapsedSubject: 'Η σύμβασή σας για {{service}} έληξε',
    lapsedBody:
      'Η σύμβασή σας {{contractId}} για {{service}} έληξε στις {{endDate}} χωρίς ανανέωση, ' +
      'οπότε η υπηρεσία σταμάτησε.',
    lapsedAgain:
      'Για να ξεκινήσετε ξανά, απαντήστε σε αυτό το email ή επικοινωνήστε με τον υπεύθυνο λογαριασμού σας.',
    renewedSubject: 'Η σύμβασή σας για {{service}} ανανεώθηκε έως {{newEnd}}',
    renewedBody:
      'Η σύμβασή σας {{contractId}} για {{service}} ανανεώθηκε με τους ίδιους όρους για την ' +
      'περίοδο {{newStart}} έως {{newEnd}}.',
    renewedInvoices:
      'Τα τιμολόγια της νέας περιόδου ακολουθούν το πρόγραμμα χρέωσής σας, όπως πριν.',
    confirmedSubject: 'Ευχαριστούμε για την ανανέωση: {{service}} έως {{newEnd}}',
    confirmedBody:
      'Ευχαριστούμε: η σύμβασή σας {{contractId}} για {{service}} ανανεώθηκε με τους ίδιους ' +
      'όρους. Η νέα περίοδος διαρκεί από {{newStart}} έως {{newEnd}}.',
  },
  ko: {
    greeting: '{{name}} 님께,',
    signOff: '감사합니다.',
    company: '{{company}}',
    reminderSubject: '{{service}} 계약이 {{endDate}}에 종료됩니다',
    reminderBody:
      '{{service}} 계약 {{contractId}}이(가) {{days}}일 후인 {{endDate}}에 종료됩니다. ' +
      '갱신하지 않으시면 그날 서비스가 중단됩니다.',
    reminderLink: '한 번의 클릭으로 같은 조건으로 갱신하십시오: {{link}}',
    reminderNewQuote: '다른 조건을 원하십니까? 같은 페이지에서 새 견적을 요청하실 수 있습니다.',
    noticeSubject: '{{service}} 계약이 {{newStart}}에 갱신됩니다',
    noticeBody:
      '{{service}} 계약 {{contractId}}은(는) {{endDate}}에 종료되며 같은 조건으로 다음 기간 ' +
      '({{newStart}} ~ {{newEnd}}) 동안 자동 갱신됩니다. 따로 하실 일은 없습니다.',
    noticeOptOut: '갱신을 원하지 않으시면 {{endDate}} 전에 담당 매니저에게 알려 주십시오.',
    lapsedSubject: '{{service}} 계약이 종료되었습니다',
    lapsedBody:
      '{{service}} 계약 {{contractId}}이(가) {{endDate}}에 종료되었고 갱신되지 않아 ' +
      '서비스가 중단되었습니다.',
    lapsedAgain: '다시 시작하시려면 이 이메일에 회신하시거나 담당 매니저에게 연락해 주십시오.',
    renewedSubject: '{{service}} 계약이 {{newEnd}}까지 갱신되었습니다',
    renewedBody:
      '{{service}} 계약 {{contractId}}이(가) 같은 조건으로 {{newStart}}부터 {{newEnd}}까지 갱신되었습니다.',
    renewedInvoices: '새 기간의 청구서는 이전과 같이 청구 계획에 따라 발행됩니다.',
    confirmedSubject: '갱신해 주셔서 감사합니다: {{service}}, {{newEnd}}까지',
    confirmedBody:
      '감사합니다. {{service}} 계약 {{contractId}}이(가) 같은 조건으로 갱신되었습니다. ' +
      '새 기간은 {{newStart}}부터 {{newEnd}}까지입니다.',
  },
  zh: {
    greeting: '尊敬的{{name}}：',
    signOff: '此致敬礼',
    company: '{{company}}',
    reminderSubject: '您的{{service}}合同将于{{endDate}}到期',
    reminderBody:
      '您的{{service}}合同 {{contractId}} 将于{{endDate}}到期，还有{{days}}天。如不续约，服务将于届时停止。',
    reminderLink: '一键按相同条款续约：{{link}}',
    reminderNewQuote: '希望更改条款？您可以在同一页面申请新的报价。',
    noticeSubject: '您的{{service}}合同将于{{newStart}}续约',
    noticeBody:
      '您的{{service}}合同 {{contractId}} 将于{{endDate}}到期，并将按相同条款自动续约下一期' +
      '（{{newStart}}至{{newEnd}}）。您无需做任何操作。',
    noticeOptOut: '如不希望续约，请在{{endDate}}之前告知您的客户经理。',
    lapsedSubject: '您的{{service}}合同已到期',
    lapsedBody: '您的{{service}}合同 {{contractId}} 已于{{endDate}}到期且未续约，服务已停止。',
    lapsedAgain: '如需重新开始，请直接回复此邮件或联系您的客户经理。',
    renewedSubject: '您的{{service}}合同已续约至{{newEnd}}',
    renewedBody:
      '您的{{service}}合同 {{contractId}} 已按相同条款续约，期限为{{newStart}}至{{newEnd}}。',
    renewedInvoices: '新一期的发票将一如既往按照您的计费计划开具。',
    confirmedSubject: '感谢您续约：{{service}}，至{{newEnd}}',
    confirmedBody:
      '谢谢！您的{{service}}合同 {{contractId}} 已按相同条款续约，新一期为{{newStart}}至{{newEnd}}。',
  },
};

export const renewPageText: Record<Locale, RenewPageText> = {
  en: {
    title: 'Renew your contract {{contractId}}',
    intro: 'Your contract for {{service}} ends on {{endDate}}.',
    sameTerms:
      'Renewed on the same terms, the next term runs from {{newStart}} to {{newEnd}} at {{total}} per period.',
    renew: 'Renew on the same terms',
    newQuote: 'Ask for a new quote instead',
    outcomes: {
      renewed: {
        title: 'Thank you: your contract is renewed',
        body: 'The next term runs from {{newStart}} to {{newEnd}}. A confirmation is on its way by email.',
      },
      'quote-asked': {
        title: 'Your account manager will be in touch',
        body: 'We have asked your account manager to prepare a new quote. Your contract is unchanged until then.',
      },
      'already-renewed': {
        title: 'Your contract is already renewed',
        body: 'The next term runs from {{newStart}} to {{newEnd}}. There is nothing more to do.',
      },
      ended: {
        title: 'This contract has ended',
        body: 'It can no longer be renewed through this link. Please contact your account manager.',
      },
    },
  },
  de: {
    title: 'Ihren Vertrag {{contractId}} verlängern',
    intro: 'Ihr Vertrag für {{service}} endet am {{endDate}}.',
    sameTerms:
      'Zu denselben Bedingungen verlängert, läuft die nächste Laufzeit vom {{newStart}} bis {{newEnd}} zu {{total}} je Abrechnungszeitraum.',
    renew: 'Zu denselben Bedingungen verlängern',
    newQuote: 'Stattdessen ein neues Angebot anfordern',
    outcomes: {
      renewed: {
        title: 'Vielen Dank: Ihr Vertrag ist verlängert',
        body: 'Die nächste Laufzeit geht vom {{newStart}} bis {{newEnd}}. Eine Bestätigung kommt per E-Mail.',
      },
      'quote-asked': {
        title: 'Ihr Kundenbetreuer meldet sich bei Ihnen',
        body: 'Wir haben Ihren Kundenbetreuer gebeten, ein neues Angebot zu erstellen. Bis dahin bleibt Ihr Vertrag unverändert.',
      },
      'already-renewed': {
        title: 'Ihr Vertrag ist bereits verlängert',
        body: 'Die nächste Laufzeit geht vom {{newStart}} bis {{newEnd}}. Sie müssen nichts mehr tun.',
      },
      ended: {
        title: 'Dieser Vertrag ist beendet',
        body: 'Er kann über diesen Link nicht mehr verlängert werden. Bitte wenden Sie sich an Ihren Kundenbetreuer.',
      },
    },
  },
  el: {
    title: 'Ανανέωση της σύμβασής σας {{contractId}}',
    intro: 'Η σύμβασή σας για {{service}} λήγει στις {{endDate}}.',
    sameTerms:
      'Με ανανέωση με τους ίδιους όρους, η επόμενη περίοδος διαρκεί από {{newStart}} έως {{newEnd}}, με {{total}} ανά περίοδο χρέωσης.',
    renew: 'Ανανέωση με τους ίδιους όρους',
    newQuote: 'Αίτημα για νέα προσφορά',
    outcomes: {
      renewed: {
        title: 'Ευχαριστούμε: η σύμβασή σας ανανεώθηκε',
        body: 'Η επόμενη περίοδος διαρκεί από {{newStart}} έως {{newEnd}}. Θα λάβετε επιβεβαίωση με email.',
      },
      'quote-asked': {
        title: 'Ο υπεύθυνος λογαριασμού σας θα επικοινωνήσει μαζί σας',
        body: 'Ζητήσαμε από τον υπεύθυνο λογαριασμού σας να ετοιμάσει νέα προσφορά. Μέχρι τότε η σύμβασή σας δεν αλλάζει.',
      },
      'already-renewed': {
        title: 'Η σύμβασή σας έχει ήδη ανανεωθεί',
        body: 'Η επόμενη περίοδος διαρκεί από {{newStart}} έως {{newEnd}}. Δεν χρειάζεται κάτι άλλο.',
      },
      ended: {
        title: 'Η σύμβαση αυτή έχει λήξει',
        body: 'Δεν μπορεί πλέον να ανανεωθεί μέσω αυτού του συνδέσμου. Επικοινωνήστε με τον υπεύθυνο λογαριασμού σας.',
      },
    },
  },
  ko: {
    title: '계약 {{contractId}} 갱신',
    intro: '{{service}} 계약이 {{endDate}}에 종료됩니다.',
    sameTerms:
      '같은 조건으로 갱신하시면 다음 기간은 {{newStart}}부터 {{newEnd}}까지이며 청구 기간당 {{total}}입니다.',
    renew: '같은 조건으로 갱신',
    newQuote: '대신 새 견적 요청',
    outcomes: {
      renewed: {
        title: '감사합니다. 계약이 갱신되었습니다',
        body: '다음 기간은 {{newStart}}부터 {{newEnd}}까지입니다. 확인 이메일을 보내 드립니다.',
      },
      'quote-asked': {
        title: '담당 매니저가 곧 연락드립니다',
        body: '담당 매니저에게 새 견적을 준비하도록 요청했습니다. 그때까지 계약은 변경되지 않습니다.',
      },
      'already-renewed': {
        title: '계약이 이미 갱신되었습니다',
        body: '다음 기간은 {{newStart}}부터 {{newEnd}}까지입니다. 더 하실 일은 없습니다.',
      },
      ended: {
        title: '이 계약은 종료되었습니다',
        body: '이 링크로는 더 이상 갱신할 수 없습니다. 담당 매니저에게 연락해 주십시오.',
      },
    },
  },
  zh: {
    title: '续约您的合同 {{contractId}}',
    intro: '您的{{service}}合同将于{{endDate}}到期。',
    sameTerms: '按相同条款续约后，下一期为{{newStart}}至{{newEnd}}，每个计费周期{{total}}。',
    renew: '按相同条款续约',
    newQuote: '改为申请新的报价',
    outcomes: {
      renewed: {
        title: '谢谢！您的合同已续约',
        body: '下一期为{{newStart}}至{{newEnd}}。确认邮件即将发送给您。',
      },
      'quote-asked': {
        title: '您的客户经理将与您联系',
        body: '我们已请您的客户经理准备新的报价。在此之前，您的合同保持不变。',
      },
      'already-renewed': {
        title: '您的合同已续约',
        body: '下一期为{{newStart}}至{{newEnd}}。您无需再做任何操作。',
      },
      ended: {
        title: '此合同已到期',
        body: '已无法通过此链接续约。请联系您的客户经理。',
      },
    },
  },
};
