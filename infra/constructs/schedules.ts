import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { ScheduleDeclaration } from '../manifest';
import { acknowledge, nagArn } from './nag';

export interface SchedulesProps {
  declarations: readonly ScheduleDeclaration[];
  companyTimeZone: string;
  functionNamed(name: string): lambda.IFunction;
}

/**
 * One EventBridge Scheduler schedule per declared schedule, on the company's clock. Every job
 * receives `{ scheduledTime }` (ISO-8601), the same input the local scheduler sends.
 */
export class Schedules extends Construct {
  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    for (const declaration of props.declarations) {
      const fn = props.functionNamed(declaration.target.function);
      const role = new iam.Role(this, `${declaration.name} role`, {
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
        description: `Lets the ${declaration.name} schedule invoke its job`,
      });
      const target = new LambdaInvoke(fn, {
        role,
        input: scheduler.ScheduleTargetInput.fromObject({
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        // Jobs are idempotent, so retrying a failed run is safe; after an hour, let it go.
        maxEventAge: Duration.hours(1),
        retryAttempts: 5,
      });
      new scheduler.Schedule(this, declaration.name, {
        description: declaration.description,
        schedule: scheduler.ScheduleExpression.expression(
          declaration.expression,
          TimeZone.of(props.companyTimeZone),
        ),
        timeWindow: scheduler.TimeWindow.off(),
        target,
      });
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${nagArn(fn)}:*]`,
        'Invokes versions and aliases of its own job function, nothing else.',
      );
    }
  }
}
