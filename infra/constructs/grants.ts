import type { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { StaffSignInNames } from '../environment';
import type { Use, WorkflowName } from '../manifest';
import { acknowledge, nagArn } from './nag';

/** The deployed resources a function may be given, and how to name them. */
export interface DeskResources {
  table: dynamodb.TableV2;
  documentsBucket: s3.IBucket;
  /** The bus the desk publishes its events on. */
  eventBus: events.IEventBus;
  signingKey: secretsmanager.ISecret;
  /** SES identities the desk may send from (the sender's domain and the address itself). */
  senderIdentityArns: readonly string[];
  /** The configuration set every email is sent with (bounces and complaints go to its topic). */
  emailConfigurationSet: { name: string; arn: string };
  /** Built from the state machine's name, so functions do not depend on the state machine. */
  workflowArn(workflow: WorkflowName): string;
  /** The user pool's public endpoints and app client: reading them needs no permission. */
  staffSignIn: StaffSignInNames;
  /** The HTTP API's URL: the default start of emailed links (no permission needed). */
  apiUrl: string;
}

// Explicit lists rather than grantReadData(): the desk never scans its table.
const tableRead = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const tableWrite = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * A function's role and the one inline policy it holds. Grants go into that policy, not through
 * the constructs' grant methods, which add a separate policy resource per role: with some sixty
 * functions that would be sixty resources of CloudFormation's 500 a stack may have.
 */
export interface FunctionGrants {
  role: iam.Role;
  policy: iam.PolicyDocument;
}

/** Adds to a function's policy exactly what one declared use needs, nothing more. */
export function grantUse(grants: FunctionGrants, use: Use, resources: DeskResources): void {
  const { role } = grants;
  const allow = (actions: string[], on: string[]) =>
    grants.policy.addStatements(new iam.PolicyStatement({ actions, resources: on }));
  switch (use.resource) {
    case 'table': {
      const { table } = resources;
      const actions = use.access === 'read' ? tableRead : [...tableRead, ...tableWrite];
      allow(actions, [table.tableArn, `${table.tableArn}/index/*`]);
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${nagArn(table, role)}/index/*]`,
        'Queries the global secondary indexes of the desk table, and only those.',
      );
      return;
    }
    case 'documents': {
      const bucket = resources.documentsBucket;
      const actions = use.access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'];
      allow(actions, [bucket.arnForObjects('*')]);
      // Without ListBucket a missing document reads as 403 instead of 404.
      allow(['s3:ListBucket'], [bucket.bucketArn]);
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${nagArn(bucket, role)}/*]`,
        'Documents are objects keyed by record; access is limited to the documents bucket.',
      );
      return;
    }
    case 'events':
      // PutEvents on the desk's bus only.
      allow(['events:PutEvents'], [resources.eventBus.eventBusArn]);
      return;
    case 'signingKey':
      // The secret is encrypted with the account's AWS managed key: no KMS grant is needed.
      allow(
        ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        [resources.signingKey.secretArn],
      );
      return;
    case 'email':
      // SES v2 checks the configuration set named on the send as well as the identity.
      allow(
        ['ses:SendEmail', 'ses:SendRawEmail'],
        [...resources.senderIdentityArns, resources.emailConfigurationSet.arn],
      );
      return;
    case 'staffSignIn':
      // Hosted sign-in, the token endpoint and the keys are public: nothing to grant.
      return;
    case 'workflow': {
      const actions =
        use.access === 'start'
          ? ['states:StartExecution']
          : ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
      allow(actions, [resources.workflowArn(use.workflow)]);
      return;
    }
  }
}

/** The SES identity ARNs for a sender address: its domain and the address itself. */
export function senderIdentityArns(stack: Stack, senderAddress: string): string[] {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
  return [domain, senderAddress].map((identity) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
  );
}
