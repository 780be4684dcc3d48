import { type App, CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { Api, staffAuthorizerFunction } from './constructs/api';
import { ConcernStack } from './constructs/concern-stack';
import { Data } from './constructs/data';
import { EmailFeedback } from './constructs/email-feedback';
import { Functions } from './constructs/functions';
import { senderIdentityArns } from './constructs/grants';
import { JobAlarms } from './constructs/job-alarms';
import { Schedules } from './constructs/schedules';
import { StaffSignIn } from './constructs/staff-sign-in';
import { stateMachineArn, Workflows } from './constructs/workflows';
import { type DeploySettings, parseDeploySettings } from './deploy-settings';
import {
  manifest as declared,
  type FunctionDeclaration,
  type Manifest,
  type ScheduleDeclaration,
} from './manifest';

export interface CustomerDeskStackProps extends StackProps {
  settings: DeploySettings;
  /** Defaults to the product's manifest; tests may pass another. */
  manifest?: Manifest;
  /** Prefix of the hosted sign-in domain; defaults to one derived from the stack name. */
  signInDomainPrefix?: string;
  /**
   * Deploys the API without its routes: the first of the two deploys that upgrade a desk deployed
   * before the stacks per concern (README, "Upgrading"). API Gateway allows one route per method
   * and path, and CloudFormation creates a nested stack's new routes before it deletes the root
   * stack's old ones; deploying once without routes lets the second deploy create them.
   */
  withoutRoutes?: boolean;
}

/**
 * The customer desk on AWS, built entirely from the manifest: a root stack with what is shared
 * or must never be replaced, and a nested stack per concern with the rest (see `ConcernStack`).
 *
 * The root stack keeps the table, the buckets, the signing key, the event bus, the user pool, the
 * HTTP API with its stage and the staff authorizer, the email configuration set, the concerns'
 * log groups, the state machines with their log groups, the workflows' schedules, and every
 * function a workflow calls: a running execution holds that function's ARN, and a function moved
 * to another stack is a new function (and the old one deleted). The test against
 * `test/infra/previous-release.json` keeps these ids and names from changing.
 */
export class CustomerDeskStack extends Stack {
  /** The nested stack of each concern that has one, by concern. */
  readonly concernStacks = new Map<string, ConcernStack>();

  constructor(scope: Construct, id: string, props: CustomerDeskStackProps) {
    super(scope, id, props);
    const manifest = props.manifest ?? declared;
    const { settings } = props;

    // Also here: the staff authorizer, whose authorizer (in this stack, with the API) every
    // concern's staff routes refer to; and the email feedback receivers, subscribed to the topic
    // here (CDK subscribes a function in another stack by making that stack wait for this one,
    // which a nested stack cannot).
    const staysInRoot = new Set([
      staffAuthorizerFunction,
      ...manifest.workflows.flatMap((workflow) => Object.values(workflow.invokes)),
      ...manifest.functions.filter((f) => f.receivesEmailFeedback).map((f) => f.name),
    ]);
    const concernStackOf = (declaration: FunctionDeclaration): ConcernStack | undefined => {
      if (staysInRoot.has(declaration.name)) return undefined;
      const concern = declaration.concern ?? declaration.name;
      let stack = this.concernStacks.get(concern);
      if (!stack) {
        stack = new ConcernStack(this, concern);
        this.concernStacks.set(concern, stack);
      }
      return stack;
    };
    const declarationOf = (name: string) => {
      const found = manifest.functions.find((f) => f.name === name);
      if (!found) throw new Error(`No function named ${name} is declared`);
      return found;
    };
    /** The construct `id` in a function's concern stack, or undefined when it stays here. */
    const scopeInConcern = (functionName: string, id: string): Construct | undefined => {
      const stack = concernStackOf(declarationOf(functionName));
      if (!stack) return undefined;
      return (stack.node.tryFindChild(id) as Construct | undefined) ?? new Construct(stack, id);
    };

    const data = new Data(this, 'Data', { table: manifest.table, buckets: manifest.buckets });
    const api = new Api(this, 'Api');
    // Account and contract events (suspended, lifted, lapsed, renewed) for the company's own rules.
    const eventBus = new events.EventBus(this, 'EventBus', {
      description: 'Customer desk events: account suspensions, lapses and renewals',
    });
    const signIn = new StaffSignIn(this, 'StaffSignIn', {
      apiUrl: api.url,
      domainPrefix: props.signInDomainPrefix,
    });

    const emailFeedback = new EmailFeedback(this, 'EmailFeedback');

    const functions = new Functions(this, 'Functions', {
      declarations: manifest.functions,
      settings,
      resources: {
        table: data.table,
        documentsBucket: data.documentsBucket,
        eventBus,
        signingKey: data.signingKey,
        senderIdentityArns: senderIdentityArns(this, settings.senderAddress),
        emailConfigurationSet: {
          name: emailFeedback.configurationSet.configurationSetName,
          arn: emailFeedback.configurationSetArn,
        },
        workflowArn: (workflow) => stateMachineArn(this, workflow),
        staffSignIn: signIn.names,
        apiUrl: api.url,
      },
      scopeOf: (declaration) => scopeInConcern(declaration.name, 'Functions'),
    });
    const functionNamed = (name: string) => functions.get(name);
    for (const declaration of manifest.functions.filter((f) => f.receivesEmailFeedback)) {
      emailFeedback.subscribe(functionNamed(declaration.name));
    }

    if (!props.withoutRoutes) {
      api.addDeclaredRoutes({
        routes: manifest.routes,
        functionNamed,
        routeScopeOf: (name) => scopeInConcern(name, 'Routes'),
      });
    }
    const workflows = new Workflows(this, 'Workflows', {
      declarations: manifest.workflows,
      functionNamed,
    });
    // A schedule goes with the function it starts; those starting a workflow stay here.
    const scheduleScopeOf = (schedule: ScheduleDeclaration) =>
      'function' in schedule.target
        ? scopeInConcern(schedule.target.function, 'Schedules')
        : undefined;
    new Schedules(this, 'Schedules', {
      declarations: manifest.schedules,
      scopeOf: scheduleScopeOf,
      companyTimeZone: settings.companyTimeZone,
      functionNamed,
      workflowNamed: (name) => {
        const machine = workflows.stateMachines.get(name);
        if (!machine) throw new Error(`A schedule starts ${name}, which is not declared`);
        return machine;
      },
    });

    new JobAlarms(this, 'JobAlarms');
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'StaffUserPoolId', { value: signIn.userPool.userPoolId });
    new CfnOutput(this, 'StaffSignInUrl', {
      value: `${api.url}auth/sign-in`,
      description: 'Where staff sign in to the desk',
    });
    new CfnOutput(this, 'DocumentsBucketName', { value: data.documentsBucket.bucketName });
    new CfnOutput(this, 'EventBusName', { value: eventBus.eventBusName });
    new CfnOutput(this, 'SigningKeySecretArn', {
      value: data.signingKey.secretArn,
      description: 'The keys of links, form tokens and CSRF: npm run signing-keys rotates them',
    });
  }
}

