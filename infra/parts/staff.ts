import { type ManifestPart, publicAccess, staff } from '../declare';

/** Staff: sign-in, the directory and teams, business settings. */
export const staffPart: ManifestPart = {
  functions: [
    {
      name: 'staff-authorizer',
      entry: 'functions/staff/handlers/staff-authorizer.ts',
      description:
        'Guards every staff route: checks the session token, the directory and the role.',
      // Writes only to link a directory entry to its sign-in identity on first sign-in; reads
      // the sign-outs and, for the second-factor rule, the business rules.
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'staffSignIn' }],
      timeoutSeconds: 5,
      memoryMb: 256,
    },
    {
      name: 'staff-session',
      entry: 'functions/staff/handlers/staff-session.ts',
      description: 'Staff sign-in: hands over to the sign-in pages, keeps the session, signs out.',
      // Writes to link a directory entry on first sign-in and to record a sign-out.
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'staff-directory',
      entry: 'functions/staff/handlers/staff-directory.ts',
      description: 'The staff directory and its teams: read by staff, edited by managers.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'business-settings',
      entry: 'functions/staff/handlers/business-settings.ts',
      description: 'The business rules and calendar: read by staff, changed by managers.',
      uses: [{ resource: 'table', access: 'readWrite' }],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'office-staff',
      entry: 'functions/staff/handlers/office-staff.ts',
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
      entry: 'functions/staff/handlers/office-settings.ts',
      description: 'Back office: the business rules page, versioned (managers).',
      uses: [
        { resource: 'table', access: 'readWrite' },
        // Company details completed: the invoices and statements that waited go out at once.
        { resource: 'workflow', workflow: 'daily-job', access: 'start' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/auth/sign-in', function: 'staff-session', access: publicAccess },
    { method: 'GET', path: '/auth/callback', function: 'staff-session', access: publicAccess },
    // Public so that an expired session can still sign out; the handler checks the CSRF token.
    { method: 'POST', path: '/auth/sign-out', function: 'staff-session', access: publicAccess },
    // The first code of an authenticator app being set up (AWS): bound to its set-up cookie.
    {
      method: 'POST',
      path: '/auth/authenticator',
      function: 'staff-session',
      access: publicAccess,
    },
    {
      method: 'GET',
      path: '/staff',
      function: 'staff-directory',
      access: staff('supervisor', 'manager'),
    },
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
      path: '/office/staff',
      function: 'office-staff',
      access: staff('supervisor', 'manager'),
    },
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
};
