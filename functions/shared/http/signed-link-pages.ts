import type { Locale } from '../locales';
import { html } from './html';
import { page } from './pages';
import { type HttpAnswer, htmlAnswer } from './responses';

/**
 * The pages a customer sees when a signed link cannot be used: altered (or cut short by a mail
 * program), expired, or used already. Each says what happened and what to do, in the language
 * the link was made for, and nothing about the record behind it.
 */

export type LinkProblem = 'tampered' | 'expired' | 'already-used';

interface ProblemText {
  title: string;
  body: string;
}

export interface SignedLinkPageText {
  problems: Record<LinkProblem, ProblemText>;
  whatNext: string;
}

export const signedLinkPageText: Record<Locale, SignedLinkPageText> = {
  en: {
    problems: {
      tampered: {
        title: 'This link is not valid',
        body: 'The link could not be verified. It may have been copied incompletely or changed. Please open it again from the original email.',
      },
      expired: {
        title: 'This link has expired',
        body: 'The link was valid for a limited time only and can no longer be used.',
      },
      'already-used': {
        title: 'This link has already been used',
        body: 'Each link can be used once, and this one has been. Your earlier answer has been recorded.',
      },
    },
    whatNext: 'If you need help, reply to the email or contact your account manager.',
  },
  de: {
    problems: {
      tampered: {
        title: 'Dieser Link ist ungültig',
        body: 'Der Link konnte nicht geprüft werden. Vielleicht wurde er unvollständig kopiert oder verändert. Bitte öffnen Sie ihn erneut aus der ursprünglichen E-Mail.',
      },
      expired: {
        title: 'Dieser Link ist abgelaufen',
        body: 'Der Link war nur für begrenzte Zeit gültig und kann nicht mehr verwendet werden.',
      },
      'already-used': {
        title: 'Dieser Link wurde bereits verwendet',
        body: 'Jeder Link kann nur einmal verwendet werden, und dieser wurde es schon. Ihre frühere Antwort ist gespeichert.',
      },
    },
    whatNext:
      'Wenn Sie Hilfe brauchen, antworten Sie auf die E-Mail oder wenden Sie sich an Ihre Kundenberaterin oder Ihren Kundenberater.',
  },
  el: {
    problems: {
      tampered: {
        title: 'Ο σύνδεσμος δεν είναι έγκυρος',
        body: 'Δεν ήταν δυνατό να επαληθευτεί ο σύνδεσμος. Ίσως αντιγράφηκε ελλιπώς ή τροποποιήθηκε. Ανοίξτε τον ξανά από το αρχικό email.',
      },
      expired: {
        title: 'Ο σύνδεσμος έχει λήξει',
        body: 'Ο σύνδεσμος ίσχυε για περιορισμένο χρόνο και δεν μπορεί πλέον να χρησιμοποιηθεί.',
      },
      'already-used': {
        title: 'Ο σύνδεσμος έχει ήδη χρησιμοποιηθεί',
        body: 'Κάθε σύνδεσμος χρησιμοποιείται μία φορά, και αυτός έχει ήδη χρησιμοποιηθεί. Η προηγούμενη απάντησή σας έχει καταχωριστεί.',
      },
    },
    whatNext:
      'Αν χρειάζεστε βοήθεια, απαντήστε στο email ή επικοινωνήστε με τον υπεύθυνο λογαριασμού σας.',
  },
  ko: {
    problems: {
      tampered: {
        title: '유효하지 않은 링크입니다',
        body: '링크를 확인할 수 없습니다. 일부만 복사되었거나 변경되었을 수 있습니다. 원래 이메일에서 링크를 다시 열어 주십시오.',
      },
      expired: {
        title: '링크가 만료되었습니다',
        body: '이 링크는 정해진 기간 동안만 유효하며 더 이상 사용할 수 없습니다.',
      },
      'already-used': {
        title: '이미 사용된 링크입니다',
        body: '각 링크는 한 번만 사용할 수 있으며 이 링크는 이미 사용되었습니다. 이전 응답이 기록되어 있습니다.',
      },
    },
    whatNext: '도움이 필요하시면 이메일에 회신하시거나 담당 매니저에게 연락해 주십시오.',
  },
  zh: {
    problems: {
      tampered: {
        title: '此链接无效',
        body: '无法验证此链接，可能未完整复制或已被更改。请从原始电子邮件中重新打开。',
      },
      expired: {
        title: '此链接已过期',
        body: '此链接仅在有限时间内有效，现已无法使用。',
      },
      'already-used': {
        title: '此链接已被使用',
        body: '每个链接只能使用一次，此链接已被使用。您之前的答复已记录。',
      },
    },
    whatNext: '如需帮助，请回复该电子邮件或联系您的客户经理。',
  },
};

const statusOf: Record<LinkProblem, number> = { tampered: 400, expired: 410, 'already-used': 409 };

/** The page for a link that cannot be used, in the link's language (the desk's default if unknown). */
export function signedLinkProblemPage(problem: LinkProblem, locale: Locale): HttpAnswer {
  const text = signedLinkPageText[locale];
  const { title, body } = text.problems[problem];
  const main = html`<h1>${title}</h1>
<p>${body}</p>
<p>${text.whatNext}</p>`;
  return htmlAnswer(statusOf[problem], page(locale, title, main), locale);
}
