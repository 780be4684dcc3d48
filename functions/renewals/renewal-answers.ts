import { z } from 'zod';
import type { Contract } from '../contracts/rules/contract';
import { currentTermOf } from '../contracts/rules/contract-terms';
import { contractRecordPk, customerEmailTimelines } from '../contracts/store/contracts';
import {
  type OutboxKey,
  type OutboxMessage,
  outboxClaimPut,
  outboxMessageId,
} from '../messages/store/outbox-store';
import { BadRequest } from '../shared/errors';
import { eventIdOf, recordEvent } from '../shared/events';
import { businessDateOf } from '../shared/rules/job-dates';
import type { SignedLink } from '../shared/signed-link';
import { usedLinkPut } from '../shared/store/used-links';
import {
  entryOf,
  publish,
  type RenewalDeps,
  renewalWrites,
  renewedEvent,
  send,
} from './contract-renewals';
import { renderAgentRenewal, renderCustomerRenewal, renewalKey } from './mail/renewal-notices';
import { parseRenewalLinkSubject, renewalLinkPurpose } from './renewal-link';
import { renewedTerm, type Term } from './rules/renewals';
import { noteOnContract, saveRenewalStep } from './store/contract-renewals';

/**
 * The customer's answer through the renew link. Renewing books the next term on the same terms
 * (`renewedTerm`): the contract keeps serving its current term and the renewals run begins the
 * booked one after the end; the billing term, `ContractRenewed` and the confirmation email are
 * written in the same transaction as the booking and the used link. Asking for a new quote tells
 * the agent and changes nothing else. A link works once; a second click changes nothing.
 */

export type RenewChoice = 'renew' | 'new-quote';

const answerSchema = z.object({
  choice: z.enum(['renew', 'new-quote'], { error: 'choose renew or new-quote' }),
});

/** The form's fields, checked: a problem names its field. */
export function readRenewChoice(fields: Record<string, string>): RenewChoice {
  const parsed = answerSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || 'choice'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.choice;
}

/** What the link's page can show: the term it renews, or why it cannot. */
export type RenewalView =
  | { state: 'open'; term: Term; newTerm: Term }
  | { state: 'already-renewed'; newTerm: Term }
  | { state: 'ended' };

export function renewalView(contract: Contract, link: Pick<SignedLink, 'subject'>): RenewalView {
  const term = currentTermOf(contract);
  const booked = contract.renewalState?.renewedByCustomer;
  const { endDate } = parseRenewalLinkSubject(link.subject);
  if (booked && endDate === term.endDate) return { state: 'already-renewed', newTerm: booked };
  if (contract.status !== 'active' || endDate !== term.endDate) return { state: 'ended' };
  return { state: 'open', term, newTerm: renewedTerm(term) };
}

export type RenewOutcome = 'renewed' | 'quote-asked' | 'already-renewed' | 'ended' | 'link-used';

export async function answerRenewal(
  deps: Omit<RenewalDeps, 'renewLink'> & { zone: string; company: string },
  contractId: string,
  link: SignedLink,
  choice: RenewChoice,
  now: Date,
): Promise<{ outcome: RenewOutcome; newTerm?: Term }> {
  const used = usedLinkPut(deps.table.name, link.linkId, {
    purpose: renewalLinkPurpose,
    subject: link.subject,
    usedAt: now,
    linkExpiresAt: link.expiresAt,
  });
  for (let attempt = 1; attempt <= 3; attempt++) {
    const contract = await deps.contracts.get(contractId);
    if (!contract) return { outcome: 'ended' };
    const view = renewalView(contract, link);
    if (view.state === 'already-renewed') return { outcome: view.state, newTerm: view.newTerm };
    if (view.state === 'ended') return { outcome: 'ended' };
    const accountId = contract.accountId;
    if (!accountId) return { outcome: 'ended' };
    const claims: OutboxMessage[] = [];
    const claim = (key: OutboxKey, content: OutboxMessage['content']) =>
      claims.push({
        ...key,
        messageId: outboxMessageId(key),
        sender: deps.sender,
        content,
        state: 'claimed',
        attempts: 0,
        claimedAt: now.toISOString(),
        timelineOf:
          key.recipient === contract.customer.email
            ? customerEmailTimelines(contract)
            : contractRecordPk(contractId),
      });
    const customer = { kind: 'customer' as const, name: contract.customer.contactName };

    if (choice === 'new-quote') {
      const account = await deps.accounts.get(accountId);
      const agent = await deps.staff.getMember(account?.ownerId || contract.agentId);
      if (agent?.active) {
        claim(
          renewalKey(contractId, view.term.endDate, 'new-quote-asked', agent.email),
          renderAgentRenewal('new-quote-asked', {
            contract,
            endDate: view.term.endDate,
            agentName: agent.name,
            autoRenewing: false,
          }),
        );
      }
      const noted = await noteOnContract(
        deps.table,
        contractId,
        `new-quote#${link.linkId}`,
        entryOf(
          'contract-new-quote-asked',
          'The customer asked for a new quote instead of renewing',
          now,
          customer,
        ),
        [{ Put: used }, ...claims.map((m) => outboxClaimPut(deps.table.name, m))],
      );
      if (noted === 'link-used') return { outcome: 'link-used' };
      for (const message of claims) await send(deps, message.messageId, now);
      return { outcome: 'quote-asked' };
    }

    const { newTerm } = view;
    const next: Contract = {
      ...contract,
      version: contract.version + 1,
      renewalState: {
        actionsDone: contract.renewalState?.actionsDone ?? [],
        renewedByCustomer: { ...newTerm, at: now.toISOString() },
        // Nothing more to remind: the renewals run next reads it when the booked term begins.
        nextActionOn: view.term.endDate,
      },
    };
    claim(
      renewalKey(contractId, view.term.endDate, 'renewed-by-customer', contract.customer.email),
      renderCustomerRenewal('confirmed', {
        contract,
        endDate: view.term.endDate,
        newTerm,
        company: deps.company,
      }),
    );
    const event = renewedEvent(contractId, accountId, businessDateOf(now, deps.zone), newTerm);
    const saved = await saveRenewalStep(deps.table, {
      next,
      entry: entryOf(
        'contract-renewed',
        `Renewed by the customer on the same terms: ${newTerm.startDate} to ${newTerm.endDate}`,
        now,
        customer,
      ),
      stepKey: `renewed-by-customer#${view.term.endDate}`,
      usedLink: used,
      extra: [
        ...claims.map((m) => outboxClaimPut(deps.table.name, m)),
        ...renewalWrites(deps, contract, accountId, newTerm),
        recordEvent(deps.table.name, event, now),
      ],
    });
    if (saved === 'link-used') return { outcome: 'link-used' };
    if (saved === 'stale') continue; // the run acted meanwhile: read again
    for (const message of claims) await send(deps, message.messageId, now);
    await publish(deps, eventIdOf(event), now);
    return { outcome: 'renewed', newTerm };
  }
  return { outcome: 'ended' };
}
