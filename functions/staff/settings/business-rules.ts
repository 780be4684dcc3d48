import { z } from 'zod';
import { assignmentRulesSchema, defaultAssignmentRules } from '../../leads/rules/assignment';
import {
  defaultQualificationRules,
  qualificationRulesSchema,
} from '../../leads/rules/lead-scoring';
import { defaultAttemptsPerItem } from '../../shared/jobs/item-attempts';
import {
  businessCalendarSchema,
  defaultBusinessCalendar,
} from '../../shared/rules/business-calendar';
import { companyDetailsSchema, defaultCompanyDetails } from './company';

/**
 * The business rules of DOMAIN.md: every number there is a setting a company may change. They
 * live in one versioned settings item in the table (see `settings.ts`); these are the defaults a
 * new desk starts with.
 */

const days = z.number().int().min(0).max(3650);
const positiveDays = z.number().int().min(1).max(3650);
const dayOfMonth = z.number().int().min(1).max(28);
const percent = z.number().min(0).max(100);

const descending = (list: readonly number[]) =>
  list.every((d, i) => i === 0 || d < (list[i - 1] ?? 0));

export const dunningActions = [
  'friendly-reminder-email',
  'second-notice-email',
  'agent-call-task',
  'final-notice-email',
  'notify-supervisor',
  'flag-service-for-suspension',
  'suspend-service',
  'hand-to-collections',
  'notify-manager',
] as const;

const deadline = z.union([
  z.object({ hours: z.number().int().min(1).max(720) }),
  z.object({ businessDays: z.number().int().min(1).max(60) }),
]);

export const businessRulesSchema = z.object({
  leads: z.object({
    /** The assigned agent is reminded of a lead not yet contacted on this day. */
    firstContactReminderDay: positiveDays,
    /** ...and the supervisor is told on this one. */
    firstContactEscalationDay: positiveDays,
  }),
  quotes: z.object({
    validityDays: positiveDays,
    /** A discount above this needs a supervisor's approval. */
    discountApprovalAbovePercent: percent,
    /** Payment terms longer than this need a supervisor's approval. */
    paymentTermsApprovalAboveDays: positiveDays,
  }),
  approvals: z.object({ escalationBusinessDays: positiveDays }),
  invoices: z.object({
    defaultPaymentTermsDays: days,
    /** Usage and miscellaneous fees of a month are invoiced by this day of the next. */
    usageBillingByDayOfMonth: dayOfMonth,
  }),
  dunning: z.object({
    ladder: z
      .array(
        z.object({ daysPastDue: positiveDays, actions: z.array(z.enum(dunningActions)).min(1) }),
      )
      .min(1)
      .refine((steps) => descending(steps.map((s) => -s.daysPastDue)), {
        error: 'dunning steps must be in increasing days past due',
      }),
  }),
  renewals: z.object({
    membershipReminderDaysBeforeEnd: z.array(positiveDays).min(1).refine(descending, {
      error: 'reminder days must be in decreasing order',
    }),
    advertisingReminderDaysBeforeEnd: z.array(positiveDays).min(1).refine(descending, {
      error: 'reminder days must be in decreasing order',
    }),
    autoRenewNoticeDaysBeforeEnd: positiveDays,
    agentNoticeDaysBeforeEnd: positiveDays,
  }),
  statements: z.object({
    dayOfMonth: dayOfMonth,
    /** Upper bound (days past due) of each ageing bucket but the last, open-ended one. */
    ageingBucketUpperBoundsDays: z
      .array(days)
      .min(1)
      .refine((b) => descending(b.map((d) => -d)), {
        error: 'ageing bounds must increase',
      }),
  }),
  workOrders: z.object({
    deadlines: z.object({ urgent: deadline, high: deadline, normal: deadline }),
  }),
  keepingInTouch: z.object({ noContactListAfterDays: positiveDays }),
  reports: z.object({
    monthlyReportByDayOfMonth: dayOfMonth,
    contractsTargetPerAgentPerMonth: z.number().int().min(0).max(1000),
  }),
  outbox: z
    .object({
      /** The retry job leaves a claim this young alone: its first sender may still be at work. */
      retryGraceMinutes: z.number().int().min(1).max(1440),
      /**
       * A message left `sending` longer than this is `uncertain`: listed, never re-sent alone. At
       * least 15 minutes, the longest a Lambda function runs, so no live send is ever flagged.
       */
      sendingLeaseMinutes: z.number().int().min(15).max(1440).default(15),
      /** After this many refused attempts a message is `failed` and listed for staff. */
      failedAfterAttempts: z.number().int().min(1).max(100).default(3),
      /** The retry job stops trying a message after this many attempts; staff may re-send it. */
      maxAttempts: z.number().int().min(1).max(100).default(10),
    })
    .refine((o) => o.maxAttempts >= o.failedAfterAttempts, {
      error: 'max attempts must be at least the attempts after which a message is failed',
      path: ['maxAttempts'],
    }),
  publicForms: z.object({
    /** Submissions one client address may make per hour through the public forms. */
    rateLimitPerAddressPerHour: z.number().int().min(1).max(10000),
    /**
     * Lead acknowledgements one email address gets per day; more leads from it are still taken,
     * only not acknowledged. Items saved before it existed get the default.
     */
    acknowledgementsPerAddressPerDay: z.number().int().min(1).max(1000).default(3),
  }),
  /** Daily jobs; items saved before it existed get the default. */
  jobs: z
    .object({
      /**
       * An item of a daily job that failed is tried again by later runs, at most once a business
       * date, until it has been tried this many times; then it is left for a person (the back
       * office's failed job items).
       */
      attemptsPerItem: z.number().int().min(1).max(100),
    })
    .default({ attemptsPerItem: defaultAttemptsPerItem }),
  /** Working days, hours and holidays. Items saved before the calendar existed get the default. */
  calendar: businessCalendarSchema.default(defaultBusinessCalendar),
  /** Lead scores and reliability checks; items saved before they existed get the defaults. */
  qualification: qualificationRulesSchema.default(defaultQualificationRules),
  /** Which team a lead goes to; items saved before it existed get the default. */
  assignment: assignmentRulesSchema.default(defaultAssignmentRules),
  /** The issuing company on invoices; items saved before it existed get the default. */
  company: companyDetailsSchema.default(defaultCompanyDetails),
  /** Staff sign-in; items saved before it existed get the default. */
  signIn: z
    .object({
      /**
       * Managers and finance always sign in with a second factor (on AWS); these roles too.
       * Agents and supervisors handle no money, so it is the company's choice.
       */
      mfaAlsoRequiredFor: z.array(z.enum(['agent', 'supervisor'])).max(2),
    })
    .default({ mfaAlsoRequiredFor: [] }),
});

