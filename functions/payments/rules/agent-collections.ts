import type { FieldProblem } from '../../shared/errors';
import type { PaymentMethod } from './bank-statement';

/**
 * What an agent may record (DOMAIN.md, "People and roles" and section 4): the cash and cheques
 * they collect from their own customers, on the day they collect them. Transfers and card
 * payments arrive at the bank and are finance's to record; a payment dated another day would be
 * money recorded on someone's word after the fact. Finance and managers record any payment.
 */
export const agentCollectedMethods: readonly PaymentMethod[] = ['cash', 'cheque'];

/** The fields of an agent's payment that break the rule, each with why; none when it holds. */
export function agentCollectionProblems(
  payment: { method: PaymentMethod; date: string },
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!agentCollectedMethods.includes(payment.method)) {
    problems.push({
      field: 'method',
      message: 'agents record the cash and cheques they collect; finance records the rest',
    });
  }
  if (payment.date !== today) {
    problems.push({
      field: 'date',
      message: `cash and cheques are recorded the day they are collected: today is ${today}`,
    });
  }
  return problems;
}
