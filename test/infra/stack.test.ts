import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { concernLogGroupId } from '../../infra/constructs/functions';
import { parseDeploySettings } from '../../infra/deploy-settings';
import { functionEnvironment } from '../../infra/environment';
import { manifest, workflowArnVariable } from '../../infra/manifest';
import {
  buildDesk,
  cdkContext,
  constructAt,
  type DeskApp,
  logicalId,
  templateOf,
} from './desk-app';

/** A synthesized template is untyped JSON. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;
type Resources = Record<
  string,
  { Type: string; Properties: Record<string, Json>; [k: string]: Json }
>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let desk: DeskApp;
let template: Template;
let resources: Resources;

beforeAll(() => {
  desk = buildDesk({}, { nagChecks: false });
  template = templateOf(desk);
  resources = template.toJSON().Resources;
});

const settings = parseDeploySettings(cdkContext);
const idOf = (path: string) => logicalId(constructAt(desk.stack, path));
const functionId = (name: string) => idOf(`Functions/${name}/Function`);
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

function ofType(type: string) {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** Every statement of every policy of a role: its inline ones and those attached to it. */
function statementsOf(roleId: string): Statement[] {
  const inline = (resources[roleId]?.Properties.Policies ?? []) as Json[];
  return [
    ...inline.flatMap((p) => p.PolicyDocument.Statement as Statement[]),
    ...ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]),
  ];
}

function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

const functionStatements = (name: string) => statementsOf(idOf(`Functions/${name}/Role`));
const writeActions = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/;

describe('deploy settings', () => {
  it('stop synth with a message naming a bad setting', () => {
    expect(() => buildDesk({ senderAddress: 'not an address' })).toThrow(/senderAddress/);
    expect(() => buildDesk({ companyTimeZone: 'Europe/Atlantis' })).toThrow(/companyTimeZone/);
    expect(() => buildDesk({ defaultLocale: 'fr' })).toThrow(/defaultLocale/);
    expect(() => buildDesk({ publicBaseUrl: 'desk.example.com' })).toThrow(/publicBaseUrl/);
  });

  it('give every function the public base URL: the given one, else the API URL', () => {
    const given = templateOf(
      buildDesk({ publicBaseUrl: 'https://desk.example.com' }, { nagChecks: false }),
    ).toJSON().Resources as Resources;
    const functions = (all: Resources) =>
      Object.values(all).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions(given).length).toBeGreaterThanOrEqual(manifest.functions.length);
    for (const fn of functions(given)) {
      const variables = fn.Properties.Environment?.Variables;
      // CDK's own helper functions (log retention and the like) carry no desk environment.
      if (variables?.TABLE_NAME === undefined && variables?.COMPANY_TIME_ZONE === undefined)
        continue;
      expect(variables.PUBLIC_BASE_URL).toBe('https://desk.example.com');
    }
    const byDefault = resources[functionId('request-lead-review')]?.Properties.Environment;
    const apiId = idOf('Api/HttpApi');
    expect(JSON.stringify(byDefault.Variables.PUBLIC_BASE_URL)).toContain(`"Ref":"${apiId}"`);
  });
});

describe('table', () => {
  it('is one on-demand table, with point-in-time recovery, kept when the stack goes', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    const [, table] = ofType('AWS::DynamoDB::GlobalTable')[0] ?? [];
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    expect(table?.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    for (const replica of table?.Properties.Replicas ?? []) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
    }
    expect(table?.Properties.Replicas).toHaveLength(1);
  });

  it('has the keys and the sparse indexes the manifest declares', () => {
    const { table } = manifest;
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    const [, resource] = ofType('AWS::DynamoDB::GlobalTable')[0] ?? [];
    const attributes = resource?.Properties.AttributeDefinitions as { AttributeType: string }[];
    expect(attributes.every((a) => a.AttributeType === 'S')).toBe(true);
  });
});

describe('documents bucket', () => {
  it('is private, encrypted, versioned, SSL only, retained, with access logs', () => {
    const bucketId = idOf('Data/DocumentsBucket');
    const logsId = idOf('Data/AccessLogsBucket');
    const bucket = resources[bucketId];
    expect(bucket?.DeletionPolicy).toBe('Retain');
    expect(bucket?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId } },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    expect(resources[logsId]?.DeletionPolicy).toBe('Retain');
  });
});

describe('signing key', () => {
  it('is a generated Secrets Manager secret', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });
});

