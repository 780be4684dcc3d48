import { type ManifestPart, publicAccess, signedLink, staff } from '../declare';

/** Leads: the public form, intake, qualification, assignment, review, first contact. */
export const leads: ManifestPart = {
  indexes: [
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
  functions: [
    {
      name: 'lead-form',
      entry: 'functions/leads/handlers/lead-form.ts',
      description: 'Serves the public lead form with a one-time form token.',
      uses: [{ resource: 'signingKey' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'submit-lead',
      entry: 'functions/leads/handlers/submit-lead.ts',
      description: 'Accepts a lead from the form or as JSON, stores it once, starts its intake.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'start' },
        // The same prospect again: their enquiry is linked, without an intake of its own.
        { resource: 'workflow', workflow: 'linked-enquiry', access: 'start' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'get-lead',
      entry: 'functions/leads/handlers/get-lead.ts',
      description: 'Returns one lead to signed-in staff.',
      uses: [{ resource: 'table', access: 'read' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'send-lead-acknowledgement',
      entry: 'functions/leads/handlers/send-lead-acknowledgement.ts',
      description: 'Emails the prospect an acknowledgement in their language, through the outbox.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'qualify-lead',
      entry: 'functions/leads/handlers/qualify-lead.ts',
      description: 'Scores a new lead and flags an unreliable prospect for a supervisor.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'assign-lead',
      entry: 'functions/leads/handlers/assign-lead.ts',
      description: 'Gives a new lead to the least-loaded agent of its team.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'tell-lead-agent',
      entry: 'functions/leads/handlers/tell-lead-agent.ts',
      description: "Emails a lead's agent that it is theirs, through the outbox.",
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'request-lead-review',
      entry: 'functions/leads/handlers/request-lead-review.ts',
      description: "Keeps a flagged lead's review token and emails the supervisor a signed link.",
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        { resource: 'signingKey' },
        // A decision recorded while the step was retried goes to the step's new token.
        { resource: 'workflow', workflow: 'lead-intake', access: 'callback' },
      ],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'escalate-lead-review',
      entry: 'functions/leads/handlers/escalate-lead-review.ts',
      description: 'Tells the managers that a flagged lead was not reviewed in 3 business days.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'reject-lead',
      entry: 'functions/leads/handlers/reject-lead.ts',
      description: 'Marks a flagged lead rejected by its supervisor, with the reason.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'remind-first-contacts',
      entry: 'functions/leads/handlers/remind-first-contacts.ts',
      description:
        'Daily: reminds agents of first contacts due, tells supervisors of overdue ones.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 300,
      memoryMb: 256,
    },
    {
      name: 'office-leads',
      entry: 'functions/leads/handlers/office-leads.ts',
      description:
        'Back office: lists of leads, a lead with its timeline, assigning a lead, entering one.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'start' },
        { resource: 'workflow', workflow: 'linked-enquiry', access: 'start' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'note-linked-enquiry',
      entry: 'functions/leads/handlers/note-linked-enquiry.ts',
      description: 'The same prospect wrote again: notes it on the earlier lead, tells its agent.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'decide-lead-review',
      entry: 'functions/leads/handlers/decide-lead-review.ts',
      description:
        "A supervisor's signed link for a flagged lead: shows it, records the decision once.",
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'callback' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-api-keys',
      entry: 'functions/leads/handlers/office-api-keys.ts',
      description: 'Back office: the API keys that let a client post leads as JSON (managers).',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-lead-review',
      entry: 'functions/leads/handlers/office-lead-review.ts',
      description: "Back office: the team's supervisor or a manager decides a flagged lead.",
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'workflow', workflow: 'lead-intake', access: 'callback' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/forms/lead', function: 'lead-form', access: publicAccess },
    {
      method: 'GET',
      path: '/office/settings/api-keys',
      function: 'office-api-keys',
      access: staff('manager'),
    },
    {
      method: 'POST',
      path: '/office/settings/api-keys',
      function: 'office-api-keys',
      access: staff('manager'),
    },
    {
      method: 'POST',
      path: '/office/settings/api-keys/{keyId}/revoke',
      function: 'office-api-keys',
      access: staff('manager'),
    },
    { method: 'POST', path: '/leads', function: 'submit-lead', access: publicAccess },
    {
      method: 'GET',
      path: '/leads/{leadId}',
      function: 'get-lead',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'GET',
      path: '/office/leads',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
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
      method: 'GET',
      path: '/leads/review/{token}',
      function: 'decide-lead-review',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/leads/review/{token}',
      function: 'decide-lead-review',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/review',
      function: 'office-lead-review',
      access: staff('supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/first-contact',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/lost',
      function: 'office-leads',
      access: staff('agent', 'supervisor', 'manager'),
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
    {
      name: 'linked-enquiry',
      file: 'workflows/linked-enquiry.asl.json',
      description:
        'The same prospect wrote again: acknowledge them, note it on the earlier lead, tell its ' +
        'agent (no second intake).',
      invokes: {
        SendLeadAcknowledgementFunctionArn: 'send-lead-acknowledgement',
        NoteLinkedEnquiryFunctionArn: 'note-linked-enquiry',
      },
    },
  ],
  schedules: [
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
