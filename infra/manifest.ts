/**
 * The one declaration of the product: every function (with what it uses), HTTP route (with its
 * access level), workflow, schedule, the table and the buckets, assembled from one part per
 * concern in `infra/parts/`.
 *
 * The CDK stack (`infra/stack.ts`) and the local cloud (`infra/local/`) are both built from this
 * file, so what runs on a laptop and what is deployed to AWS cannot drift apart.
 */
import type {
  BucketDeclaration,
  FunctionDeclaration,
  ManifestPart,
  RouteDeclaration,
  ScheduleDeclaration,
  TableDeclaration,
  WorkflowDeclaration,
} from './declare';
import { accountsPart } from './parts/accounts';
import { collectionsPart } from './parts/collections';
import { contractsPart } from './parts/contracts';
import { dailyJobPart } from './parts/daily-job';
import { deskPart } from './parts/desk';
import { invoicingPart } from './parts/invoicing';
import { leads } from './parts/leads';
import { messagesPart } from './parts/messages';
import { paymentsPart } from './parts/payments';
import { quotesPart } from './parts/quotes';
import { renewalsPart } from './parts/renewals';
import { staffPart } from './parts/staff';
import { statementsPart } from './parts/statements';

export * from './declare';

export interface Manifest {
  table: TableDeclaration;
  buckets: readonly BucketDeclaration[];
  functions: readonly FunctionDeclaration[];
  routes: readonly RouteDeclaration[];
  workflows: readonly WorkflowDeclaration[];
  schedules: readonly ScheduleDeclaration[];
}

/**
 * The parts by concern, named as the folders of their code in `functions/`; a concern's functions
 * share its log group, and on AWS each concern is a nested stack (see `infra/stack.ts`).
 */
const partsByConcern: Readonly<Record<string, ManifestPart>> = {
  messages: messagesPart,
  staff: staffPart,
  desk: deskPart,
  leads,
  invoicing: invoicingPart,
  quotes: quotesPart,
  contracts: contractsPart,
  accounts: accountsPart,
  payments: paymentsPart,
  renewals: renewalsPart,
  collections: collectionsPart,
  statements: statementsPart,
  'daily-job': dailyJobPart,
};
const parts = Object.values(partsByConcern);

export const manifest: Manifest = {
  table: {
    name: 'desk',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: parts.flatMap((part) => part.indexes ?? []),
    timeToLiveAttribute: 'expiresAt',
  },
  buckets: [
    {
      name: 'documents',
      description: 'Business licences, permits, signed contracts, invoice and statement PDFs.',
    },
  ],
  functions: Object.entries(partsByConcern).flatMap(([concern, part]) =>
    (part.functions ?? []).map((fn) => ({ ...fn, concern })),
  ),
  routes: parts.flatMap((part) => part.routes ?? []),
  workflows: parts.flatMap((part) => part.workflows ?? []),
  schedules: parts.flatMap((part) => part.schedules ?? []),
};

/** Environment variable holding a workflow's state machine ARN: `lead-intake` → LEAD_INTAKE_WORKFLOW_ARN. */
export { workflowArnVariable } from '../functions/shared/workflow';

/** Environment variables every function gets from the deploy-time settings. */
export const deploySettingVariables = {
  companyTimeZone: 'COMPANY_TIME_ZONE',
  defaultLocale: 'DEFAULT_LOCALE',
  publicBaseUrl: 'PUBLIC_BASE_URL',
} as const;

export function findFunction(name: string): FunctionDeclaration {
  const found = manifest.functions.find((f) => f.name === name);
  if (!found) throw new Error(`No function named ${name} is declared`);
  return found;
}

export function findWorkflow(name: string): WorkflowDeclaration {
  const found = manifest.workflows.find((w) => w.name === name);
  if (!found) throw new Error(`No workflow named ${name} is declared`);
  return found;
}

/** `GET /leads/{leadId}`: how API Gateway names a route (its `routeKey`). */
export function routeKeyOf(route: Pick<RouteDeclaration, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** The declared function that guards every staff route, on AWS and locally. */
export const staffAuthorizerFunction = 'staff-authorizer';
