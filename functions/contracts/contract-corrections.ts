import { z } from 'zod';
import { billingPlans } from '../invoicing/rules/invoice';
import { Conflict } from '../shared/errors';
import { isCountryCode } from '../shared/rules/countries';
import type { StaffPrincipal } from '../shared/staff-member';
import { parseInput } from '../shared/validation';
import type { Contract } from './rules/contract';
import {
  type ContractCorrection,
  contractChanges,
  correctedContract,
  mergeChanges,
} from './rules/contract-corrections';
import { ContractChanged, type ContractStore } from './store/contracts';

/**
 * An agent corrects a returned contract before resubmitting it: the form read, the contract saved
 * at the version the agent saw, and what changed written on its timeline in the same transaction.
 */

const line = (max: number) => z.string().trim().min(1).max(max);

/** The edit form as posted: every field named as the form names it, so problems point at it. */
export const correctionForm = z
  .object({
    legalName: line(200),
    contactName: line(200),
    email: z.string().trim().pipe(z.email()),
    phone: z.string().trim().max(40).default(''),
    // One address line per line of the text box; blank lines dropped.
    addressLines: z
      .string()
      .transform((text) =>
        text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().max(200)).min(1, { error: 'Address is required' }).max(6)),
    taxId: z.string().trim().max(40).default(''),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountryCode, { error: 'Country must be an ISO country code, like GR' }),
    startDate: z.iso.date(),
    termMonths: z.coerce.number().int().min(1).max(120),
    billingPlan: z.enum(billingPlans),
    paymentTerms: z.enum(['prepaid', 'net']),
    paymentDays: z.string().default(''),
    renewal: z.enum(['manual', 'auto']),
  })
  .transform((form, context): ContractCorrection => {
    let days = 0;
    if (form.paymentTerms === 'net') {
      days = Number(form.paymentDays);
      if (form.paymentDays.trim() === '' || !Number.isInteger(days) || days < 0 || days > 120) {
        context.addIssue({
          code: 'custom',
          path: ['paymentDays'],
          message: 'Payment days must be a whole number of days, 0 to 120, for net terms',
        });
        return z.NEVER;
      }
    }
    const { paymentDays: _days, paymentTerms, ...rest } = form;
    return {
      ...rest,
      paymentTerms: paymentTerms === 'prepaid' ? { kind: 'prepaid' } : { kind: 'net', days },
    };
  });

/**
 * Saves the correction if the contract is still returned and at `version`; otherwise Conflict and
 * nothing changes. A bad field is a ValidationError naming it. An edit that changes nothing is
 * not saved.
 */
export async function correctContract(
  contracts: ContractStore,
  principal: StaffPrincipal,
  contract: Contract,
  form: Record<string, string>,
  now: Date,
): Promise<Contract> {
  if (contract.status !== 'returned') {
    throw new Conflict('Only a returned contract can be corrected.');
  }
  const stale = new Conflict(
    'Someone changed this contract while you were editing it: reload it and make your changes again.',
  );
  const version = Number(form.version);
  if (contract.version !== version) throw stale;
  const corrected = correctedContract(contract, parseInput(correctionForm, form));
  const changes = contractChanges(contract, corrected);
  if (changes.length === 0) return contract;
  // The round's list runs from the return: a list from an earlier round starts afresh.
  const earlier =
    contract.corrections?.round === contract.round ? contract.corrections.changes : [];
  const next: Contract = {
    ...corrected,
    version: version + 1,
    corrections: { round: contract.round, changes: mergeChanges(earlier, changes) },
  };
  const summary = `Corrected: ${changes.map((c) => `${c.field} "${c.before}" → "${c.after}"`).join('; ')}`;
  try {
    await contracts.save(
      next,
      {
        at: now.toISOString(),
        step: 'contract-corrected',
        summary,
        by: { kind: 'staff', staffId: principal.staffId, name: principal.name },
        via: 'back office',
      },
      `corrected#${contract.round}#${next.version}`,
    );
  } catch (error) {
    if (error instanceof ContractChanged) throw stale;
    throw error;
  }
  return next;
}
