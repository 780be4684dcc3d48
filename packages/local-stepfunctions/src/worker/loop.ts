import type { ArnScope } from '../arns';
import type { Clock } from '../clock';
import type { LambdaInvoker } from '../lambda';
import type { ExecutionStore } from '../store/executions';
import { timeoutSortKey } from '../store/keys';
import type { WorkItem, WorkStore } from '../store/work';
import { ClockWaits } from './clock-waits';
import { runExecution } from './run-execution';
import { timeOutExecution } from './time-out';

export interface WorkLoopOptions {
  executions: ExecutionStore;
  work: WorkStore;
  arns: ArnScope;
  clock: Clock;
  invokeLambda: LambdaInvoker;
  /** Test hook: real milliseconds to wait before each Lambda call (0 = none). */
  taskDelayMs: number;
  owner: string;
  pollIntervalMs: number;
  log: (line: string) => void;
  /** Executions progressing at once. */
  maxInFlight?: number;
}

/** After an unexpected error (not a state machine error) an execution waits this long. */
const backOffAfterFaultMs = 5_000;

/**
 * The one loop: reads what is due by the service's clock (oldest first), leases it and moves
 * each execution on, many executions at once but each strictly one step after the other.
 */
export class WorkLoop {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly waits: ClockWaits;
  private readonly maxInFlight: number;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private isStopped = false;
  private signalStop: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => {
    this.signalStop = resolve;
  });

  constructor(private readonly options: WorkLoopOptions) {
    this.waits = new ClockWaits(options.clock);
    this.maxInFlight = options.maxInFlight ?? 16;
  }

  async start(): Promise<void> {
    const released = await this.options.work.releaseAbandoned(this.options.owner);
    if (released > 0) this.options.log(`Resuming ${released} step(s) of a previous run`);
    this.poke();
  }

  /** Polls now (and again right after, if a poll is under way). */
  poke(): void {
    if (this.isStopped) return;
    this.waits.check();
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (this.isStopped) return;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.poke();
      } else {
        this.timer = setTimeout(() => this.poke(), this.options.pollIntervalMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    this.signalStop();
    await this.polling;
    // Steps in progress see the stop and return without writing; a Lambda call that never
    // answers is left behind (its execution is resumed by the next start).
    await Promise.race([
      Promise.allSettled(this.inFlight.values()),
      new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
    ]);
  }

  private async poll(): Promise<void> {
    try {
      const free = this.maxInFlight - this.inFlight.size;
      if (free <= 0) return;
      const due = await this.options.work.due(this.options.clock.now(), free);
      for (const item of due) {
        if (this.isStopped || this.inFlight.size >= this.maxInFlight) return;
        if (this.inFlight.has(inFlightKey(item))) continue;
        if (await this.options.work.lease(item, this.options.owner)) this.spawn(item);
      }
    } catch (error) {
      this.options.log(`Step Functions work loop: ${(error as Error).stack ?? error}`);
    }
  }

  /** Moves the execution on, or (a timeout timer) times it out. */
  private spawn(item: WorkItem): void {
    const { executionArn, sk } = item;
    const key = inFlightKey(item);
    const deps = {
      ...this.options,
      waits: this.waits,
      stopped: this.stopped,
      isStopped: () => this.isStopped,
    };
    const work =
      sk === timeoutSortKey ? timeOutExecution(deps, item) : runExecution(deps, executionArn);
    const run = work
      .catch(async (error: unknown) => {
        this.options.log(
          `Execution ${executionArn} hit a fault: ${(error as Error).stack ?? error}`,
        );
        if (this.isStopped) return;
        const retryAt = new Date(this.options.clock.now().getTime() + backOffAfterFaultMs);
        await this.options.work
          .release(executionArn, this.options.owner, retryAt, sk)
          .catch(() => {});
      })
      .finally(() => {
        this.inFlight.delete(key);
        this.poke();
      });
    this.inFlight.set(key, run);
  }
}

/** A run's step and its execution's timeout timer may be in flight side by side. */
function inFlightKey(item: WorkItem): string {
  return item.sk === timeoutSortKey ? `${item.executionArn}#${item.sk}` : item.executionArn;
}
