import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nestedTemplateFiles, type StackTemplate } from '../support/nested-templates';
import { synthesizeOnce } from '../support/synth';

const run = promisify(execFile);

/**
 * Warnings accepted, each for a reason; errors are never accepted.
 * - W3005: CDK's Lambda function declares `DependsOn` its role as well as reading the role's ARN
 *   (and likewise for some roles' default policies); the extra ordering is redundant, not wrong.
 * - W3045: CDK lets S3 deliver server access logs to the access logs bucket through the
 *   `LogDeliveryWrite` ACL. Moving that to a bucket policy changes how the retained logs bucket
 *   is written to: its own change, not part of splitting the stack.
 */
const acceptedWarnings = ['W3005', 'W3045'];

/** cfn-lint's version, or undefined when it is not installed. */
async function cfnLintVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('cfn-lint', ['--version']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

describe('cfn-lint', () => {
  it('finds nothing in the root template or any nested one', async (context) => {
    const version = await cfnLintVersion();
    if (!version) {
      // CI must lint; a laptop without cfn-lint (a Python tool) is told and goes on.
      if (process.env.CI === 'true') throw new Error('cfn-lint is not installed: CI must run it');
      console.warn('cfn-lint is not installed (pip install cfn-lint): skipping the template lint');
      context.skip();
    }
    const { dir, stackName } = await synthesizeOnce();
    const rootFile = `${stackName}.template.json`;
    const root = JSON.parse(readFileSync(join(dir, rootFile), 'utf8')) as StackTemplate;
    const files = [rootFile, ...nestedTemplateFiles(root)].map((f) => join(dir, f));
    expect(files.length).toBeGreaterThan(1);
    let output: string;
    try {
      const args = [
        '--format',
        'parseable',
        '--ignore-checks',
        ...acceptedWarnings,
        '--',
        ...files,
      ];
      ({ stdout: output } = await run('cfn-lint', args, { maxBuffer: 16 * 1024 * 1024 }));
    } catch (error) {
      // cfn-lint exits non-zero when it finds something: the findings are on stdout.
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      output = `${stdout ?? ''}${stderr ?? ''}`;
    }
    expect(output.trim(), `cfn-lint ${version}`).toBe('');
  });
});
