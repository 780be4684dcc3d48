import { TooManyRequests } from './errors';
import type { RateLimitStore } from './store/rate-limit-store';

/**
 * The public forms take at most `limitPerHour` submissions per client address in each clock
 * hour (UTC). Counting is a conditional write, so concurrent posts cannot slip past the limit.
 */

const hourMs = 3_600_000;

export function rateWindow(now: Date): { start: Date; end: Date } {
  const start = new Date(Math.floor(now.getTime() / hourMs) * hourMs);
  return { start, end: new Date(start.getTime() + hourMs) };
}

/** Counts a submission from `address`; throws TooManyRequests (with Retry-After) when over. */
export async function countSubmission(
  store: RateLimitStore,
  address: string,
  limitPerHour: number,
  now: Date,
): Promise<void> {
  const { start, end } = rateWindow(now);
  const counted = await store.count(address, start, limitPerHour, new Date(end.getTime() + hourMs));
  if (!counted) {
    const retryAfterSeconds = Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
    throw new TooManyRequests(
      `Too many submissions from your address. Please try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      retryAfterSeconds,
    );
  }
}
