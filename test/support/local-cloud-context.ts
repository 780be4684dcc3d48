/** What the integration global setup hands every integration test (`inject('localCloud')`). */
export interface LocalCloudEndpoints {
  /** The HTTP API: `${gatewayUrl}/forms/lead`. */
  gatewayUrl: string;
  /** Local-only console: routes, schedules, clock, mailbox links. */
  consoleUrl: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  sfnEndpoint: string;
  s3Endpoint: string;
  secretsManagerEndpoint: string;
  /** EventBridge (`PutEvents`); the console lists what was published at `/events`. */
  eventsEndpoint: string;
  region: string;
  tableName: string;
  dataDir: string;
  /** The local staff sign-in issuer (Cognito's hosted pages, on AWS). */
  signInUrl: string;
  /** The API key for `POST /leads` as JSON (`Authorization: Bearer <key>`), seeded on first start. */
  leadApiKey: string;
  /** The seeded staff, one of each role, with the passwords generated on first start. */
  staffUsers: LocalStaffUser[];
}

export interface LocalStaffUser {
  email: string;
  password: string;
  role: 'agent' | 'supervisor' | 'manager' | 'finance';
  team: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localCloud: LocalCloudEndpoints;
  }
}
