/** Names and ARNs the local cloud gives its resources (AWS's shape, a fixed dummy account). */
export const localAccount = '000000000000';
export const localRegion = 'us-east-1';

export const localNames = {
  table: 'desk',
  documentsBucket: 'desk-documents',
  /** The bus the desk publishes its events on (EventBridge). */
  eventBus: 'desk-events',
  signingKeySecret: 'desk/signing-key',
  /** SES's configuration set; the local SES endpoint accepts it and reports bounces itself. */
  emailConfigurationSet: 'desk-email-feedback',
  /** The local Step Functions service keeps its executions here, apart from the product's data. */
  stepFunctionsTable: 'local-stepfunctions',
  /** The app client of the local sign-in issuer (Cognito's user pool client, on AWS). */
  staffClientId: 'desk-local-staff',
};

export const localArn = {
  function: (name: string) => `arn:aws:lambda:${localRegion}:${localAccount}:function:${name}`,
  stateMachine: (name: string) =>
    `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${name}`,
  secret: (name: string) => `arn:aws:secretsmanager:${localRegion}:${localAccount}:secret:${name}`,
};
