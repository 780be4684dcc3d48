import {
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localArn } from '../../../infra/local/names';
import { sfnClient } from '../../support/local-cloud-clients';
import {
  type CfnTemplate,
  functionNameOf,
  resourcesOfType,
  scheduleTargetOf,
  stateMachineDefinition,
  synthesizeOnce,
} from '../../support/synth';

/**
 * What `cdk synth` really puts in the template against what the running local cloud really
 * serves: a route, workflow or schedule in one and not the other fails here.
 */
describe('the local cloud serves what the CDK app deploys', () => {
  const cloud = inject('localCloud');
  let template: CfnTemplate;
  let stackName: string;
  let synthDir: string;
  let sfn: SFNClient;

  beforeAll(async () => {
    ({ template, stackName, dir: synthDir } = await synthesizeOnce());
    sfn = sfnClient(cloud);
  }, 300_000);
  afterAll(() => sfn?.destroy());

  it('has the same HTTP routes, with the same access', async () => {
    const deployed = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => ({
      routeKey: String(route.Properties?.RouteKey),
      guarded:
        route.Properties?.AuthorizationType !== undefined &&
        route.Properties.AuthorizationType !== 'NONE',
    }));
    const served = (await (await fetch(`${cloud.consoleUrl}/routes`)).json()) as {
      routeKey: string;
      access: string;
    }[];
    const byKey = (a: { routeKey: string }, b: { routeKey: string }) =>
      a.routeKey.localeCompare(b.routeKey);
    expect(served.map((r) => r.routeKey).sort()).toEqual(deployed.map((r) => r.routeKey).sort());
    // A route guarded by an authorizer on AWS is a staff route locally, and the other way round.
    expect(
      served.map((r) => ({ routeKey: r.routeKey, guarded: r.access === 'staff' })).sort(byKey),
    ).toEqual([...deployed].sort(byKey));
  });

  it('has the same state machines with the same definitions', async () => {
    const deployed = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(
      ([, machine]) => {
        const name = String(machine.Properties?.StateMachineName).replace(`${stackName}-`, '');
        let definition = stateMachineDefinition(synthDir, stackName, machine);
        const substitutions = (machine.Properties?.DefinitionSubstitutions ?? {}) as Record<
          string,
          unknown
        >;
        for (const [key, reference] of Object.entries(substitutions)) {
          definition = definition.replaceAll(
            `\${${key}}`,
            localArn.function(functionNameOf(template, reference)),
          );
        }
        return { name, definition: JSON.parse(definition) as unknown };
      },
    );
    expect(deployed.length).toBeGreaterThan(0);

    // Other tests on this shared local cloud create machines of their own: compare the desk's.
    const deployedNames = new Set(deployed.map((machine) => machine.name));
    const listed = ((await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).filter(
      (machine) => deployedNames.has(String(machine.name)),
    );
    const served = await Promise.all(
      listed.map(async (machine) => {
        const described = await sfn.send(
          new DescribeStateMachineCommand({ stateMachineArn: machine.stateMachineArn }),
        );
        return {
          name: String(described.name),
          definition: JSON.parse(String(described.definition)) as unknown,
        };
      }),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(served.sort(byName)).toEqual(deployed.sort(byName));
  });

  it('has the same schedules, in the same time zone, firing the same functions and workflows', async () => {
    const deployed = resourcesOfType(template, 'AWS::Scheduler::Schedule').map(([, schedule]) => ({
      expression: String(schedule.Properties?.ScheduleExpression),
      timeZone: String(schedule.Properties?.ScheduleExpressionTimezone ?? 'UTC'),
      target: scheduleTargetOf(
        template,
        (schedule.Properties?.Target as { Arn?: unknown } | undefined)?.Arn,
      ),
    }));
    expect(deployed.length).toBeGreaterThan(0);
    const served = (
      (await (await fetch(`${cloud.consoleUrl}/schedules`)).json()) as {
        expression: string;
        timeZone: string;
        target: string;
        nextFireTime: string | null;
      }[]
    ).map(({ expression, timeZone, target }) => ({ expression, timeZone, target }));
    const key = (s: { expression: string; target: string }) => `${s.target} ${s.expression}`;
    const byKey = (a: (typeof served)[number], b: (typeof served)[number]) =>
      key(a).localeCompare(key(b));
    expect(served.sort(byKey)).toEqual(deployed.sort(byKey));
  });
});