/**
 * Puts the desk into an app from its context (deploy settings, stack name) and checks it with
 * cdk-nag: synth stops on a bad setting, naming it, and on any unacknowledged finding.
 */
export function buildCustomerDeskApp(
  app: App,
  options: { nagChecks?: boolean } = {},
): CustomerDeskStack {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const settings = parseDeploySettings({
    senderAddress: context('senderAddress'),
    companyTimeZone: context('companyTimeZone'),
    defaultLocale: context('defaultLocale'),
    publicBaseUrl: emptyAsUnset(context('publicBaseUrl')),
  });
  const stackName = String(context('stackName') ?? 'CustomerDesk');
  const prefix = context('signInDomainPrefix');
  const stack = new CustomerDeskStack(app, stackName, {
    stackName,
    settings,
    signInDomainPrefix: typeof prefix === 'string' && prefix !== '' ? prefix : undefined,
    withoutRoutes: context('withoutRoutes') === true || context('withoutRoutes') === 'true',
  });
  // Template tests switch this off to see their own failures; the nag test and `cdk synth` keep it.
  if (options.nagChecks !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  }
  return stack;
}

/** A context value given as `-c publicBaseUrl=` means "not set". */
function emptyAsUnset(value: unknown): unknown {
  return value === '' ? undefined : value;
}
