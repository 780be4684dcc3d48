import type { Clock } from '../clock';

/**
 * Waits for a moment on the service's clock. The clock can jump (tests and `--clock-offset` move
 * it), so waiters are checked on every loop tick and poke rather than with a real-time timer.
 */
export class ClockWaits {
  private readonly waiters = new Set<{ at: number; resolve: () => void }>();

  constructor(private readonly clock: Clock) {}

  until(moment: Date): { reached: Promise<void>; cancel: () => void } {
    let waiter: { at: number; resolve: () => void } | undefined;
    const reached = new Promise<void>((resolve) => {
      waiter = { at: moment.getTime(), resolve };
      this.waiters.add(waiter);
    });
    this.check();
    return { reached, cancel: () => waiter && this.waiters.delete(waiter) };
  }

  check(): void {
    const now = this.clock.now().getTime();
    for (const waiter of this.waiters) {
      if (waiter.at <= now) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  get size(): number {
    return this.waiters.size;
  }
}
