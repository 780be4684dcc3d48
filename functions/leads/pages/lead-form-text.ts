import type { Locale } from '../../shared/locales';
import type { LeadField, LeadProblemCode } from '../rules/lead';

/** Every text of the public lead form and its thank-you page, in each language. */
export interface LeadFormText {
  pageTitle: string;
  intro: string;
  languageNav: string;
  requiredNote: string;
  optional: string;
  labels: Record<LeadField, string>;
  phoneHint: string;
  interestHint: string;
  chooseCountry: string;
  submit: string;
  errorSummaryTitle: string;
  /** `{{limit}}` is replaced by the longest length a field takes. */
  problems: Record<LeadProblemCode | 'form-expired' | 'form-invalid', string>;
  thanksTitle: string;
  thanksBody: string;
  anotherEnquiry: string;
}

/** Language names are written in their own language, whichever language the page is in. */
export const languageNames: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  el: 'Ελληνικά',
  ko: '한국어',
  zh: '中文',
};

export const leadFormText: Record<Locale, LeadFormText> = {
  en: {
    pageTitle: 'Contact us',
    intro:
      'Tell us what you are interested in and an account manager will get back to you within a few working days.',
    languageNav: 'Language',
    requiredNote: 'All fields are required unless marked optional.',
    optional: '(optional)',
    labels: {
      name: 'Full name',
      company: 'Company',
      email: 'Email address',
      phone: 'Phone',
      country: 'Country',
      language: 'Preferred language',
      interest: 'What are you interested in?',
      message: 'Message',
    },
    phoneHint: 'Include the country code, for example +30 210 123 4567.',
    interestHint: 'For example membership, advertising or a network service.',
    chooseCountry: 'Choose a country',
    submit: 'Send enquiry',
    errorSummaryTitle: 'Please correct the following:',
    problems: {
      required: 'This field is required.',
      'not-text': 'Enter text here.',
      'too-long': 'Use at most {{limit}} characters.',
      'control-characters': 'Remove the invisible control characters.',
      'invalid-email': 'Enter an email address like name@example.com.',
      'invalid-phone': 'Enter a phone number of 5 to 15 digits, optionally starting with +.',
      'invalid-country': 'Choose a country from the list.',
      'invalid-language': 'Choose one of the offered languages.',
      'form-expired': 'This form has expired. Please check your details and send them again.',
      'form-invalid': 'This form could not be verified. Please send it again.',
    },
    thanksTitle: 'Thank you',
    thanksBody:
      'We have received your enquiry and will send you a confirmation by email shortly. An account manager will contact you within a few working days.',
    anotherEnquiry: 'Send another enquiry',
  },
  de: {
    pageTitle: 'Kontakt',
    intro:
      'Sagen Sie uns, wofür Sie sich interessieren – Ihre Kundenberaterin oder Ihr Kundenberater meldet sich innerhalb weniger Werktage.',
    languageNav: 'Sprache',
    requiredNote: 'Alle Felder sind Pflichtfelder, sofern nicht als freiwillig gekennzeichnet.',
    optional: '(freiwillig)',
    labels: {
      name: 'Vollständiger Name',
      company: 'Firma',
      email: 'E-Mail-Adresse',
      phone: 'Telefon',
      country: 'Land',
      language: 'Bevorzugte Sprache',
      interest: 'Wofür interessieren Sie sich?',
      message: 'Nachricht',
    },
    phoneHint: 'Mit Ländervorwahl, zum Beispiel +49 30 1234567.',
    interestHint: 'Zum Beispiel Mitgliedschaft, Werbung oder ein Netzwerkdienst.',
    chooseCountry: 'Land auswählen',
    submit: 'Anfrage senden',
    errorSummaryTitle: 'Bitte korrigieren Sie Folgendes:',
    problems: {
      required: 'Dieses Feld ist erforderlich.',
      'not-text': 'Bitte geben Sie hier Text ein.',
      'too-long': 'Bitte höchstens {{limit}} Zeichen verwenden.',
      'control-characters': 'Bitte entfernen Sie die unsichtbaren Steuerzeichen.',
      'invalid-email': 'Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein.',
      'invalid-phone':
        'Bitte geben Sie eine Telefonnummer mit 5 bis 15 Ziffern ein, optional mit + am Anfang.',
      'invalid-country': 'Bitte wählen Sie ein Land aus der Liste.',
      'invalid-language': 'Bitte wählen Sie eine der angebotenen Sprachen.',
      'form-expired':
        'Dieses Formular ist abgelaufen. Bitte prüfen Sie Ihre Angaben und senden Sie sie erneut.',
      'form-invalid': 'Dieses Formular konnte nicht überprüft werden. Bitte senden Sie es erneut.',
    },
    thanksTitle: 'Vielen Dank',
    thanksBody:
      'Wir haben Ihre Anfrage erhalten und senden Ihnen in Kürze eine Bestätigung per E-Mail. Ihre Kundenberaterin oder Ihr Kundenberater meldet sich in den nächsten Werktagen.',
    anotherEnquiry: 'Weitere Anfrage senden',
  },
  el: {
    pageTitle: 'Επικοινωνία',
    intro:
      'Πείτε μας τι σας ενδιαφέρει και ένας υπεύθυνος πελατών θα επικοινωνήσει μαζί σας μέσα σε λίγες εργάσιμες ημέρες.',
    languageNav: 'Γλώσσα',
    requiredNote: 'Όλα τα πεδία είναι υποχρεωτικά, εκτός αν σημειώνονται ως προαιρετικά.',
    optional: '(προαιρετικό)',
    labels: {
      name: 'Ονοματεπώνυμο',
      company: 'Εταιρεία',
      email: 'Διεύθυνση email',
      phone: 'Τηλέφωνο',
      country: 'Χώρα',
      language: 'Προτιμώμενη γλώσσα',
      interest: 'Τι σας ενδιαφέρει;',
      message: 'Μήνυμα',
    },
    phoneHint: 'Με τον κωδικό χώρας, για παράδειγμα +30 210 123 4567.',
    interestHint: 'Για παράδειγμα συνδρομή μέλους, διαφήμιση ή υπηρεσία δικτύου.',
    chooseCountry: 'Επιλέξτε χώρα',
    submit: 'Αποστολή αιτήματος',
    errorSummaryTitle: 'Διορθώστε τα παρακάτω:',
    problems: {
      required: 'Το πεδίο αυτό είναι υποχρεωτικό.',
      'not-text': 'Εισαγάγετε κείμενο εδώ.',
      'too-long': 'Χρησιμοποιήστε έως {{limit}} χαρακτήρες.',
      'control-characters': 'Αφαιρέστε τους αόρατους χαρακτήρες ελέγχου.',
      'invalid-email': 'Εισαγάγετε διεύθυνση email όπως name@example.com.',
      'invalid-phone': 'Εισαγάγετε αριθμό τηλεφώνου με 5 έως 15 ψηφία, προαιρετικά με + στην αρχή.',
      'invalid-country': 'Επιλέξτε χώρα από τη λίστα.',
      'invalid-language': 'Επιλέξτε μία από τις διαθέσιμες γλώσσες.',
      'form-expired': 'Η φόρμα έληξε. Ελέγξτε τα στοιχεία σας και στείλτε τα ξανά.',
      'form-invalid': 'Δεν ήταν δυνατή η επαλήθευση της φόρμας. Στείλτε τη ξανά.',
    },
    thanksTitle: 'Σας ευχαριστούμε',
    thanksBody:
      'Λάβαμε το αίτημά σας και σύντομα θα σας στείλουμε επιβεβαίωση με email. Ένας υπεύθυνος πελατών θα επικοινωνήσει μαζί σας μέσα σε λίγες εργάσιμες ημέρες.',
    anotherEnquiry: 'Αποστολή νέου αιτήματος',
  },
  ko: {
    pageTitle: '문의하기',
    intro:
      '관심 있는 내용을 알려 주시면 담당 고객 관리자가 영업일 기준 며칠 이내에 연락드리겠습니다.',
    languageNav: '언어',
    requiredNote: '선택 사항으로 표시된 항목 외에는 모두 필수입니다.',
    optional: '(선택 사항)',
    labels: {
      name: '성명',
      company: '회사',
      email: '이메일 주소',
      phone: '전화번호',
      country: '국가',
      language: '선호 언어',
      interest: '관심 있는 서비스',
      message: '메시지',
    },
    phoneHint: '국가 번호를 포함해 주세요. 예: +82 2 123 4567',
    interestHint: '예: 회원 가입, 광고, 네트워크 서비스',
    chooseCountry: '국가를 선택하세요',
    submit: '문의 보내기',
    errorSummaryTitle: '다음 항목을 확인해 주세요:',
    problems: {
      required: '필수 항목입니다.',
      'not-text': '여기에 텍스트를 입력하세요.',
      'too-long': '{{limit}}자 이내로 입력하세요.',
      'control-characters': '보이지 않는 제어 문자를 삭제하세요.',
      'invalid-email': 'name@example.com 형식의 이메일 주소를 입력하세요.',
      'invalid-phone': '5~15자리 전화번호를 입력하세요. +로 시작할 수 있습니다.',
      'invalid-country': '목록에서 국가를 선택하세요.',
      'invalid-language': '제공되는 언어 중 하나를 선택하세요.',
      'form-expired': '양식의 유효 시간이 지났습니다. 입력 내용을 확인한 후 다시 보내 주세요.',
      'form-invalid': '양식을 확인할 수 없습니다. 다시 보내 주세요.',
    },
    thanksTitle: '감사합니다',
    thanksBody:
      '문의가 접수되었으며 곧 확인 이메일을 보내 드리겠습니다. 담당 고객 관리자가 영업일 기준 며칠 이내에 연락드리겠습니다.',
    anotherEnquiry: '새 문의 보내기',
  },
  zh: {
    pageTitle: '联系我们',
    intro: '请告诉我们您感兴趣的服务，客户经理将在几个工作日内与您联系。',
    languageNav: '语言',
    requiredNote: '除标注为选填的项目外，所有项目均为必填。',
    optional: '（选填）',
    labels: {
      name: '姓名',
      company: '公司',
      email: '电子邮箱',
      phone: '电话',
      country: '国家/地区',
      language: '首选语言',
      interest: '您感兴趣的服务',
      message: '留言',
    },
    phoneHint: '请包含国家代码，例如 +86 10 1234 5678。',
    interestHint: '例如会员、广告或网络服务。',
    chooseCountry: '请选择国家/地区',
    submit: '提交咨询',
    errorSummaryTitle: '请更正以下内容：',
    problems: {
      required: '此项为必填项。',
      'not-text': '请在此输入文字。',
      'too-long': '最多 {{limit}} 个字符。',
      'control-characters': '请删除不可见的控制字符。',
      'invalid-email': '请输入有效的电子邮箱，例如 name@example.com。',
      'invalid-phone': '请输入 5 至 15 位数字的电话号码，可以 + 开头。',
      'invalid-country': '请从列表中选择国家/地区。',
      'invalid-language': '请选择所提供的语言之一。',
      'form-expired': '此表单已过期。请检查您的信息并重新提交。',
      'form-invalid': '无法验证此表单。请重新提交。',
    },
    thanksTitle: '谢谢',
    thanksBody:
      '我们已收到您的咨询，稍后将通过电子邮件向您发送确认。客户经理将在几个工作日内与您联系。',
    anotherEnquiry: '提交新的咨询',
  },
};

/** A problem as the prospect reads it, in their language. */
export function problemMessage(
  locale: Locale,
  problem: keyof LeadFormText['problems'],
  limit?: number,
): string {
  return leadFormText[locale].problems[problem].replace('{{limit}}', String(limit ?? ''));
}