describe('functions', () => {
  it.each(manifest.functions.map((f) => [f.name, f] as const))(
    '%s runs on Node.js 24, ARM64, with its declared size and environment',
    (name, declaration) => {
      const fn = resources[functionId(name)];
      expect(fn?.Type).toBe('AWS::Lambda::Function');
      expect(fn?.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: declaration.timeoutSeconds,
        MemorySize: declaration.memoryMb,
        LoggingConfig: {
          LogGroup: { Ref: idOf(`Functions/${concernLogGroupId(declaration.concern ?? '')}`) },
        },
      });
      // The same variables the local cloud gives the function, nothing more.
      const expected = functionEnvironment(
        declaration,
        {
          tableName: 'table',
          documentsBucketName: 'bucket',
          eventBusName: 'bus',
          signingKeySecretId: 'secret',
          emailConfigurationSet: 'feedback',
          workflowArn: () => 'arn',
          staffSignIn: {
            url: 'url',
            clientId: 'client',
            issuer: 'issuer',
            jwksUri: 'jwks',
            secondFactor: 'amr',
          },
          apiUrl: 'api',
        },
        settings,
      );
      const variables = fn?.Properties.Environment.Variables as Record<string, unknown>;
      expect(Object.keys(variables).sort()).toEqual(Object.keys(expected).sort());
      expect(variables.COMPANY_TIME_ZONE).toBe(settings.companyTimeZone);
      expect(variables.DEFAULT_LOCALE).toBe(settings.defaultLocale);
      expect(
        resources[idOf(`Functions/${concernLogGroupId(declaration.concern ?? '')}`)]?.Properties
          .RetentionInDays,
      ).toBe(90);
    },
  );

  it('name the table, secret and workflow by reference', () => {
    const variables = resources[functionId('submit-lead')]?.Properties.Environment.Variables;
    expect(variables.TABLE_NAME).toEqual({ Ref: idOf('Data/Table') });
    expect(variables.SIGNING_KEY_SECRET_ID).toEqual({ Ref: idOf('Data/SigningKey') });
    expect(JSON.stringify(variables[workflowArnVariable('lead-intake')])).toContain(
      ':stateMachine:CustomerDesk-lead-intake',
    );
    const ack = resources[functionId('send-lead-acknowledgement')]?.Properties.Environment;
    expect(ack.Variables.SENDER_ADDRESS).toBe(settings.senderAddress);
  });

  it('give each function one role whose inline policy holds all its grants', () => {
    for (const fn of manifest.functions) {
      const roleId = idOf(`Functions/${fn.name}/Role`);
      expect(resources[roleId]?.Properties.Policies, fn.name).toHaveLength(1);
      const attached = ofType('AWS::IAM::Policy').filter(([, p]) =>
        JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
      );
      expect(attached, fn.name).toEqual([]);
    }
  });

  it('use no managed policies: each role holds only inline grants', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    expect(JSON.stringify(template.toJSON())).not.toMatch(/FullAccess/);
  });
});

describe('least privilege, from each function’s uses', () => {
  it('lead-form cannot touch the table; it reads the signing key only', () => {
    const actions = actionsOf(functionStatements('lead-form'));
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions.filter((a) => a.startsWith('states:') || a.startsWith('ses:'))).toEqual([]);
  });

  it('get-lead reads the table and its indexes, and never writes', () => {
    const statements = functionStatements('get-lead');
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((a) => writeActions.test(a))).toEqual([]);
    const table = statements.find((s) => actionsOf([s]).includes('dynamodb:Query'));
    expect(JSON.stringify(table?.Resource)).toContain('/index/*');
    expect(actions.some((a) => a.startsWith('secretsmanager:'))).toBe(false);
  });

  it('nothing may scan the table, and no function has a wildcard action or resource', () => {
    for (const fn of manifest.functions) {
      const statements = functionStatements(fn.name);
      expect(actionsOf(statements)).not.toContain('dynamodb:Scan');
      for (const s of statements) {
        expect(actionsOf([s]).some((a) => a.includes('*'))).toBe(false);
        expect(s.Resource).not.toBe('*');
      }
    }
  });

  it('submit-lead writes the table and starts only the lead-intake and linked-enquiry machines', () => {
    const statements = functionStatements('submit-lead');
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    const start = statements.filter((s) => actionsOf([s]).includes('states:StartExecution'));
    expect(start).toHaveLength(2);
    const machines = start.map((s) => JSON.stringify(s.Resource)).sort();
    expect(machines[0]).toContain(':stateMachine:CustomerDesk-lead-intake"');
    expect(machines[1]).toContain(':stateMachine:CustomerDesk-linked-enquiry"');
    expect(actionsOf(statements).some((a) => a.startsWith('ses:'))).toBe(false);
  });

  it('the bank statement upload keeps the file and starts only its import; the import step reads it and emails', () => {
    const upload = functionStatements('office-payment-import');
    const start = upload.filter((s) => actionsOf([s]).includes('states:StartExecution'));
    expect(start).toHaveLength(1);
    expect(JSON.stringify(start[0]?.Resource)).toContain(
      ':stateMachine:CustomerDesk-bank-statement-import"',
    );
    expect(actionsOf(upload)).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject']));
    expect(actionsOf(upload).some((a) => a.startsWith('ses:'))).toBe(false);

    const step = functionStatements('run-bank-statement-import');
    expect(actionsOf(step)).toEqual(expect.arrayContaining(['s3:GetObject', 'ses:SendEmail']));
    expect(actionsOf(step)).not.toContain('s3:PutObject');
    expect(actionsOf(step).some((a) => a.startsWith('states:'))).toBe(false);
  });

  it('only the email senders may send, and only as the configured identity', () => {
    const domain = settings.senderAddress.split('@')[1];
    for (const fn of manifest.functions) {
      const statements = functionStatements(fn.name);
      const sending = statements.filter((s) => actionsOf([s]).includes('ses:SendEmail'));
      const declared = fn.uses.some((u) => u.resource === 'email');
      expect(sending.length > 0, fn.name).toBe(declared);
      for (const s of sending) {
        const arns = JSON.stringify(s.Resource);
        expect(arns).toContain(`:identity/${domain}"`);
        expect(arns).toContain(`:identity/${settings.senderAddress}"`);
      }
    }
  });

  it('staff-authorizer may only use the table (to find and link staff) and write its logs', () => {
    const statements = functionStatements('staff-authorizer');
    const actions = actionsOf(statements);
    expect(actions.every((a) => /^(dynamodb|logs):/.test(a))).toBe(true);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem']));
    for (const s of statements.filter((s) =>
      actionsOf([s]).some((a) => a.startsWith('dynamodb:')),
    )) {
      expect(JSON.stringify(s.Resource)).toContain(idOf('Data/Table'));
    }
  });
});

