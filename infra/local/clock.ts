import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The local cloud's clock. Waits, timeouts, schedules and the time handed to scheduled jobs all
 * read it, so tests (and `npm start --clock-offset`) can move the desk forward by days in
 * milliseconds. The offset is kept on disk, so a moved clock stays moved across a restart.
 */
export interface Clock {
  now(): Date;
  /** Moves the clock forward; it never goes back. */
  advance(milliseconds: number): void;
  /** Milliseconds the clock runs ahead of real time. */
  offset(): number;
}

export function realClock(): Clock {
  return {
    now: () => new Date(),
    advance: () => {
      throw new Error('The real clock cannot be moved');
    },
    offset: () => 0,
  };
}

/** A clock ahead of real time by an offset stored in `file` (created on first move). */
export function movableClock(file: string, initialOffsetMs = 0): Clock {
  let offsetMs = initialOffsetMs;
  try {
    offsetMs = Math.max(offsetMs, Number(JSON.parse(readFileSync(file, 'utf8')).offsetMs) || 0);
  } catch {
    // No stored offset yet: start at the given one.
  }
  const save = () => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ offsetMs }));
  };
  save();
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(milliseconds: number) {
      if (!(milliseconds >= 0)) throw new Error('The clock only moves forward');
      offsetMs += milliseconds;
      save();
    },
    offset: () => offsetMs,
  };
}
