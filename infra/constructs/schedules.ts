import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ScheduleDeclaration, WorkflowName } from '../manifest';
import { acknowledge, nagArn } from './nag';

export interface SchedulesProps {
  declarations: readonly ScheduleDeclaration[];
  /** Where a schedule is built: its function's concern stack, or undefined for this construct. */
  scopeOf(declaration: ScheduleDeclaration): Construct | undefined;
  companyTimeZone: string;
  functionNamed(name: string): lambda.IFunction;
  workflowNamed(name: WorkflowName): sfn.IStateMachine;
}

/**
 * One EventBridge Scheduler schedule per declared schedule, on the company's clock. Every job
 * receives `{ scheduledTime }` (ISO-8601), the same input the local scheduler sends; a workflow
 * target gets its declared input with it.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    for (const declaration of props.declarations) {
      const { target: declared } = declaration;
      const scope = props.scopeOf(declaration) ?? this;
      const role = new iam.Role(scope, `${declaration.name} role`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
        description: `Lets the ${declaration.name} schedule start its job`,
      });
      const timing = {
        role,
        // Jobs are idempotent, so retrying a failed start is safe; after an hour, let it go.
        maxEventAge: Duration.hours(1),
        retryAttempts: 5,
      };
      let target: scheduler.IScheduleTarget;
      if ('function' in declared) {
        const fn = props.functionNamed(declared.function);
        target = new LambdaInvoke(fn, {
          ...timing,
          input: scheduler.ScheduleTargetInput.fromObject({
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
        });
        acknowledge(
          role,
          `AwsSolutions-IAM5[Resource::${nagArn(fn, role)}:*]`,
          'Invokes versions and aliases of its own job function, nothing else.',
        );
      } else {
        target = new StepFunctionsStartExecution(props.workflowNamed(declared.workflow), {
          ...timing,
          input: scheduler.ScheduleTargetInput.fromObject({
            ...declared.input,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
        });
      }
      new scheduler.Schedule(scope, declaration.name, {
        description: declaration.description,
        schedule: scheduler.ScheduleExpression.expression(
          declaration.expression,
          TimeZone.of(props.companyTimeZone),
        ),
        timeWindow: scheduler.TimeWindow.off(),
        target,
      });
    }
  }
}