describe('HTTP API', () => {
  const routeId = (key: string) =>
    ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)?.[1];

  it('has exactly the declared routes, each integrated with its function (payload 2.0)', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(manifest.routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(keys).toContain('GET /forms/lead');
    for (const route of manifest.routes) {
      const target = JSON.stringify(routeId(`${route.method} ${route.path}`)?.Properties.Target);
      const integrationId = /"Ref":"([A-Za-z0-9]+)"/.exec(target)?.[1] ?? '';
      const integration = resources[integrationId]?.Properties;
      expect(integration?.PayloadFormatVersion).toBe('2.0');
      expect(integration?.IntegrationUri).toEqual(arnOf(functionId(route.function)));
    }
  });

  it('shares one integration and one invoke permission per function, for this API only', () => {
    const routed = new Set(manifest.routes.map((r) => r.function));
    expect(ofType('AWS::ApiGatewayV2::Integration')).toHaveLength(routed.size);
    for (const name of routed) {
      const permissions = ofType('AWS::Lambda::Permission').filter(
        ([, p]) =>
          JSON.stringify(p.Properties.FunctionName).includes(functionId(name)) &&
          !JSON.stringify(p.Properties.SourceArn).includes('/authorizers/'),
      );
      expect(permissions).toHaveLength(1);
      expect(permissions[0]?.[1].Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permissions[0]?.[1].Properties.SourceArn)).toContain('ApiHttpApi');
    }
  });

  it('guards staff routes with the staff authorizer and leaves public ones open', () => {
    const [authorizerId, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0] ?? [];
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.cookie'],
    });
    expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(
      functionId('staff-authorizer'),
    );
    for (const route of manifest.routes) {
      const props = routeId(`${route.method} ${route.path}`)?.Properties;
      if (route.access.kind === 'staff') {
        expect(props?.AuthorizationType).toBe('CUSTOM');
        expect(props?.AuthorizerId).toEqual({ Ref: authorizerId });
      } else {
        expect(props?.AuthorizerId).toBeUndefined();
        expect(props?.AuthorizationType ?? 'NONE').toBe('NONE');
      }
    }
    expect(routeId('GET /leads/{leadId}')?.Properties.AuthorizationType).toBe('CUSTOM');
  });

  it('throttles and logs access on the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: arnOf(idOf('Api/AccessLogs')),
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });
});

