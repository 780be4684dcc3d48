import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontFiles } from '../../functions/shared/pdf/fonts';
import { localArn, localNames } from '../../infra/local/names';
import { manifest } from '../../infra/manifest';
import { flattenNested, type StackTemplate } from '../support/nested-templates';
import { cdkContext } from './desk-app';

/**
 * Runs the real `cdk synth` (esbuild bundling included), then imports every function's bundle in
 * a process of its own and calls its handler with a realistic event. AWS is an unused local port:
 * a bundle that cannot load (CJS `require` in ESM, a dynamic import, a missing file) fails here;
 * a handler that cannot reach DynamoDB, or refuses bad input, is the expected business answer.
 */

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const events = path.join(repositoryRoot, 'test/fixtures/events');
const stackName = String(cdkContext.stackName);

/** What breaks when bundling goes wrong, as Node reports it. */
const bundlingBreakage =
  /Dynamic require of|Cannot find (module|package)|require is not defined|__(dirname|filename) is not defined|ERR_REQUIRE_ESM|ERR_MODULE_NOT_FOUND|ERR_UNKNOWN_FILE_EXTENSION|ReferenceError|SyntaxError|ENOENT/;
/** What a user must never see in an answer. */
const internals = /ECONNREFUSED|127\.0\.0\.1|\bat .+:\d+:\d+|node_modules|index\.mjs/;

interface ErrorInfo {
  name: string;
  message: string;
}
type Outcome =
  | { kind: 'import-failed' | 'threw'; error: ErrorInfo }
  | { kind: 'no-handler'; exports: string[] }
  | { kind: 'returned'; result: unknown };
interface Run {
  outcome: Outcome;
  /** Everything the process printed, outcome included. */
  output: string;
}
interface HttpAnswer {
  statusCode: number;
  body?: string;
  headers?: Record<string, string>;
}

let assembly: string;
interface TemplateResource {
  Type: string;
  Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
  Metadata?: Record<string, unknown>;
}
let template: { Resources: Record<string, TemplateResource> };
let assets: { files: Record<string, { source: { path: string; packaging: string } }> };
let scratch: string;
let ownAssembly = false;
let awsEndpoint: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'desk-bundle-events-'));
  // `npm test` synthesizes once before vitest and hands the cloud assembly over.
  const synthesized = process.env.DESK_SYNTH_DIR;
  if (synthesized) assembly = synthesized;
  else {
    assembly = mkdtempSync(path.join(tmpdir(), 'desk-cdk-out-'));
    ownAssembly = true;
    try {
      await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', assembly], {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          CDK_DISABLE_VERSION_CHECK: 'true',
          CDK_DISABLE_CLI_TELEMETRY: 'true',
        },
        timeout: 170_000,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`cdk synth failed:\n${stderr ?? ''}\n${stdout ?? ''}`);
    }
  }
  // The root stack and its concern stacks as one template.
  const read = (file: string) =>
    JSON.parse(readFileSync(path.join(assembly, file), 'utf8')) as StackTemplate;
  template = flattenNested(read(`${stackName}.template.json`), read) as typeof template;
  assets = JSON.parse(readFileSync(path.join(assembly, `${stackName}.assets.json`), 'utf8'));
  awsEndpoint = `http://127.0.0.1:${await unusedPort()}`;
}, 180_000);

