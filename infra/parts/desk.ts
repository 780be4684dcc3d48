import { type ManifestPart, publicAccess, staff } from '../declare';

/** The desk's front door: its address, the back office's stylesheet and each role's dashboard. */
export const deskPart: ManifestPart = {
  functions: [
    {
      name: 'desk-home',
      entry: 'functions/desk/handlers/desk-home.ts',
      description: 'The desk address: on to the back office when signed in, else to sign-in.',
      uses: [],
      timeoutSeconds: 5,
      memoryMb: 128,
    },
    {
      name: 'office-assets',
      entry: 'functions/desk/handlers/office-assets.ts',
      description: "The back office's stylesheet (public: the same for everyone).",
      uses: [],
      timeoutSeconds: 5,
      memoryMb: 128,
    },
    {
      name: 'office-dashboard',
      entry: 'functions/desk/handlers/office-dashboard.ts',
      description: 'Back office: the dashboard of each role.',
      uses: [
        { resource: 'table', access: 'read' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/', function: 'desk-home', access: publicAccess },
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
  ],
};
