/**
 * The one declaration of the product: every function (with what it uses), HTTP route (with its
 * access level), workflow, schedule, the table and the buckets.
 *
 * The CDK stack (`infra/stack.ts`) and the local cloud (`infra/local/`) are both built from this
 * file, so what runs on a laptop and what is deployed to AWS cannot drift apart.
 */

export type StaffRole = 'agent' | 'supervisor' | 'manager' | 'finance';
export const staffRoles: readonly StaffRole[] = ['agent', 'supervisor', 'manager', 'finance'];

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
 * | signingKey                  | SIGNING_KEY_SECRET_ID        | secretsmanager:GetSecretValue   |
 * | email                       | SENDER_ADDRESS               | ses:SendEmail on the identity   |
 * | workflow start              | <NAME>_WORKFLOW_ARN          | states:StartExecution           |
 * | workflow callback           | (none: the token says which) | states:SendTask* on the machine |
 * | staffSignIn                 | STAFF_SIGN_IN_URL,           | (none: public endpoints)        |
 * |                             | STAFF_CLIENT_ID,             |                                 |
 * |                             | STAFF_TOKEN_ISSUER,          |                                 |
 * |                             | STAFF_JWKS_URI               |                                 |
 */
export type Use =
  | { resource: 'table'; access: 'read' | 'readWrite' }
  | { resource: 'documents'; access: 'read' | 'readWrite' }
  | { resource: 'signingKey' }
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
  target: { function: string };
}

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

export type WorkflowName = 'lead-intake';

export interface Manifest {
  table: TableDeclaration;
  buckets: readonly BucketDeclaration[];
  functions: readonly FunctionDeclaration[];
  routes: readonly RouteDeclaration[];
  workflows: readonly WorkflowDeclaration[];
  schedules: readonly ScheduleDeclaration[];
}

