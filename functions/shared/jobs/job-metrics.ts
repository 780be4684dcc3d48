import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { jobMetricNames } from './job-metric-names';

/**
 * The daily jobs' figures on AWS, as CloudWatch embedded-metric log lines (no API call, nothing
 * to wait for): `JobItemFailed`, one per failed item, by job and in total for every job. The
 * stack's alarm watches the total; the back office lists the items themselves.
 */
const metrics = new Metrics({
  namespace: jobMetricNames.namespace,
  serviceName: jobMetricNames.service,
});

/** Counts one failed item of `job`, written out at once (a run may be killed before its end). */
export function countFailedItem(job: string): void {
  const single = metrics.singleMetric();
  // Two dimension sets: {service, job} for the job's own figure, {service} for every job's.
  single.addDimensions({ job });
  single.addDimensions({});
  single.addMetric(jobMetricNames.itemFailed, MetricUnit.Count, 1);
}
