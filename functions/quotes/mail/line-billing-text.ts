import type { BillingPlan } from '../../invoicing/rules/invoice';
import type { Locale } from '../../shared/locales';
import { formatMoney } from '../../shared/rules/money';
import { type PricedLine, recurringTotals } from '../rules/quote';

/**
 * How a customer reads a one-off line (a setup fee) on a recurring plan, in each language: the
 * mark beside the line, and what every invoice after the first comes to. The quote (email and
 * page), the signing page and the contract PDF all say it with these words. `{amount}` is filled.
 */

type RecurringPlan = Exclude<BillingPlan, 'one-off'>;

export interface LineBillingText {
  /** Beside a one-off line's service. */
  oneOff: string;
  /** Under the totals when a recurring plan has one-off lines. */
  later: Record<RecurringPlan, string>;
}

export const lineBillingText: Record<Locale, LineBillingText> = {
  en: {
    oneOff: 'one-off',
    later: {
      monthly:
        'One-off lines are billed once, with the first invoice; after that {amount} a month.',
      quarterly:
        'One-off lines are billed once, with the first invoice; after that {amount} a quarter.',
      annual: 'One-off lines are billed once, with the first invoice; after that {amount} a year.',
    },
  },
  de: {
    oneOff: 'einmalig',
    later: {
      monthly:
        'Einmalige Positionen werden einmal mit der ersten Rechnung berechnet; danach {amount} pro Monat.',
      quarterly:
        'Einmalige Positionen werden einmal mit der ersten Rechnung berechnet; danach {amount} pro Quartal.',
      annual:
        'Einmalige Positionen werden einmal mit der ersten Rechnung berechnet; danach {amount} pro Jahr.',
    },
  },
  el: {
    oneOff: 'εφάπαξ',
    later: {
      monthly:
        'Οι εφάπαξ χρεώσεις τιμολογούνται μία φορά, με το πρώτο τιμολόγιο· στη συνέχεια {amount} τον μήνα.',
      quarterly:
        'Οι εφάπαξ χρεώσεις τιμολογούνται μία φορά, με το πρώτο τιμολόγιο· στη συνέχεια {amount} ανά τρίμηνο.',
      annual:
        'Οι εφάπαξ χρεώσεις τιμολογούνται μία φορά, με το πρώτο τιμολόγιο· στη συνέχεια {amount} τον χρόνο.',
    },
  },
  ko: {
    oneOff: '일회성',
    later: {
      monthly: '일회성 항목은 첫 청구서에 한 번만 청구되며, 이후에는 매월 {amount}입니다.',
      quarterly: '일회성 항목은 첫 청구서에 한 번만 청구되며, 이후에는 분기마다 {amount}입니다.',
      annual: '일회성 항목은 첫 청구서에 한 번만 청구되며, 이후에는 매년 {amount}입니다.',
    },
  },
  zh: {
    oneOff: '一次性',
    later: {
      monthly: '一次性项目仅在首张发票中收取一次；此后每月 {amount}。',
      quarterly: '一次性项目仅在首张发票中收取一次；此后每季度 {amount}。',
      annual: '一次性项目仅在首张发票中收取一次；此后每年 {amount}。',
    },
  },
};

/** A line's service as the customer reads it: a one-off line on a recurring plan says so. */
export function serviceWithBilling(
  line: { service: string; oneOff?: boolean },
  plan: BillingPlan,
  locale: Locale,
): string {
  return plan !== 'one-off' && line.oneOff
    ? `${line.service} (${lineBillingText[locale].oneOff})`
    : line.service;
}

/**
 * What each invoice after the first comes to, when a recurring plan has one-off lines (so the
 * totals shown, those of the first invoice, are not what every period costs); else undefined.
 */
export function laterInvoicesText(
  plan: BillingPlan,
  lines: readonly PricedLine[],
  currency: string,
  locale: Locale,
): string | undefined {
  const later = plan === 'one-off' ? undefined : recurringTotals(lines, currency);
  if (plan === 'one-off' || !later) return undefined;
  return lineBillingText[locale].later[plan].replace('{amount}', formatMoney(later.total, locale));
}
