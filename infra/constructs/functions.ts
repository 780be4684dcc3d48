import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundledFontFiles, bundledFontsFolder, bundling } from '../bundling';
import type { DeploySettings } from '../deploy-settings';
import { functionEnvironment } from '../environment';
import type { FunctionDeclaration } from '../manifest';
import { type DeskResources, grantUse } from './grants';

/** The repository root: manifest entries are relative to it. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface DeskFunctionProps {
  declaration: FunctionDeclaration;
  resources: DeskResources;
  settings: DeploySettings;
  /** The log group of the function's concern. */
  logGroup: logs.ILogGroup;
}

/**
 * One declared function: its bundle, its concern's log group, and a role holding exactly what its
 * `uses` grant. The environment comes from the same `uses`, so a grant never lacks its variable.
 */
export class DeskFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DeskFunctionProps) {
    super(scope, id);
    const { declaration, resources, settings, logGroup } = props;

    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const policy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${declaration.name}`,
      inlinePolicies: { grants: policy },
    });
    for (const use of declaration.uses) grantUse({ role: this.role, policy }, use, resources);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(repositoryRoot, declaration.entry),
      handler: 'handler',
      description: declaration.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(declaration.timeoutSeconds),
      memorySize: declaration.memoryMb,
      role: this.role,
      logGroup,
      environment: functionEnvironment(
        declaration,
        {
          tableName: resources.table.tableName,
          documentsBucketName: resources.documentsBucket.bucketName,
          eventBusName: resources.eventBus.eventBusName,
          signingKeySecretId: resources.signingKey.secretArn,
          emailConfigurationSet: resources.emailConfigurationSet.name,
          workflowArn: (workflow) => resources.workflowArn(workflow),
          staffSignIn: resources.staffSignIn,
          apiUrl: resources.apiUrl,
        },
        settings,
      ),
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: bundling.target,
        mainFields: bundling.mainFields,
        banner: bundling.banner,
        minify: bundling.minify,
        sourceMap: bundling.sourcemap,
        externalModules: bundling.external,
        forceDockerBundling: false,
        ...(declaration.bundlesFonts ? { commandHooks: copyFontsAfterBundling } : {}),
      },
    });
  }
}

/** Puts the PDF fonts next to the bundle (bundling runs on this machine, never in Docker). */
const copyFontsAfterBundling: nodejs.ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir, outputDir) => {
    const folder = path.join(outputDir, bundledFontsFolder);
    return [
      `mkdir -p "${folder}"`,
      ...bundledFontFiles().map(
        ({ source, name }) => `cp "${source}" "${path.join(folder, name)}"`,
      ),
    ];
  },
};

export interface FunctionsProps {
  declarations: readonly FunctionDeclaration[];
  resources: DeskResources;
  settings: DeploySettings;
  /** Where a function is built: its concern's nested stack, or undefined for this construct. */
  scopeOf(declaration: FunctionDeclaration): Construct | undefined;
}

/**
 * The construct id of a concern's log group. Two concerns were renamed to match their folders in
 * `functions/`; their groups keep the ids they were deployed with, since a new id would make
 * CloudFormation create a new group and leave the old one, with its logs, out of the stack.
 */
const logGroupIds: Readonly<Record<string, string>> = {
  messages: 'Logs outbox',
  invoicing: 'Logs invoices',
};

/** The construct id, under `Functions`, of a concern's log group. */
export function concernLogGroupId(concern: string): string {
  return logGroupIds[concern] ?? `Logs ${concern}`;
}

/**
 * Every declared function, by its manifest name. The concerns' log groups stay here, in the root
 * stack: they hold the logs (retained), and the functions that remain in the root stack write to
 * them too.
 */
export class Functions extends Construct {
  private readonly byName = new Map<string, DeskFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const logGroups = new Map<string, logs.LogGroup>();
    const logGroupOf = (concern: string) => {
      let group = logGroups.get(concern);
      if (!group) {
        group = new logs.LogGroup(this, concernLogGroupId(concern), {
          retention: logs.RetentionDays.THREE_MONTHS,
        });
        logGroups.set(concern, group);
      }
      return group;
    };
    for (const declaration of props.declarations) {
      const logGroup = logGroupOf(declaration.concern ?? declaration.name);
      const fn = new DeskFunction(props.scopeOf(declaration) ?? this, declaration.name, {
        ...props,
        declaration,
        logGroup,
      });
      this.byName.set(declaration.name, fn);
    }
  }

  get(name: string): lambda.IFunction {
    const found = this.byName.get(name);
    if (!found) throw new Error(`No function named ${name} is declared`);
    return found.function;
  }
}
