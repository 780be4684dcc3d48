import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { scheduleTargetName } from '../declare';
import type { ScheduleDeclaration } from '../manifest';
import type { Clock } from './clock';
import type { LambdaInvoker, LambdaOutcome } from './functions/runtime';
import { parseScheduleExpression, type ScheduleExpression } from './schedule-expression';
import { nextFireTime } from './schedule-fire-times';

export interface SchedulerOptions {
  schedules: readonly ScheduleDeclaration[];
  timeZone: string;
  clock: Clock;
  invoke: LambdaInvoker;
  functionArn: (name: string) => string;
  /** Starts a workflow on the local Step Functions service; answers the execution's ARN. */
  startWorkflow: (workflow: string, input: object) => Promise<string>;
  /** Schedules that fire only when run by hand (`run`), never by the clock. */
  held?: readonly string[];
  /** Where the last fire of each schedule is kept, so a restart does not fire again. */
  stateFile: string;
  tickMs?: number;
  log: (line: string) => void;
}

export interface ScheduleStatus {
  name: string;
  expression: string;
  timeZone: string;
  target: string;
  nextFireTime: string | null;
  lastFireTime: string | null;
  /** Fires only when run by hand. */
  held: boolean;
}

export interface Scheduler {
  list(): ScheduleStatus[];
  /** Fires a schedule now (its target gets the clock's current time). */
  run(name: string): Promise<LambdaOutcome>;
  /** Checks for due fires at once, e.g. after the clock moved. */
  poke(): void;
  stop(): Promise<void>;
}

interface ScheduleState {
  /** When the schedule was first seen; rates count from here, as without a StartDate on AWS. */
  startTime: string;
  lastFireTime?: string;
}

/** EventBridge Scheduler's time format for `<aws.scheduler.scheduled-time>`. */
const scheduledTime = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Fires each declared schedule by the local clock, in the company time zone. After downtime (or a
 * clock jump) the missed fires are fired once, as the latest of them, like a scheduler catching up.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const parsed = new Map<string, ScheduleExpression>(
    options.schedules.map((s) => [s.name, parseScheduleExpression(s.expression)]),
  );
  const state = loadState(options.stateFile);
  const now = options.clock.now().toISOString();
  for (const schedule of options.schedules) {
    // A new schedule counts from now: nothing before its creation is owed.
    state[schedule.name] ??= { startTime: now };
  }
  saveState(options.stateFile, state);

  const running = new Set<Promise<unknown>>();
  let ticking = false;
  let stopped = false;

  const fire = (schedule: ScheduleDeclaration, time: Date) => {
    const payload = { scheduledTime: scheduledTime(time) };
    const { target } = schedule;
    options.log(
      `scheduler: ${schedule.name} fires ${scheduleTargetName(target)} for ${payload.scheduledTime}`,
    );
    const started: Promise<LambdaOutcome> =
      'function' in target
        ? options.invoke(options.functionArn(target.function), payload)
        : options.startWorkflow(target.workflow, { ...target.input, ...payload }).then(
            (executionArn): LambdaOutcome => ({ kind: 'returned', payload: { executionArn } }),
            (error: Error): LambdaOutcome => ({
              kind: 'failed',
              errorType: error.name,
              errorMessage: error.message,
            }),
          );
    const invocation = started.then((outcome) => {
      if (outcome.kind === 'failed') {
        options.log(
          `scheduler: ${schedule.name} failed: ${outcome.errorType}: ${outcome.errorMessage}`,
        );
      }
      return outcome;
    });
    running.add(invocation);
    void invocation.finally(() => running.delete(invocation));
    return invocation;
  };

  const tick = () => {
    if (ticking || stopped) return;
    ticking = true;
    try {
      const current = options.clock.now();
      for (const schedule of options.schedules) {
        if (options.held?.includes(schedule.name)) continue;
        const entry = state[schedule.name] as ScheduleState;
        const due = latestDueFire(
          parsed.get(schedule.name) as ScheduleExpression,
          entry,
          current,
          options.timeZone,
        );
        if (!due) continue;
        // Recorded before the call: a crash mid-call does not fire again (jobs are idempotent anyway).
        entry.lastFireTime = due.toISOString();
        saveState(options.stateFile, state);
        void fire(schedule, due);
      }
    } catch (error) {
      options.log(`scheduler: ${(error as Error).stack ?? error}`);
    } finally {
      ticking = false;
    }
  };

  const timer = setInterval(tick, options.tickMs ?? 1000);
  tick();

  return {
    list: () =>
      options.schedules.map((schedule) => {
        const entry = state[schedule.name] as ScheduleState;
        const expression = parsed.get(schedule.name) as ScheduleExpression;
        const after = new Date(entry.lastFireTime ?? entry.startTime);
        const next = nextFireTime(expression, after, options.timeZone, new Date(entry.startTime));
        return {
          name: schedule.name,
          expression: schedule.expression,
          timeZone: options.timeZone,
          target: scheduleTargetName(schedule.target),
          nextFireTime: next ? next.toISOString() : null,
          lastFireTime: entry.lastFireTime ?? null,
          held: options.held?.includes(schedule.name) ?? false,
        };
      }),
    run: async (name) => {
      const schedule = options.schedules.find((s) => s.name === name);
      if (!schedule) throw new Error(`No schedule named ${name}`);
      return fire(schedule, options.clock.now());
    },
    poke: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}

/** The latest fire in (last fire, now], or undefined when none is due. */
function latestDueFire(
  expression: ScheduleExpression,
  entry: ScheduleState,
  now: Date,
  timeZone: string,
): Date | undefined {
  const start = new Date(entry.startTime);
  const last = new Date(entry.lastFireTime ?? entry.startTime);
  const first = nextFireTime(expression, last, timeZone, start);
  if (!first || first > now) return undefined;
  // Look back a little first, so a clock moved by a year does not walk every fire in between.
  const hour = 3_600_000;
  let cursor = first;
  for (const lookBack of [hour, 24 * hour, 32 * 24 * hour, 367 * 24 * hour]) {
    const from = new Date(Math.max(now.getTime() - lookBack, last.getTime()));
    const candidate = nextFireTime(expression, from, timeZone, start);
    if (candidate && candidate <= now) {
      cursor = candidate;
      break;
    }
  }
  for (;;) {
    const next = nextFireTime(expression, cursor, timeZone, start);
    if (!next || next > now) return cursor;
    cursor = next;
  }
}

function loadState(file: string): Record<string, ScheduleState> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8'));
}

function saveState(file: string, state: Record<string, ScheduleState>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}
