import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { jobMetricNames } from '../../functions/shared/jobs/job-metric-names';

/**
 * An alarm when any daily job's item fails (`JobItemFailed`, which the job functions write as
 * embedded metrics): the run went on without it, and a person should look at the failed items
 * page. The metric also has a `job` dimension for the figure of each job.
 */
export class JobAlarms extends Construct {
  readonly itemFailed: cloudwatch.Alarm;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const failed = new cloudwatch.Metric({
      namespace: jobMetricNames.namespace,
      metricName: jobMetricNames.itemFailed,
      dimensionsMap: { service: jobMetricNames.service },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
    this.itemFailed = failed.createAlarm(this, 'ItemFailed', {
      alarmDescription:
        'A daily job item failed (billing, arrears, renewals, statements or first contacts). ' +
        'Managers and finance see it, with its reason, at /office/job-items: retry or dismiss it.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