afterAll(() => {
  for (const dir of [ownAssembly ? assembly : undefined, scratch]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

/** A port nothing listens on: every AWS call is refused at once. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

function functionResource(name: string) {
  // In the root stack, or in its concern's nested stack.
  const path = `Functions/${name}/Function/Resource`;
  const found = Object.values(template.Resources).find((r) => {
    const at = String(r.Metadata?.['aws:cdk:path']);
    return (
      r.Type === 'AWS::Lambda::Function' &&
      (at === `${stackName}/${path}` || new RegExp(`^${stackName}/\\w+/${path}$`).test(at))
    );
  });
  if (!found) throw new Error(`No Lambda function at ${path} in the cloud assembly`);
  return found;
}

/** The bundle directory of a function: its Code.S3Key names the asset. */
function bundleOf(name: string): string {
  const key = String(functionResource(name).Properties.Code.S3Key);
  const asset = assets.files[key.replace(/\.zip$/, '')];
  if (!asset) throw new Error(`No asset for ${name} (${key})`);
  expect(asset.source.packaging).toBe('zip');
  return path.join(assembly, asset.source.path);
}

/** The function's deployed environment, with stand-ins for what only CloudFormation knows. */
function environmentOf(name: string): Record<string, string> {
  const variables = functionResource(name).Properties.Environment.Variables;
  const standIn = (variable: string): string => {
    if (variable === 'TABLE_NAME') return localNames.table;
    if (variable === 'DOCUMENTS_BUCKET') return localNames.documentsBucket;
    if (variable === 'EVENT_BUS_NAME') return localNames.eventBus;
    if (variable === 'EMAIL_CONFIGURATION_SET') return localNames.emailConfigurationSet;
    // The API's URL (the deploy setting's default), known only once deployed.
    if (variable === 'PUBLIC_BASE_URL') return 'https://desk.example';
    if (variable === 'SIGNING_KEY_SECRET_ID') return localArn.secret(localNames.signingKeySecret);
    if (variable === 'STAFF_SIGN_IN_URL') return 'https://desk.auth.us-east-1.amazoncognito.com';
    if (variable === 'STAFF_CLIENT_ID') return 'desk-client';
    if (variable === 'STAFF_TOKEN_ISSUER') return issuerStandIn;
    if (variable === 'STAFF_JWKS_URI') return `${awsEndpoint}/.well-known/jwks.json`;
    const workflow = /^(.+)_WORKFLOW_ARN$/.exec(variable)?.[1];
    if (workflow) return localArn.stateMachine(`${stackName}-${workflow.toLowerCase()}`);
    throw new Error(`No stand-in for the unresolved variable ${variable} of ${name}`);
  };
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : standIn(k)]),
  );
}

