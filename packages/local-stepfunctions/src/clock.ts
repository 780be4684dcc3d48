/**
 * Where the service reads the time: waits, timeouts, history timestamps and `$states.context`.
 * An embedder may pass a clock that runs ahead of real time (to skip days in tests); the service
 * only ever reads it.
 */
export interface Clock {
  now(): Date;
}

export const realClock: Clock = { now: () => new Date() };
