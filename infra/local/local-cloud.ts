import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startStepFunctionsService } from '@customer-desk/local-stepfunctions';
import { startDynamoDbLocal } from '@customer-desk/local-stepfunctions/dynamodb-local';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import type { LocalCloudEndpoints } from '../../test/support/local-cloud-context';
import type { DeploySettings } from '../deploy-settings';
import { manifest, staffAuthorizerFunction } from '../manifest';
import { localClientConfig } from './aws-clients';
import { type Clock, movableClock } from './clock';
import { startConsole } from './console';
import { demoCompanyDetails, seedDemoCompany } from './demo-company';
import { ensureTable } from './dynamodb';
import { startEventsEndpoint } from './events';
import { startFileStore } from './files';
import { localFunctionEnvironment } from './function-environment';
import { bundleFunctions, bundleWorkerBootstrap } from './functions/bundle';
import { startFunctionsRuntime } from './functions/runtime';
import { servedRoutes, startGateway } from './gateway';
import { seedLeadApiKey } from './lead-api-key';
import { startMailbox } from './mailbox';
import { localAccount, localArn, localNames, localRegion } from './names';
import type { ServiceName } from './options';
import { host } from './ports';
import { startScheduler } from './scheduler';
import { startSecretsEndpoint } from './secrets';
import { mailboxSimulator } from './ses-simulator';
import { startIssuer } from './sign-in/issuer';
import { seedDirectory } from './sign-in/seed-directory';
import { loadOrCreateStaffUsers } from './sign-in/users';
import { registerWorkflows, workflowStarter } from './workflows';

export interface LocalCloudConfig {
  repositoryRoot: string;
  dataDir: string;
  ports: Record<ServiceName, number>;
  settings: DeploySettings;
  clockOffsetMs: number;
  /** Schedules that fire only when run from the console. */
  heldSchedules?: readonly string[];
  /** A fresh desk's settings get the demo company's details (`demo-company.ts`); default yes. */
  demoCompany?: boolean;
  log: (line: string) => void;
}

export interface LocalCloud {
  endpoints: LocalCloudEndpoints;
  clock: Clock;
  stop(): Promise<void>;
}

/**
 * Starts every local service in dependency order. When a step fails, what already started is
 * stopped again before the error goes up, so no Java process or port is left behind.
 */