async function invoke(name: string, eventFile: string): Promise<Run> {
  const env: Record<string, string> = {
    ...environmentOf(name),
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bundle-test',
    AWS_SECRET_ACCESS_KEY: 'bundle-test',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL: awsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: awsEndpoint,
    AWS_ENDPOINT_URL_SFN: awsEndpoint,
    AWS_ENDPOINT_URL_SES: awsEndpoint,
    AWS_ENDPOINT_URL_SESV2: awsEndpoint,
    AWS_ENDPOINT_URL_S3: awsEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: awsEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: awsEndpoint,
    TZ: 'UTC',
  };
  const runner = path.join(repositoryRoot, 'test/infra/run-bundle.mjs');
  const { stdout, stderr } = await run(process.execPath, [runner, bundleOf(name), eventFile], {
    env,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const marker = stdout.lastIndexOf('@@outcome@@');
  if (marker < 0) throw new Error(`${name} printed no outcome:\n${stdout}\n${stderr}`);
  const outcome = JSON.parse(stdout.slice(marker + '@@outcome@@'.length).trim()) as Outcome;
  return { outcome, output: `${stdout}\n${stderr}` };
}

function fixture(file: string): string {
  return path.join(events, file);
}

/** A fixture with its body replaced (for bodies too big to keep in a file). */
function withBody(file: string, body: string): string {
  const event = JSON.parse(readFileSync(fixture(file), 'utf8'));
  const written = path.join(scratch, `${Math.random().toString(36).slice(2)}-${file}`);
  writeFileSync(written, JSON.stringify({ ...event, body, isBase64Encoded: false }));
  return written;
}

function expectLoaded({ outcome, output }: Run): void {
  if (outcome.kind === 'import-failed') {
    throw new Error(`The bundle does not load: ${outcome.error.name}: ${outcome.error.message}`);
  }
  expect(outcome.kind, 'the bundle exports a handler').not.toBe('no-handler');
  expect(output).not.toMatch(bundlingBreakage);
}

function answerOf(result: Run): HttpAnswer {
  expectLoaded(result);
  if (result.outcome.kind !== 'returned') {
    const { error } = result.outcome as { error: ErrorInfo };
    throw new Error(`An HTTP handler must answer, not throw: ${error.name}: ${error.message}`);
  }
  const answer = result.outcome.result as HttpAnswer;
  expect(answer.statusCode).toEqual(expect.any(Number));
  expect(answer.body ?? '').not.toMatch(internals);
  return answer;
}

/** An answer of 5xx is only fine when the cause is the unreachable AWS. */
function expectUnreachableAws(result: Run): void {
  expect(result.output, 'the failure is the refused AWS connection').toContain('ECONNREFUSED');
}

const issuerStandIn = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bundle';

const cases: { fn: string; title: string; check(): Promise<void> }[] = [
  {
    fn: 'lead-form',
    title: 'serves the form, or a clean 5xx when the signing key cannot be read',
    async check() {
      const result = await invoke('lead-form', fixture('get-lead-form.json'));
      const answer = answerOf(result);
      if (answer.statusCode === 200) expect(answer.body).toMatch(/<form/i);
      else {
        expect(answer.statusCode).toBeGreaterThanOrEqual(500);
        expectUnreachableAws(result);
      }
    },
  },
  {
    fn: 'submit-lead',
    title: 'refuses invalid JSON input with 400, naming the fields',
    async check() {
      const answer = answerOf(await invoke('submit-lead', fixture('post-lead-json-invalid.json')));
      expect(answer.statusCode).toBe(400);
      const fields = (JSON.parse(answer.body ?? '{}').errors as { field: string }[]).map(
        (e) => e.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['name', 'email']));
    },
  },
  {
    fn: 'submit-lead',
    title: 'refuses a body over 64 KB with 413',
    async check() {
      const body = JSON.stringify({ name: 'A', message: 'x'.repeat(70 * 1024) });
      const answer = answerOf(await invoke('submit-lead', withBody('post-lead-json.json', body)));
      expect(answer.statusCode).toBe(413);
    },
  },
  {
    fn: 'submit-lead',
    title: 'answers a valid lead with a clean 5xx when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('submit-lead', fixture('post-lead-json.json'));
      expect(answerOf(result).statusCode).toBeGreaterThanOrEqual(500);
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'submit-lead',
    title: 'handles a urlencoded form post (base64 body) without breaking',
    async check() {
      const result = await invoke('submit-lead', fixture('post-lead-form.json'));
      const answer = answerOf(result);
      // The fixture's form token is not signed by the stand-in key, or the key is unreachable.
      if (answer.statusCode >= 500) expectUnreachableAws(result);
      else expect(answer.statusCode).toBe(400);
    },
  },
  {
    fn: 'get-lead',
    title: 'refuses an anonymous caller',
    async check() {
      const result = await invoke('get-lead', fixture('get-lead.json'));
      const answer = answerOf(result);
      if (answer.statusCode >= 500) expectUnreachableAws(result);
      else expect([401, 403]).toContain(answer.statusCode);
    },
  },
  {
    fn: 'send-lead-acknowledgement',
    title: 'throws (for Step Functions to retry) when DynamoDB cannot be reached',
    async check() {
      const result = await invoke(
        'send-lead-acknowledgement',
        fixture('lead-intake-acknowledge.json'),
      );
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'qualify-lead',
    title: 'throws (for Step Functions to retry) when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('qualify-lead', fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'assign-lead',
    title: 'throws (for Step Functions to retry) when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('assign-lead', fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'tell-lead-agent',
    title: 'throws (for Step Functions to retry) when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('tell-lead-agent', fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'remind-first-contacts',
    title: 'throws when DynamoDB cannot be reached, given its scheduled time',
    async check() {
      const result = await invoke('remind-first-contacts', fixture('scheduled-outbox-retry.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'retry-outbox',
    title: 'throws when DynamoDB cannot be reached, given its scheduled time',
    async check() {
      const result = await invoke('retry-outbox', fixture('scheduled-outbox-retry.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'record-email-feedback',
    title: 'logs a transient bounce without AWS, throws on a permanent one when AWS is unreachable',
    async check() {
      const transient = await invoke('record-email-feedback', fixture('ses-bounce-transient.json'));
      expect(transient.outcome).toEqual({
        kind: 'returned',
        result: [{ kind: 'transient', addresses: ['ann.lee@example.com'] }],
      });
      const permanent = await invoke('record-email-feedback', fixture('ses-bounce-permanent.json'));
      expectLoaded(permanent);
      expect(permanent.outcome.kind).toBe('threw');
      expectUnreachableAws(permanent);
    },
  },
  {
    fn: 'record-email-feedback',
    title: 'refuses an event that is not an SNS event, naming the field',
    async check() {
      const result = await invoke('record-email-feedback', fixture('scheduled-outbox-retry.json'));
      expect(result.outcome).toMatchObject({
        kind: 'threw',
        error: { name: 'InvalidPayload', message: expect.stringContaining('Records') },
      });
    },
  },
  {
    fn: 'run-job-shard',
    title: 'refuses a payload that names no workflow step, naming the field',
    async check() {
      const result = await invoke('run-job-shard', fixture('scheduled-outbox-retry.json'));
      expect(result.outcome).toMatchObject({
        kind: 'threw',
        error: { name: 'InvalidPayload', message: expect.stringContaining('step') },
      });
    },
  },
  {
    fn: 'run-bank-statement-import',
    title: 'refuses a payload that names no import step, naming the field',
    async check() {
      const result = await invoke(
        'run-bank-statement-import',
        fixture('scheduled-outbox-retry.json'),
      );
      expect(result.outcome).toMatchObject({
        kind: 'threw',
        error: { name: 'InvalidPayload', message: expect.stringContaining('step') },
      });
    },
  },
  {
    fn: 'staff-authorizer',
    title: 'refuses a caller whose cookie holds no session',
    async check() {
      const result = await invoke('staff-authorizer', fixture('staff-authorizer.json'));
      expectLoaded(result);
      expect(result.outcome).toEqual({ kind: 'returned', result: { isAuthorized: false } });
    },
  },
  {
    fn: 'staff-session',
    title: 'sends a browser to the hosted sign-in with a PKCE challenge and a state cookie',
    async check() {
      const answer = answerOf(await invoke('staff-session', fixture('auth-sign-in.json')));
      expect(answer.statusCode).toBe(303);
      const location = new URL(answer.headers?.Location ?? '');
      expect(location.origin + location.pathname).toBe(
        'https://desk.auth.us-east-1.amazoncognito.com/oauth2/authorize',
      );
      expect(location.searchParams.get('code_challenge_method')).toBe('S256');
      expect(location.searchParams.get('client_id')).toBe('desk-client');
      const cookies = (answer as { cookies?: string[] }).cookies ?? [];
      expect(cookies.join()).toMatch(/desk_sign_in=.+HttpOnly/);
    },
  },
  {
    fn: 'staff-directory',
    title: 'refuses a request that did not pass the staff authorizer',
    async check() {
      const answer = answerOf(
        await invoke('staff-directory', fixture('list-staff-anonymous.json')),
      );
      expect(answer.statusCode).toBe(403);
    },
  },
  {
    fn: 'business-settings',
    title: 'answers a clean 5xx when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('business-settings', fixture('get-settings.json'));
      expect(answerOf(result).statusCode).toBeGreaterThanOrEqual(500);
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'record-payment',
    title: 'refuses a payment with bad fields with 400, naming them',
    async check() {
      const answer = answerOf(await invoke('record-payment', fixture('record-payment.json')));
      expect(answer.statusCode).toBe(400);
      const fields = (JSON.parse(answer.body ?? '{}').errors as { field: string }[]).map(
        (e) => e.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['date', 'method', 'reference']));
    },
  },
  ...(['request-lead-review', 'escalate-lead-review', 'reject-lead'] as const).map((fn) => ({
    fn,
    title: 'throws (for Step Functions to retry) when AWS cannot be reached',
    async check() {
      const result = await invoke(fn, fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  })),
  {
    fn: 'office-assets',
    title: 'serves the stylesheet',
    async check() {
      const answer = answerOf(await invoke('office-assets', fixture('office-stylesheet.json')));
      expect(answer.statusCode).toBe(200);
      expect(answer.headers?.['Content-Type']).toBe('text/css; charset=utf-8');
    },
  },
  {
    fn: 'issue-first-invoice',
    title: 'throws (for Step Functions to retry) when AWS cannot be reached',
    async check() {
      const result = await invoke('issue-first-invoice', fixture('issue-first-invoice.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'issue-first-invoice',
    title: 'refuses a payload that is not a contract’s billing, naming the field',
    async check() {
      const result = await invoke('issue-first-invoice', fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome).toMatchObject({
        kind: 'threw',
        error: { name: 'InvalidPayload', message: expect.stringContaining('billing') },
      });
    },
  },
  {
    fn: 'note-linked-enquiry',
    title: 'throws (for Step Functions to retry) when DynamoDB cannot be reached',
    async check() {
      const result = await invoke('note-linked-enquiry', fixture('lead-intake-acknowledge.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  },
  {
    fn: 'desk-home',
    title: 'sends a signed-out browser to the staff sign-in',
    async check() {
      const answer = answerOf(await invoke('desk-home', fixture('desk-home.json')));
      expect(answer.statusCode).toBe(303);
      expect(answer.headers?.Location).toBe('/auth/sign-in');
    },
  },
  ...(
    [
      'check-quote',
      'request-quote-approval',
      'escalate-quote-approval',
      'send-quote',
      'close-quote',
    ] as const
  ).map((fn) => ({
    fn,
    title: 'throws (for Step Functions to retry) when AWS cannot be reached',
    async check() {
      const result = await invoke(fn, fixture('quote-step.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  })),
  ...(['answer-quote', 'decide-quote-approval', 'renew-contract'] as const).map((fn) => ({
    fn,
    title: 'answers a forged link with the link page, or a clean 5xx without the key',
    async check() {
      const result = await invoke(fn, fixture(`${fn}.json`));
      const answer = answerOf(result);
      if (answer.statusCode >= 500) expectUnreachableAws(result);
      else {
        expect(answer.statusCode).toBe(400);
        expect(answer.body).toContain('This link is not valid');
      }
    },
  })),
  {
    fn: 'decide-lead-review',
    title: 'answers a forged review link with the link page, or a clean 5xx without the key',
    async check() {
      const result = await invoke('decide-lead-review', fixture('decide-lead-review.json'));
      const answer = answerOf(result);
      if (answer.statusCode >= 500) expectUnreachableAws(result);
      else {
        expect(answer.statusCode).toBe(400);
        expect(answer.body).toContain('This link is not valid');
      }
    },
  },
  ...(
    [
      'start-contract',
      'check-contract-documents',
      'request-contract-documents',
      'request-contract-approval',
      'escalate-contract-approval',
      'return-contract',
      'request-contract-signature',
      'activate-contract',
      'archive-signed-contract',
    ] as const
  ).map((fn) => ({
    fn,
    title: 'throws (for Step Functions to retry) when AWS cannot be reached',
    async check() {
      const result = await invoke(fn, fixture('contract-step.json'));
      expectLoaded(result);
      expect(result.outcome.kind).toBe('threw');
      expectUnreachableAws(result);
    },
  })),
  ...(
    ['contract-documents-link', 'contract-approval-link', 'contract-signature-link'] as const
  ).map((fn) => ({
    fn,
    title: 'answers a forged link with the link page, or a clean 5xx without the key',
    async check() {
      const result = await invoke(fn, fixture(`${fn}.json`));
      const answer = answerOf(result);
      if (answer.statusCode >= 500) expectUnreachableAws(result);
      else {
        expect(answer.statusCode).toBe(400);
        expect(answer.body).toContain('This link is not valid');
      }
    },
  })),
  ...(
    [
      'office-dashboard',
      'office-leads',
      'office-lead-review',
      'office-quotes',
      'office-staff',
      'office-settings',
      'office-invoices',
      'office-outbox',
      'office-job-items',
      'office-api-keys',
      'office-contracts',
      'office-accounts',
      'office-payments',
      'office-payment-import',
      'office-write-offs',
      'office-credit-notes',
      'office-statements',
      'office-charges',
    ] as const
  ).map((fn) => ({
    fn,
    title: 'answers a clean 5xx page when the signing key and the table cannot be reached',
    async check() {
      const result = await invoke(fn, fixture(`${fn}.json`));
      const answer = answerOf(result);
      expect(answer.statusCode).toBeGreaterThanOrEqual(500);
      expect(answer.body).toContain('Something went wrong');
      expectUnreachableAws(result);
    },
  })),
];

describe('Lambda bundles from `cdk synth`', () => {
  it('cover every declared function', () => {
    const covered = new Set(cases.map((c) => c.fn));
    expect(manifest.functions.map((f) => f.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it('are ES modules with source maps', () => {
    for (const fn of manifest.functions) {
      const dir = bundleOf(fn.name);
      expect(readFileSync(path.join(dir, 'index.mjs'), 'utf8').length).toBeGreaterThan(0);
      expect(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')).toContain('"mappings"');
    }
  });

  it('carry the PDF fonts next to the handler when declared with bundlesFonts', () => {
    const withFonts = manifest.functions.filter((fn) => fn.bundlesFonts);
    expect(withFonts.map((fn) => fn.name)).toContain('issue-first-invoice');
    for (const fn of withFonts) {
      for (const { file } of Object.values(fontFiles)) {
        const font = readFileSync(path.join(bundleOf(fn.name), 'fonts', file));
        // TrueType files start with the sfnt version 0x00010000.
        expect(font.subarray(0, 4).toString('hex'), `${fn.name}: fonts/${file}`).toBe('00010000');
      }
    }
    const without = manifest.functions.find((fn) => !fn.bundlesFonts);
    if (without) expect(existsSync(path.join(bundleOf(without.name), 'fonts'))).toBe(false);
  });

  for (const c of cases) it(`${c.fn} ${c.title}`, () => c.check(), 90_000);
});