export const manifest: Manifest = {
  table: {
    name: 'desk',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      {
        name: 'outbox-unsent',
        partitionKey: 'unsentPk',
        sortKey: 'unsentSk',
        accessPattern:
          'Outbox messages claimed but not yet sent, oldest claim first. The outbox retry job ' +
          'reads only these; the attribute is removed when a message is sent.',
      },
      {
        name: 'leads-by-owner',
        partitionKey: 'ownerPk',
        sortKey: 'listSk',
        accessPattern:
          "An agent's leads, newest first (ownerPk = OWNER#<staffId>, listSk = " +
          "<receivedAt>#<leadId>): the agent's lists and dashboard, the owner filter. Absent " +
          'while a lead is unassigned.',
      },
      {
        name: 'leads-by-team',
        partitionKey: 'teamPk',
        sortKey: 'listSk',
        accessPattern:
          "A team's leads (teamPk = TEAM#<team>) or the leads nobody owns yet (UNASSIGNED), " +
          "newest first: a supervisor's lists and dashboard, the unassigned count.",
      },
      {
        name: 'leads-by-month',
        partitionKey: 'monthPk',
        sortKey: 'listSk',
        accessPattern:
          'Every lead by the month it arrived (monthPk = LEADS#<yyyy-mm>), newest first: the ' +
          "manager's list of all leads, month after month, and the desk totals.",
      },
      {
        name: 'leads-first-contact-due',
        partitionKey: 'firstContactPk',
        sortKey: 'firstContactSk',
        accessPattern:
          'Assigned leads awaiting first contact, by due date (firstContactPk = ' +
          'FIRST-CONTACT-DUE, firstContactSk = <firstContactDueAt>#<leadId>): the daily ' +
          'first-contact reminder job reads only these. Removed when first contact is logged.',
      },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
  buckets: [
    {
      name: 'documents',
      description: 'Business licences, permits, signed contracts, invoice and statement PDFs.',
    },
  ],
  functions: [
    {
      name: 'lead-form',
      entry: 'functions/lead-form.ts',
      description: 'Serves the public lead form with a one-time form token.',
      uses: [{ resource: 'signingKey' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'submit-lead',
      entry: 'functions/submit-lead.ts',
      description: 'Accepts a lead from the form or as JSON, stores it once, starts its intake.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'start' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'get-lead',
      entry: 'functions/get-lead.ts',
      description: 'Returns one lead to signed-in staff.',
      uses: [{ resource: 'table', access: 'read' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'send-lead-acknowledgement',
      entry: 'functions/send-lead-acknowledgement.ts',
      description: 'Emails the prospect an acknowledgement in their language, through the outbox.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'qualify-lead',
      entry: 'functions/qualify-lead.ts',
      description: 'Scores a new lead and flags an unreliable prospect for a supervisor.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'assign-lead',
      entry: 'functions/assign-lead.ts',
      description: 'Gives a new lead to the least-loaded agent of its team.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'tell-lead-agent',
      entry: 'functions/tell-lead-agent.ts',
      description: "Emails a lead's agent that it is theirs, through the outbox.",
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'request-lead-review',
      entry: 'functions/request-lead-review.ts',
      description: "Keeps a flagged lead's review token and emails the supervisor a signed link.",
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        { resource: 'signingKey' },
      ],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'escalate-lead-review',
      entry: 'functions/escalate-lead-review.ts',
      description: 'Tells the managers that a flagged lead was not reviewed in 3 business days.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'reject-lead',
      entry: 'functions/reject-lead.ts',
      description: 'Marks a flagged lead rejected by its supervisor, with the reason.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'remind-first-contacts',
      entry: 'functions/remind-first-contacts.ts',
      description:
        'Daily: reminds agents of first contacts due, tells supervisors of overdue ones.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 300,
      memoryMb: 256,
    },
    {
      name: 'retry-outbox',
      entry: 'functions/retry-outbox.ts',
      description: 'Sends outbox messages that were claimed but never sent.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 300,
      memoryMb: 256,
    },
    {
      name: 'staff-authorizer',
      entry: 'functions/staff-authorizer.ts',
      description:
        'Guards every staff route: checks the session token, the directory and the role.',
      // Writes only to link a directory entry to its sign-in identity on first sign-in.
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'staffSignIn' }],
      timeoutSeconds: 5,
      memoryMb: 256,
    },
    {
      name: 'staff-session',
      entry: 'functions/staff-session.ts',
      description: 'Staff sign-in: hands over to the sign-in pages, keeps the session, signs out.',
      uses: [{ resource: 'signingKey' }, { resource: 'staffSignIn' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'staff-directory',
      entry: 'functions/staff-directory.ts',
      description: 'The staff directory and its teams: read by staff, edited by managers.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'business-settings',
      entry: 'functions/business-settings.ts',
      description: 'The business rules and calendar: read by staff, changed by managers.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-assets',
      entry: 'functions/office-assets.ts',
      description: "The back office's stylesheet (public: the same for everyone).",
      uses: [],
      timeoutSeconds: 5,
      memoryMb: 128,
    },
    {
      name: 'office-dashboard',
      entry: 'functions/office-dashboard.ts',
      description: 'Back office: the dashboard of each role.',
      uses: [
        { resource: 'table', access: 'read' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-leads',
      entry: 'functions/office-leads.ts',
      description:
        'Back office: lists of leads, a lead with its timeline, assigning a lead, entering one.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'start' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-staff',
      entry: 'functions/office-staff.ts',
      description: 'Back office: the staff directory pages; managers add and edit entries.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-settings',
      entry: 'functions/office-settings.ts',
      description: 'Back office: the business rules page, versioned (managers).',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/forms/lead', function: 'lead-form', access: publicAccess },
    { method: 'POST', path: '/leads', function: 'submit-lead', access: publicAccess },
    {
      method: 'GET',
      path: '/leads/{leadId}',
      function: 'get-lead',
      access: staff('agent', 'supervisor', 'manager'),
    },
    { method: 'GET', path: '/auth/sign-in', function: 'staff-session', access: publicAccess },
    { method: 'GET', path: '/auth/callback', function: 'staff-session', access: publicAccess },
    // Public so that an expired session can still sign out; the handler checks the CSRF token.
    { method: 'POST', path: '/auth/sign-out', function: 'staff-session', access: publicAccess },
    {
      method: 'GET',
      path: '/staff',
      function: 'staff-directory',
      access: staff('supervisor', 'manager'),
    },
    // Declared before `/staff/{staffId}`: the local gateway takes the first match.
    {
      method: 'GET',
      path: '/staff/me',
      function: 'staff-directory',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'GET',
      path: '/staff/{staffId}',
      function: 'staff-directory',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    { method: 'POST', path: '/staff', function: 'staff-directory', access: staff('manager') },
    {
      method: 'PUT',
      path: '/staff/{staffId}',
      function: 'staff-directory',
      access: staff('manager'),
    },
    {
      method: 'GET',
      path: '/teams',
      function: 'staff-directory',
      access: staff('supervisor', 'manager'),
    },
    { method: 'PUT', path: '/teams/{team}', function: 'staff-directory', access: staff('manager') },
    {
      method: 'GET',
      path: '/settings',
      function: 'business-settings',
      access: staff('supervisor', 'manager', 'finance'),
    },
    { method: 'PUT', path: '/settings', function: 'business-settings', access: staff('manager') },
    // The back office (HTML pages; roles per the matrix in test/integration/role-matrix-office).
    {
      method: 'GET',
      path: '/office/assets/desk.css',
      function: 'office-assets',
      access: publicAccess,
    },
    {
      method: 'GET',
      path: '/office',
      function: 'office-dashboard',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'GET',
      path: '/office/leads',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    // Declared before `/office/leads/{leadId}`: the local gateway takes the first match.
    {
      method: 'GET',
      path: '/office/leads/new',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/leads/new',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'GET',
      path: '/office/leads/{leadId}',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/assign',
      function: 'office-leads',
      access: staff('supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/first-contact',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'GET',
      path: '/office/staff',
      function: 'office-staff',
      access: staff('supervisor', 'manager'),
    },
    // Declared before `/office/staff/{staffId}`: the local gateway takes the first match.
    {
      method: 'GET',
      path: '/office/staff/new',
      function: 'office-staff',
      access: staff('manager'),
    },
    {
      method: 'POST',
      path: '/office/staff/new',
      function: 'office-staff',
      access: staff('manager'),
    },
    {
      method: 'GET',
      path: '/office/staff/{staffId}',
      function: 'office-staff',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'POST',
      path: '/office/staff/{staffId}',
      function: 'office-staff',
      access: staff('manager'),
    },
    {
      method: 'GET',
      path: '/office/settings',
      function: 'office-settings',
      access: staff('manager'),
    },
    {
      method: 'POST',
      path: '/office/settings',
      function: 'office-settings',
      access: staff('manager'),
    },
  ],
  workflows: [
    {
      name: 'lead-intake',
      file: 'workflows/lead-intake.asl.json',
      description:
        'A new lead: qualify it, give it to an agent (unless flagged), acknowledge the prospect, ' +
        'tell the agent.',
      invokes: {
        QualifyLeadFunctionArn: 'qualify-lead',
        AssignLeadFunctionArn: 'assign-lead',
        SendLeadAcknowledgementFunctionArn: 'send-lead-acknowledgement',
        TellLeadAgentFunctionArn: 'tell-lead-agent',
        RequestLeadReviewFunctionArn: 'request-lead-review',
        EscalateLeadReviewFunctionArn: 'escalate-lead-review',
        RejectLeadFunctionArn: 'reject-lead',
      },
    },
  ],
  schedules: [
    {
      name: 'outbox-retry',
      description: 'Every 10 minutes: send what the outbox claimed but did not send.',
      expression: 'cron(0/10 * * * ? *)',
      timeZone: 'company',
      target: { function: 'retry-outbox' },
    },
    {
      name: 'first-contact-reminders',
      description:
        'Daily at 08:00: day-5 reminders to agents, day-7 notices to supervisors (first contact).',
      expression: 'cron(0 8 * * ? *)',
      timeZone: 'company',
      target: { function: 'remind-first-contacts' },
    },
  ],
};

/** Environment variable holding a workflow's state machine ARN: `lead-intake` → LEAD_INTAKE_WORKFLOW_ARN. */
export function workflowArnVariable(workflow: WorkflowName): string {
  return `${workflow.toUpperCase().replaceAll('-', '_')}_WORKFLOW_ARN`;
}

/** Environment variables every function gets from the deploy-time settings. */
export const deploySettingVariables = {
  companyTimeZone: 'COMPANY_TIME_ZONE',
  defaultLocale: 'DEFAULT_LOCALE',
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

/**
 * The roles allowed on a staff route, by its route key. Undefined for a route that is not
 * declared or not a staff route: the staff authorizer then refuses, deny by default.
 */
export function staffRolesOf(routeKey: string): readonly StaffRole[] | undefined {
  const route = manifest.routes.find((r) => routeKeyOf(r) === routeKey);
  return route?.access.kind === 'staff' ? route.access.roles : undefined;
}

/** The declared function that guards every staff route, on AWS and locally. */
export const staffAuthorizerFunction = 'staff-authorizer';
