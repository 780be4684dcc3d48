import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest';
import { buildDesk } from './desk-app';

/**
 * cdk-nag 3 is a CDK policy-validation plugin: findings do not become annotations
 * (`Annotations.fromStack(...).findError(...)` is always empty), they stop `app.synth()`.
 * So the checks are run directly, and synth is shown to stop on a finding.
 */

function findings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(scope);
  return report.violations.map(
    (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`,
  );
}

/** Every acknowledged finding in the tree: where, which, and why. */
function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it('find nothing unacknowledged in the desk', () => {
    const { app } = buildDesk({}, { nagChecks: false });
    // After synth, as `cdk synth` checks it: a nested stack then reads the root stack's
    // resources through parameters, and the findings name those.
    app.synth();
    expect(findings(app)).toEqual([]);
  });

  it('are wired into synth, which passes for the desk', () => {
    const { app } = buildDesk();
    expect(() => app.synth()).not.toThrow();
  });

  it('stop synth on a finding nobody acknowledged', () => {
    const { app, stack } = buildDesk();
    new iam.Role(stack, 'Careless', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
  });

  it('are acknowledged only where there is a specific reason', () => {
    const { app } = buildDesk({}, { nagChecks: false });
    // aws-cdk-lib acknowledges some CloudFormation-Validate rules itself; these are ours.
    const acks = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-'));
    expect(acks.length).toBeGreaterThan(0);
    const publicRoutes = manifest.routes.filter((r) => r.access.kind !== 'staff');
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
      if (ack.id === 'AwsSolutions-APIG4') {
        // Only routes open by design; a staff route must never be let through.
        const key = ack.path.split('/').at(-1)?.replaceAll('--', '/').replace('/', ' /');
        expect(publicRoutes.map((r) => `${r.method} ${r.path}`)).toContain(key);
      } else if (ack.id === 'AwsSolutions-COG2') {
        // MFA optional (TOTP) for staff, by decision; nothing else about sign-in is waived.
        expect(ack.path).toMatch(/\/StaffSignIn\/UserPool$/);
      } else if (ack.id === 'AwsSolutions-SMG4') {
        expect(ack.path).toMatch(/\/Data\/SigningKey$/);
      } else if (ack.id === 'AwsSolutions-IAM5[Resource::*]') {
        // Log delivery and X-Ray of a state machine: APIs without resource-level permissions.
        expect(ack.path).toMatch(/\/Workflows\/[^/]+$/);
      } else {
        // Wildcards only on index ARNs, object keys, or function versions; in a nested stack the
        // ARN is the parameter CDK passes it in (`referenceto<resource>Arn`).
        expect(ack.id).toMatch(
          /^AwsSolutions-IAM5\[Resource::<(\w+\.Arn|referenceto\w+Arn)>(\/index\/\*|\/\*|:\*)\]$/,
        );
      }
    }
    expect(acks.some((a) => a.id.includes('IAM4'))).toBe(false);
  });
});
