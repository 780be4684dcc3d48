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
  signingKeySecretId: string;
  workflowArn(workflow: WorkflowName): string;
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
      case 'signingKey':
        env.SIGNING_KEY_SECRET_ID = names.signingKeySecretId;
        break;
      case 'email':
        env.SENDER_ADDRESS = settings.senderAddress;
        break;
      case 'workflow':
        if (use.access === 'start')
          env[workflowArnVariable(use.workflow)] = names.workflowArn(use.workflow);
        break;
    }
  }
  return env;
}
