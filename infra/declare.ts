/**
 * The vocabulary of the declaration: what a function, route, workflow, schedule and index are,
 * and who may call a route. `infra/manifest.ts` assembles the parts in `infra/parts/`.
 */

import type { StaffRole } from '../functions/shared/staff-roles';
import type { WorkflowName } from '../functions/shared/workflow';

// The runtime owns the role and workflow vocabulary; the declaration borrows it.
export { type StaffRole, staffRoles } from '../functions/shared/staff-roles';
export type { WorkflowName } from '../functions/shared/workflow';

/**
 * Who may call a route. Deny by default: a staff route refuses every call (401) until staff
 * sign-in exists, and a route without an access level cannot be declared.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-link' }
  | { kind: 'staff'; roles: readonly StaffRole[] };

export const publicAccess: Access = { kind: 'public' };
export const signedLink: Access = { kind: 'signed-link' };
export const staff = (...roles: StaffRole[]): Access => ({ kind: 'staff', roles });

/**
 * What a function uses. Each use brings both the permission and the environment variable that
 * names the resource, so a function can never hold one without the other.
 *
 * | use                         | environment                  | permission                      |
 * |-----------------------------|------------------------------|---------------------------------|
 * | table read / readWrite      | TABLE_NAME                   | dynamodb on the table + indexes |
 * | documents read / readWrite  | DOCUMENTS_BUCKET             | s3 on the bucket's objects      |
 * | events                      | EVENT_BUS_NAME               | events:PutEvents on the bus     |
 * | signingKey                  | SIGNING_KEY_SECRET_ID        | secretsmanager:GetSecretValue   |
 * | email                       | SENDER_ADDRESS,              | ses:SendEmail on the identity   |
 * |                             | EMAIL_CONFIGURATION_SET      |   and the configuration set     |
 * | workflow start              | <NAME>_WORKFLOW_ARN          | states:StartExecution           |
 * | workflow callback           | (none: the token says which) | states:SendTask* on the machine |
 * | staffSignIn                 | STAFF_SIGN_IN_URL,           | (none: public endpoints)        |
 * |                             | STAFF_CLIENT_ID,             |                                 |
 * |                             | STAFF_TOKEN_ISSUER,          |                                 |
 * |                             | STAFF_JWKS_URI,              |                                 |
 * |                             | STAFF_SECOND_FACTOR          |                                 |
 */
export type Use =
  | { resource: 'table'; access: 'read' | 'readWrite' }
  | { resource: 'documents'; access: 'read' | 'readWrite' }
  | { resource: 'signingKey' }
  /** The desk's EventBridge bus: publishes account and contract events. */
  | { resource: 'events' }
  | { resource: 'email' }
  | { resource: 'workflow'; workflow: WorkflowName; access: 'start' | 'callback' }
  /** Staff sign-in: the Cognito user pool on AWS, the local issuer on this machine. */
  | { resource: 'staffSignIn' };

export interface FunctionDeclaration {
  /** Short name, also the local function name and part of the deployed one. */
  name: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  uses: readonly Use[];
  timeoutSeconds: number;
  memoryMb: number;
  /** Renders PDFs: its bundle carries the embedded fonts in a `fonts/` folder next to it. */
  bundlesFonts?: boolean;
  /**
   * Receives SES's bounce and complaint notifications as SNS events: subscribed to the email
   * configuration set's topic on AWS, invoked by the local SES endpoint's mailbox simulator here.
   */
  receivesEmailFeedback?: boolean;
  /**
   * The concern (part) it belongs to, set by the manifest: the functions of one concern share a
   * log group (each line names its function), which keeps the stack well under its resource limit.
   */
  concern?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDeclaration {
  method: HttpMethod;
  /** API Gateway path syntax: `/leads/{leadId}`. */
  path: string;
  function: string;
  access: Access;
}

export interface WorkflowDeclaration {
  name: WorkflowName;
  /** Amazon States Language file (JSONata), relative to the repository root. */
  file: string;
  description: string;
  /** `${Key}` substitutions in the definition, each the ARN of a declared function it invokes. */
  invokes: Readonly<Record<string, string>>;
}

export interface ScheduleDeclaration {
  name: string;
  description: string;
  /** EventBridge Scheduler syntax: `cron(min hour dom month dow year)` or `rate(n unit)`. */
  expression: string;
  /** Runs in the company's time zone (a deploy-time setting). */
  timeZone: 'company';
  /**
   * A function, given `{scheduledTime}`; or a workflow, started with `input` plus
   * `{scheduledTime}` (daily jobs run through `daily-job`, which fans large runs out).
   */
  target: ScheduleTarget;
}

export type ScheduleTarget =
  | { function: string }
  | { workflow: WorkflowName; input: Readonly<Record<string, string | number>> };

/** What a schedule starts, as the local console and the parity test name it. */
export const scheduleTargetName = (target: ScheduleTarget): string =>
  'function' in target ? target.function : `workflow:${target.workflow}`;

export interface IndexDeclaration {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** The access pattern this sparse index serves: who reads it and what it holds. */
  accessPattern: string;
}

export interface TableDeclaration {
  /** Logical name; the local table is called this, the deployed one gets a generated name. */
  name: string;
  partitionKey: 'pk';
  sortKey: 'sk';
  indexes: readonly IndexDeclaration[];
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB some time after it. */
  timeToLiveAttribute?: string;
}

export interface BucketDeclaration {
  name: 'documents';
  description: string;
}

/** One concern's share of the declaration (leads, staff, the outbox...). */
export interface ManifestPart {
  /** Sparse indexes on the one table that this concern reads. */
  indexes?: readonly IndexDeclaration[];
  functions?: readonly FunctionDeclaration[];
  routes?: readonly RouteDeclaration[];
  workflows?: readonly WorkflowDeclaration[];
  schedules?: readonly ScheduleDeclaration[];
}
