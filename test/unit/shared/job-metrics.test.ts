import { afterEach, describe, expect, it, vi } from 'vitest';
import { countFailedItem } from '../../../functions/shared/jobs/job-metrics';

afterEach(() => vi.restoreAllMocks());

describe('job metrics', () => {
  it('write one JobItemFailed at once, by job and for every job, as CloudWatch reads it', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    countFailedItem('billing');
    const written = lines.map((l) => JSON.parse(l)).find((l) => l._aws);
    expect(written).toMatchObject({
      service: 'daily-jobs',
      job: 'billing',
      JobItemFailed: 1,
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'CustomerDesk',
            Dimensions: [['service', 'job'], ['service']],
            Metrics: [{ Name: 'JobItemFailed', Unit: 'Count' }],
          },
        ],
      },
    });
  });
});