export type BusinessRules = z.infer<typeof businessRulesSchema>;

export const defaultBusinessRules: BusinessRules = {
  leads: { firstContactReminderDay: 5, firstContactEscalationDay: 7 },
  quotes: { validityDays: 30, discountApprovalAbovePercent: 15, paymentTermsApprovalAboveDays: 30 },
  approvals: { escalationBusinessDays: 3 },
  invoices: { defaultPaymentTermsDays: 30, usageBillingByDayOfMonth: 13 },
  dunning: {
    ladder: [
      { daysPastDue: 3, actions: ['friendly-reminder-email'] },
      { daysPastDue: 14, actions: ['second-notice-email', 'agent-call-task'] },
      {
        daysPastDue: 30,
        actions: ['final-notice-email', 'notify-supervisor', 'flag-service-for-suspension'],
      },
      { daysPastDue: 45, actions: ['suspend-service', 'hand-to-collections', 'notify-manager'] },
    ],
  },
  renewals: {
    membershipReminderDaysBeforeEnd: [30, 7],
    advertisingReminderDaysBeforeEnd: [15, 3],
    autoRenewNoticeDaysBeforeEnd: 30,
    agentNoticeDaysBeforeEnd: 30,
  },
  statements: { dayOfMonth: 1, ageingBucketUpperBoundsDays: [0, 30, 60, 90] },
  workOrders: {
    deadlines: { urgent: { hours: 4 }, high: { businessDays: 1 }, normal: { businessDays: 3 } },
  },
  keepingInTouch: { noContactListAfterDays: 30 },
  reports: { monthlyReportByDayOfMonth: 3, contractsTargetPerAgentPerMonth: 4 },
  outbox: {
    retryGraceMinutes: 2,
    sendingLeaseMinutes: 15,
    failedAfterAttempts: 3,
    maxAttempts: 10,
  },
  // Generous: an office behind one address may send many enquiries; a bot sends thousands.
  publicForms: { rateLimitPerAddressPerHour: 60, acknowledgementsPerAddressPerDay: 3 },
  jobs: { attemptsPerItem: defaultAttemptsPerItem },
  calendar: defaultBusinessCalendar,
  qualification: defaultQualificationRules,
  assignment: defaultAssignmentRules,
  company: defaultCompanyDetails,
  signIn: { mfaAlsoRequiredFor: [] },
};
