import { laterInvoicesText, serviceWithBilling } from '../../quotes/mail/line-billing-text';
import type { Locale } from '../../shared/locales';
import { formatMoney, type Money } from '../../shared/rules/money';
import type { Contract } from '../rules/contract';
import { type ContractPdfText, contractPdfText } from './contract-pdf-text';

/**
 * A contract's figures as the customer reads them, on the signing page and in the signed PDF
 * alike: per line the quantity × unit price, the discount, the tax and the line's total; under the
 * lines the subtotal, discount, tax and total, which add up (subtotal − discount + tax = total,
 * each a sum of the rounded line amounts), and, when one-off lines make the first invoice differ
 * from the rest, what each later invoice comes to.
 */

export type LineCells = Record<keyof ContractPdfText['columns'], string>;

export interface ContractFigures {
  rows: LineCells[];
  /** Label and amount: subtotal, discount, tax, total. */
  totals: [string, string][];
  later?: string;
}

type Shown = Pick<Contract, 'lines' | 'totals' | 'billingPlan' | 'currency'>;

export function contractFigures(contract: Shown, locale: Locale): ContractFigures {
  const t = contractPdfText[locale];
  const money = (m: Money) => formatMoney(m, locale);
  const minus = (m: Money) => (m.amountMinor > 0 ? `−${money(m)}` : money(m));
  const later = laterInvoicesText(contract.billingPlan, contract.lines, contract.currency, locale);
  const totalLabel =
    contract.billingPlan === 'one-off' ? t.total : later ? t.totalFirstInvoice : t.totalPerPeriod;
  return {
    rows: contract.lines.map((line) => ({
      service: serviceWithBilling(line, contract.billingPlan, locale),
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      amount: money(line.gross),
      discount: minus(line.discount),
      tax: `${money(line.tax)} (${line.taxRatePercent} %)`,
      lineTotal: money(line.total),
    })),
    totals: [
      [t.subtotal, money(contract.totals.gross)],
      [t.discount, minus(contract.totals.discount)],
      [t.tax, money(contract.totals.tax)],
      [totalLabel, money(contract.totals.total)],
    ],
    ...(later ? { later } : {}),
  };
}

/** The term with its unit: `12 months`, `1 Monat`, `12개월`. */
export function termText(months: number, locale: Locale): string {
  const form = new Intl.PluralRules(locale).select(months) === 'one' ? 'one' : 'other';
  return contractPdfText[locale].termMonths[form].replace('{months}', String(months));
}

/** An instant as the company's clock read it, the zone named: `12 March 2026, 11:00 (Europe/Athens)`. */
export function companyTimeText(at: string, zone: string, locale: Locale): string {
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(at));
  return `${time} (${zone})`;
}