describe('workflows', () => {
  it.each(manifest.workflows.map((w) => [w.name, w] as const))(
    '%s is its ASL file, with each substitution the ARN of a function it invokes',
    (name, workflow) => {
      const id = idOf(`Workflows/${name}`);
      const machine = resources[id]?.Properties;
      expect(machine?.StateMachineName).toBe(`CustomerDesk-${name}`);

      // The definition asset is the file, byte for byte.
      const assembly = desk.app.synth();
      const key = machine?.DefinitionS3Location.Key as string;
      const staged = readFileSync(path.join(assembly.directory, `asset.${key}`), 'utf8');
      const file = readFileSync(new URL(`../../${workflow.file}`, import.meta.url), 'utf8');
      expect(staged).toBe(file);

      // Every ${Key} in the file is substituted, and by the function the manifest names.
      const placeholders = [...file.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
      expect([...new Set(placeholders)].sort()).toEqual(Object.keys(workflow.invokes).sort());
      const substitutions = Object.fromEntries(
        Object.entries(workflow.invokes).map(([k, fn]) => [k, arnOf(functionId(fn))]),
      );
      expect(machine?.DefinitionSubstitutions).toEqual(substitutions);
      const definition = JSON.parse(
        file.replace(/\$\{(\w+)\}/g, (_, k: string) => `arn-of-${workflow.invokes[k]}`),
      );
      for (const fn of Object.values(workflow.invokes)) {
        expect(JSON.stringify(definition)).toContain(`"arn-of-${fn}"`);
      }
    },
  );

  it('logs everything, traces, and may invoke exactly the functions it declares', () => {
    for (const workflow of manifest.workflows) {
      const machine = resources[idOf(`Workflows/${workflow.name}`)]?.Properties;
      expect(machine?.LoggingConfiguration).toMatchObject({
        Level: 'ALL',
        IncludeExecutionData: true,
      });
      expect(machine?.TracingConfiguration).toEqual({ Enabled: true });
      const roleId = idOf(`Workflows/${workflow.name}/Role`);
      const invoke = statementsOf(roleId).filter((s) =>
        actionsOf([s]).includes('lambda:InvokeFunction'),
      );
      const expected = Object.values(workflow.invokes).flatMap((fn) => [
        arnOf(functionId(fn)),
        { 'Fn::Join': ['', [arnOf(functionId(fn)), ':*']] },
      ]);
      expect(invoke.flatMap((s) => s.Resource as unknown[])).toEqual(expected);
      expect(actionsOf(statementsOf(roleId)).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    }
  });
});

describe('schedules', () => {
  it.each(manifest.schedules.map((s) => [s.name, s] as const))(
    '%s runs on the company clock, exactly on time, and hands its job the scheduled time',
    (name, schedule) => {
      const props = resources[idOf(`Schedules/${name}`)]?.Properties;
      expect(props).toMatchObject({
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: settings.companyTimeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
      });
      const { target } = schedule;
      // A function gets `{scheduledTime}`; a workflow its declared input with it.
      const targetId =
        'function' in target ? functionId(target.function) : idOf(`Workflows/${target.workflow}`);
      expect(props?.Target.Arn).toEqual('function' in target ? arnOf(targetId) : { Ref: targetId });
      expect(JSON.parse(props?.Target.Input)).toEqual({
        ...('function' in target ? {} : target.input),
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
      expect(props?.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);

      const roleId = idOf(`Schedules/${name} role`);
      expect(props?.Target.RoleArn).toEqual(arnOf(roleId));
      const statements = statementsOf(roleId);
      expect(actionsOf(statements)).toEqual([
        'function' in target ? 'lambda:InvokeFunction' : 'states:StartExecution',
      ]);
      expect(JSON.stringify(statements)).toContain(targetId);
      const trust = resources[roleId]?.Properties.AssumeRolePolicyDocument.Statement[0];
      expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    },
  );

  it('outbox-retry runs every ten minutes in the company time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0/10 * * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Athens',
    });
  });
});

describe('outputs', () => {
  it('give the API URL, the table name and the bucket name', () => {
    const outputs = template.toJSON().Outputs;
    expect(outputs.ApiUrl.Value).toBeDefined();
    expect(outputs.TableName.Value).toEqual({ Ref: idOf('Data/Table') });
    expect(outputs.DocumentsBucketName.Value).toEqual({ Ref: idOf('Data/DocumentsBucket') });
  });
});

describe('event bus', () => {
  it('is one bus; only functions declaring the events use may put events, and only on it', () => {
    const buses = ofType('AWS::Events::EventBus');
    expect(buses).toHaveLength(1);
    const busArn = JSON.stringify(arnOf(idOf('EventBus')));
    for (const fn of manifest.functions) {
      const statements = functionStatements(fn.name);
      const putting = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('events:')));
      expect(putting.length > 0, fn.name).toBe(fn.uses.some((u) => u.resource === 'events'));
      for (const s of putting) {
        expect(actionsOf([s])).toEqual(['events:PutEvents']);
        expect(JSON.stringify(s.Resource)).toBe(busArn);
      }
    }
    expect(functionStatements('retry-outbox').length).toBeGreaterThan(0);
    const env = resources[functionId('retry-outbox')]?.Properties.Environment.Variables;
    expect(env.EVENT_BUS_NAME).toEqual({ Ref: idOf('EventBus') });
  });
});

describe('job alarms', () => {
  it('alarm when any daily job item fails, on the figure the job functions write', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CustomerDesk',
      MetricName: 'JobItemFailed',
      Dimensions: [{ Name: 'service', Value: 'daily-jobs' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('/office/job-items'),
    });
  });
});