export async function startLocalCloud(config: LocalCloudConfig): Promise<LocalCloud> {
  const { ports, dataDir, settings, log } = config;
  mkdirSync(dataDir, { recursive: true });
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      await stop().catch((error) => log(`stopping: ${(error as Error).message}`));
    }
  };

  try {
    const clock = movableClock(join(dataDir, 'clock.json'), config.clockOffsetMs);
    const url = (port: number) => `http://${host}:${port}`;
    const endpoints = {
      dynamodb: url(ports.dynamodb),
      ses: url(ports.ses),
      sfn: url(ports.sfn),
      s3: url(ports.s3),
      secretsManager: url(ports.secrets),
      signIn: url(ports.signin),
      gateway: url(ports.gateway),
      events: url(ports.events),
    };

    const buildDir = join(dataDir, 'build');
    const bundling = Promise.all([
      bundleFunctions(manifest.functions, config.repositoryRoot, buildDir),
      bundleWorkerBootstrap(buildDir),
    ]);
    // Bundling runs meanwhile; a failure there must not go unobserved while we wait for Java.
    bundling.catch(() => undefined);

    const dynamoDb = await startDynamoDbLocal(ports.dynamodb, dataDir, log);
    stoppers.push(dynamoDb.stop);
    const dynamodbClient = new DynamoDBClient(localClientConfig(endpoints.dynamodb));
    stoppers.push(async () => dynamodbClient.destroy());
    await ensureTable(dynamodbClient, manifest.table);

    // Bound once the functions run: the mailbox simulator invokes the feedback functions.
    let simulate: (email: Email) => void = () => undefined;
    const mailbox = await startMailbox(host, ports.ses, dataDir, (email) => simulate(email));
    stoppers.push(mailbox.stop);
    const files = await startFileStore(host, ports.s3, dataDir, [localNames.documentsBucket]);
    stoppers.push(files.stop);
    const secrets = await startSecretsEndpoint(
      host,
      ports.secrets,
      dataDir,
      [localNames.signingKeySecret],
      () => clock.now(),
    );
    stoppers.push(secrets.stop);
    const events = await startEventsEndpoint(
      host,
      ports.events,
      dataDir,
      [localNames.eventBus],
      () => clock.now(),
    );
    stoppers.push(events.stop);

    // Staff sign-in: the local issuer with its seeded users, and their directory entries.
    const staffUsers = loadOrCreateStaffUsers(dataDir);
    const issuer = await startIssuer({
      host,
      port: ports.signin,
      dataDir,
      clientId: localNames.staffClientId,
      // The browser may call the API by address or by name; both are the desk.
      apiOrigins: () => [url(ports.gateway), `http://localhost:${ports.gateway}`],
      users: staffUsers,
      clock,
      log,
    });
    stoppers.push(issuer.stop);
    await seedDirectory(dynamodbClient, localNames.table, staffUsers, clock.now());
    if (config.demoCompany !== false && (await seedDemoCompany(dynamodbClient, localNames.table))) {
      log(
        `Demo company details seeded (${demoCompanyDetails.legalName}): replace them on the ` +
          'settings page before invoicing real customers.',
      );
    }
    const leadApiKey = await seedLeadApiKey(dynamodbClient, localNames.table, dataDir, clock.now());

    const [bundles, workerFile] = await bundling;
    const runtime = startFunctionsRuntime({
      bundles,
      workerFile,
      environment: (bundle) =>
        localFunctionEnvironment(
          bundle.declaration,
          settings,
          endpoints,
          join(buildDir, bundle.declaration.name),
        ),
      functionArn: localArn.function,
      clockOffsetMs: () => clock.offset(),
      log,
    });
    stoppers.push(runtime.stop);
    simulate = mailboxSimulator({
      functions: manifest.functions.filter((f) => f.receivesEmailFeedback).map((f) => f.name),
      invoke: runtime.invoke,
      functionArn: localArn.function,
      configurationSet: localNames.emailConfigurationSet,
      now: () => clock.now(),
      log,
    });

    const stepFunctions = await startStepFunctionsService({
      dynamodb: dynamodbClient,
      tableName: localNames.stepFunctionsTable,
      region: localRegion,
      accountId: localAccount,
      clock,
      invokeLambda: runtime.invoke,
      // Lets the restart test kill the cloud while a workflow's Lambda task is running.
      taskDelayMs: Number(process.env.DESK_LOCAL_TASK_DELAY_MS ?? 0),
      host,
      port: ports.sfn,
      log,
    });
    stoppers.push(stepFunctions.stop);
    await registerWorkflows(stepFunctions.url, manifest.workflows, config.repositoryRoot);

    const gateway = await startGateway({
      host,
      port: ports.gateway,
      routes: manifest.routes,
      invoke: runtime.invoke,
      authorizerFunction: staffAuthorizerFunction,
      functionArn: localArn.function,
      clock,
      accountId: localAccount,
      log,
    });
    stoppers.push(gateway.stop);

    const starter = workflowStarter(stepFunctions.url);
    stoppers.push(starter.stop);
    const scheduler = startScheduler({
      schedules: manifest.schedules,
      timeZone: settings.companyTimeZone,
      clock,
      invoke: runtime.invoke,
      functionArn: localArn.function,
      startWorkflow: starter.start,
      held: config.heldSchedules ?? [],
      stateFile: join(dataDir, 'scheduler.json'),
      log,
    });
    stoppers.push(scheduler.stop);

    const cloudEndpoints: LocalCloudEndpoints = {
      gatewayUrl: gateway.url,
      consoleUrl: url(ports.console),
      dynamodbEndpoint: endpoints.dynamodb,
      sesEndpoint: endpoints.ses,
      sfnEndpoint: stepFunctions.url,
      s3Endpoint: endpoints.s3,
      secretsManagerEndpoint: endpoints.secretsManager,
      eventsEndpoint: endpoints.events,
      region: localRegion,
      tableName: localNames.table,
      dataDir,
      signInUrl: issuer.url,
      leadApiKey,
      staffUsers: staffUsers.map(({ email, password, role, team }) => ({
        email,
        password,
        role,
        team,
      })),
    };
    const console = await startConsole({
      host,
      port: ports.console,
      routes: servedRoutes(manifest.routes),
      scheduler,
      clock,
      events: () => events.published(),
      onClockAdvanced: () => {
        stepFunctions.poke();
        scheduler.poke();
      },
      links: () => [
        { label: 'Lead form', url: `${gateway.url}/forms/lead` },
        { label: 'Staff sign-in', url: `${gateway.url}/auth/sign-in` },
        { label: 'Mailbox', url: `${mailbox.url}/` },
        { label: 'Sent emails as JSON', url: `${mailbox.url}/store` },
        { label: 'HTTP API', url: gateway.url },
        { label: 'Step Functions endpoint', url: stepFunctions.url },
        { label: 'DynamoDB endpoint', url: endpoints.dynamodb },
        { label: 'S3 endpoint', url: endpoints.s3 },
        { label: 'Secrets Manager endpoint', url: endpoints.secretsManager },
        { label: 'EventBridge endpoint', url: endpoints.events },
      ],
    });
    stoppers.push(console.stop);

    return { endpoints: cloudEndpoints, clock, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
