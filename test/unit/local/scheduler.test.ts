import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../infra/local/clock';
import type { LambdaInvoker } from '../../../infra/local/functions/runtime';
import { type Scheduler, startScheduler } from '../../../infra/local/scheduler';
import type { ScheduleDeclaration } from '../../../infra/manifest';

const outboxRetry: ScheduleDeclaration = {
  name: 'outbox-retry',
  description: 'every 10 minutes',
  expression: 'cron(0/10 * * * ? *)',
  timeZone: 'company',
  target: { function: 'retry-outbox' },
};

function fakeClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    offset: () => 0,
    set: (iso) => {
      now = new Date(iso).getTime();
    },
  };
}

describe('the local scheduler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-scheduler-'));
  const stateFile = join(dir, 'scheduler.json');
  const calls: { arn: string; payload: unknown }[] = [];
  const invoke: LambdaInvoker = async (arn, payload) => {
    calls.push({ arn, payload });
    return { kind: 'returned', payload: null };
  };
  const running: Scheduler[] = [];
  const start = (clock: Clock) => {
    const scheduler = startScheduler({
      schedules: [outboxRetry],
      timeZone: 'Europe/Athens',
      clock,
      invoke,
      functionArn: (name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      startWorkflow: async (workflow, input) => {
        calls.push({ arn: `workflow:${workflow}`, payload: input });
        return `arn:aws:states:us-east-1:000000000000:execution:${workflow}:1`;
      },
      stateFile,
      tickMs: 60_000,
      log: () => {},
    });
    running.push(scheduler);
    return scheduler;
  };
  const stopAll = async () => {
    for (const scheduler of running.splice(0)) await scheduler.stop();
  };
  afterEach(async () => {
    await stopAll();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fires by the clock, with the fire time as scheduledTime, once per fire', async () => {
    rmSync(stateFile, { force: true });
    calls.length = 0;
    const clock = fakeClock('2026-05-04T10:03:00Z');
    const scheduler = start(clock);
    expect(calls).toEqual([]);
    expect(scheduler.list()[0]).toMatchObject({
      name: 'outbox-retry',
      expression: 'cron(0/10 * * * ? *)',
      timeZone: 'Europe/Athens',
      target: 'retry-outbox',
      nextFireTime: '2026-05-04T10:10:00.000Z',
    });

    clock.set('2026-05-04T10:10:01Z');
    scheduler.poke();
    scheduler.poke();
    await stopAll();
    expect(calls).toEqual([
      {
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:retry-outbox',
        payload: { scheduledTime: '2026-05-04T10:10:00Z' },
      },
    ]);
  });

  it('does not fire again after a restart, and fires a missed run once at start', async () => {
    // Continues from the state the previous test left: last fire 10:10.
    calls.length = 0;
    const clock = fakeClock('2026-05-04T10:15:00Z');
    start(clock);
    await stopAll();
    expect(calls).toEqual([]);

    // Down from 10:15 to 11:02: six fires were missed; the latest one runs, once.
    clock.set('2026-05-04T11:02:00Z');
    const scheduler = start(clock);
    scheduler.poke();
    await stopAll();
    expect(calls.map((c) => c.payload)).toEqual([{ scheduledTime: '2026-05-04T11:00:00Z' }]);
  });

  it('fires on demand without moving the schedule', async () => {
    calls.length = 0;
    const clock = fakeClock('2026-05-04T11:05:00Z');
    const scheduler = start(clock);
    expect(await scheduler.run('outbox-retry')).toEqual({ kind: 'returned', payload: null });
    expect(calls.map((c) => c.payload)).toEqual([{ scheduledTime: '2026-05-04T11:05:00Z' }]);
    expect(scheduler.list()[0]?.nextFireTime).toBe('2026-05-04T11:10:00.000Z');
  });

  it('starts a workflow target with its input and the scheduled time', async () => {
    calls.length = 0;
    const arrears: ScheduleDeclaration = {
      name: 'arrears',
      description: 'daily',
      expression: 'cron(0 7 * * ? *)',
      timeZone: 'company',
      target: { workflow: 'daily-job', input: { job: 'arrears' } },
    };
    const clock = fakeClock('2026-05-04T05:30:00Z');
    const scheduler = startScheduler({
      schedules: [arrears],
      timeZone: 'Europe/Athens',
      clock,
      invoke,
      functionArn: (name) => name,
      startWorkflow: async (workflow, input) => {
        calls.push({ arn: `workflow:${workflow}`, payload: input });
        return 'execution-1';
      },
      stateFile: join(dir, 'workflow-scheduler.json'),
      tickMs: 60_000,
      log: () => {},
    });
    running.push(scheduler);
    // 07:00 in Athens (UTC+3 in May) is 04:00 UTC: the next fire is tomorrow's.
    clock.set('2026-05-05T04:00:30Z');
    scheduler.poke();
    await stopAll();
    expect(calls).toEqual([
      {
        arn: 'workflow:daily-job',
        payload: { job: 'arrears', scheduledTime: '2026-05-05T04:00:00Z' },
      },
    ]);
    expect(scheduler.list()[0]?.target).toBe('workflow:daily-job');
  });

  it('never fires a held schedule by the clock, only when run by hand', async () => {
    calls.length = 0;
    const clock = fakeClock('2026-05-04T11:05:00Z');
    const scheduler = startScheduler({
      schedules: [outboxRetry],
      timeZone: 'Europe/Athens',
      clock,
      invoke,
      functionArn: (name) => name,
      startWorkflow: async () => 'execution',
      held: ['outbox-retry'],
      stateFile: join(dir, 'held-scheduler.json'),
      tickMs: 60_000,
      log: () => {},
    });
    running.push(scheduler);
    clock.set('2026-05-04T13:05:00Z');
    scheduler.poke();
    expect(calls).toEqual([]);
    expect(scheduler.list()[0]?.held).toBe(true);
    await scheduler.run('outbox-retry');
    await stopAll();
    expect(calls.map((c) => c.payload)).toEqual([{ scheduledTime: '2026-05-04T13:05:00Z' }]);
  });
});
