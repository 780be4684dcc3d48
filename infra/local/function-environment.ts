import type { DeploySettings } from '../deploy-settings';
import { functionEnvironment, type ResourceNames } from '../environment';
import type { FunctionDeclaration } from '../manifest';
import { localCredentials } from './aws-clients';
import { localArn, localNames, localRegion } from './names';

/** What the local cloud's resources are called, as the functions see them. */
export function localResourceNames(
  endpoints: Pick<LocalEndpoints, 'signIn' | 'gateway'>,
): ResourceNames {
  return {
    tableName: localNames.table,
    documentsBucketName: localNames.documentsBucket,
    eventBusName: localNames.eventBus,
    signingKeySecretId: localArn.secret(localNames.signingKeySecret),
    emailConfigurationSet: localNames.emailConfigurationSet,
    workflowArn: (workflow) => localArn.stateMachine(workflow),
    apiUrl: endpoints.gateway,
    // The local issuer is its own hosted sign-in domain: pages, token endpoint and keys.
    staffSignIn: {
      url: endpoints.signIn,
      clientId: localNames.staffClientId,
      issuer: endpoints.signIn,
      jwksUri: `${endpoints.signIn}/.well-known/jwks.json`,
      // The local issuer asks for no second factor (README): nothing to enforce here.
      secondFactor: 'none',
    },
  };
}

export interface LocalEndpoints {
  dynamodb: string;
  ses: string;
  sfn: string;
  s3: string;
  secretsManager: string;
  events: string;
  /** The local sign-in issuer (Cognito's hosted pages and token endpoint, here). */
  signIn: string;
  /** The HTTP gateway: where emailed links lead. */
  gateway: string;
}

/**
 * A function's whole environment: what its declaration gives it, what the Lambda runtime itself
 * sets, and the SDK's standard endpoint variables pointing at the local services. Nothing else,
 * so a variable missing from the declaration is missing here as on AWS.
 */
export function localFunctionEnvironment(
  fn: FunctionDeclaration,
  settings: DeploySettings,
  endpoints: LocalEndpoints,
  taskRoot: string,
): Record<string, string> {
  return {
    ...functionEnvironment(fn, localResourceNames(endpoints), settings),
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: taskRoot,
    TZ: 'UTC',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.events,
  };
}
