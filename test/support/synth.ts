import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './local-cloud-process';
import { flattenNested, type StackTemplate } from './nested-templates';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

let synthesized: Promise<{ dir: string; stackName: string; template: CfnTemplate }> | undefined;

/**
 * The app synthesized with the real CDK CLI into a temporary folder, once per test process.
 * `DESK_SYNTH_DIR` reuses an existing `cdk.out` (e.g. from `npm run synth`) instead.
 */
export function synthesizeOnce() {
  synthesized ??= (async () => {
    const stackName = String(
      JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')).context?.stackName ??
        'CustomerDesk',
    );
    let dir = process.env.DESK_SYNTH_DIR;
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'desk-synth-'));
      const cleanup = dir;
      process.once('exit', () => rmSync(cleanup, { recursive: true, force: true }));
      await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '-o', dir], {
        cwd: repositoryRoot,
        maxBuffer: 64 * 1024 * 1024,
      });
    }
    const file = join(dir, `${stackName}.template.json`);
    if (!existsSync(file)) throw new Error(`cdk synth wrote no ${file}`);
    // The root stack and its concern stacks as one template, references between them resolved.
    const read = (name: string) =>
      JSON.parse(readFileSync(join(dir, name), 'utf8')) as StackTemplate;
    const template = flattenNested(read(`${stackName}.template.json`), read) as CfnTemplate;
    return { dir, stackName, template };
  })();
  return synthesized;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/**
 * The declared name of the function a `Fn::GetAtt [id, Arn]` points at. Every function's
 * environment carries it as POWERTOOLS_SERVICE_NAME (see infra/environment.ts).
 */
export function functionNameOf(template: CfnTemplate, reference: unknown): string {
  const getAtt = (reference as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt'];
  if (!getAtt) throw new Error(`Not a Fn::GetAtt: ${JSON.stringify(reference)}`);
  const resource = template.Resources[getAtt[0]];
  const variables = (resource?.Properties?.Environment as { Variables?: Record<string, unknown> })
    ?.Variables;
  const name = variables?.POWERTOOLS_SERVICE_NAME;
  if (resource?.Type !== 'AWS::Lambda::Function' || typeof name !== 'string') {
    throw new Error(`${getAtt[0]} is not one of the declared functions`);
  }
  return name;
}

/**
 * What a schedule's target ARN names, as the local console does: a function's name, or
 * `workflow:<name>` for a state machine (`Ref`, named `<stack>-<workflow>`).
 */
export function scheduleTargetOf(template: CfnTemplate, reference: unknown): string {
  const ref = (reference as { Ref?: string })?.Ref;
  if (!ref) return functionNameOf(template, reference);
  const resource = template.Resources[ref];
  const name = resource?.Properties?.StateMachineName;
  if (resource?.Type !== 'AWS::StepFunctions::StateMachine' || typeof name !== 'string') {
    throw new Error(`${ref} is not one of the declared workflows`);
  }
  return `workflow:${name.slice(name.indexOf('-') + 1)}`;
}

/** A CloudFormation string that may be an `Fn::Join` of plain strings. */
export function plainString(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (join?.[1].every((part) => typeof part === 'string')) return join[1].join(join[0]);
  throw new Error(`Not a plain string: ${JSON.stringify(value).slice(0, 200)}`);
}

interface AssetManifest {
  files: Record<
    string,
    { source: { path: string }; destinations: Record<string, { objectKey: string }> }
  >;
}

/**
 * A state machine's definition as deployed: inline (`DefinitionString`) or, as
 * `DefinitionBody.fromFile` does it, a file asset uploaded to S3 (`DefinitionS3Location`) that
 * the asset manifest maps back to its file in the cloud assembly.
 */
export function stateMachineDefinition(
  dir: string,
  stackName: string,
  machine: CfnResource,
): string {
  const properties = machine.Properties ?? {};
  if (properties.DefinitionString !== undefined) return plainString(properties.DefinitionString);
  const key = (properties.DefinitionS3Location as { Key?: unknown } | undefined)?.Key;
  const assets = JSON.parse(
    readFileSync(join(dir, `${stackName}.assets.json`), 'utf8'),
  ) as AssetManifest;
  for (const asset of Object.values(assets.files)) {
    if (Object.values(asset.destinations).some((d) => d.objectKey === key)) {
      return readFileSync(join(dir, asset.source.path), 'utf8');
    }
  }
  throw new Error(`No definition found for the state machine (S3 key ${String(key)})`);
}
