import type { SecondFactorCheck } from '../functions/staff/sign-in/second-factor';
import type { DeploySettings } from './deploy-settings';
import {
  deploySettingVariables,
  type FunctionDeclaration,
  type WorkflowName,
  workflowArnVariable,
} from './manifest';

/** How the names of real resources are found: CDK tokens on AWS, plain strings locally. */
export interface ResourceNames {
  tableName: string;
  documentsBucketName: string;
  eventBusName: string;
  signingKeySecretId: string;
  /** The SES configuration set every email is sent with: it reports bounces and complaints. */
  emailConfigurationSet: string;
  workflowArn(workflow: WorkflowName): string;
  /** The HTTP API's URL (the gateway's locally): emailed links start with it by default. */
  apiUrl: string;
  /** Staff sign-in: the Cognito user pool, its domain and app client on AWS; the local issuer here. */
  staffSignIn: StaffSignInNames;
}

export interface StaffSignInNames {
  /** Where the hosted sign-in pages live: `${url}/oauth2/authorize`, `/oauth2/token`, `/logout`. */
  url: string;
  clientId: string;
  /** The `iss` of its tokens. */
  issuer: string;
  jwksUri: string;
  /** How a second factor is known: Cognito reports it in the token (`amr`); the local issuer has none. */
  secondFactor: SecondFactorCheck;
}

/**
 * The environment a function runs with, from what it uses. The CDK stack and the local cloud both
 * call this, so a variable missing here is missing in both places.
 */
export function functionEnvironment(
  fn: FunctionDeclaration,
  names: ResourceNames,
  settings: DeploySettings,
): Record<string, string> {
  const env: Record<string, string> = {
    [deploySettingVariables.companyTimeZone]: settings.companyTimeZone,
    [deploySettingVariables.defaultLocale]: settings.defaultLocale,
    [deploySettingVariables.publicBaseUrl]: settings.publicBaseUrl ?? names.apiUrl,
    POWERTOOLS_SERVICE_NAME: fn.name,
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
  for (const use of fn.uses) {
    switch (use.resource) {
      case 'table':
        env.TABLE_NAME = names.tableName;
        break;
      case 'documents':
        env.DOCUMENTS_BUCKET = names.documentsBucketName;
        break;
      case 'events':
        env.EVENT_BUS_NAME = names.eventBusName;
        break;
      case 'signingKey':
        env.SIGNING_KEY_SECRET_ID = names.signingKeySecretId;
        break;
      case 'email':
        env.SENDER_ADDRESS = settings.senderAddress;
        env.EMAIL_CONFIGURATION_SET = names.emailConfigurationSet;
        break;
      case 'staffSignIn':
        env.STAFF_SIGN_IN_URL = names.staffSignIn.url;
        env.STAFF_CLIENT_ID = names.staffSignIn.clientId;
        env.STAFF_TOKEN_ISSUER = names.staffSignIn.issuer;
        env.STAFF_JWKS_URI = names.staffSignIn.jwksUri;
        env.STAFF_SECOND_FACTOR = names.staffSignIn.secondFactor;
        break;
      case 'workflow':
        if (use.access === 'start')
          env[workflowArnVariable(use.workflow)] = names.workflowArn(use.workflow);
        break;
    }
  }
  return env;
}
