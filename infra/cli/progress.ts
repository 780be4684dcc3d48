import type { Progress } from '../../functions/shared/jobs/runner';

/**
 * A progress bar for long job runs on a terminal (redrawn in place); a plain line per finished
 * date when stderr is not a terminal (a log file, CI), so logs stay readable.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
): { update: (progress: Progress) => void; finish: () => void } {
  const width = 30;
  let drawn = false;
  return {
    update({ date, done, total }) {
      if (stream.isTTY) {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(
          `\r${label} ${date} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
        );
        drawn = true;
      } else if (done === total) {
        stream.write(`${label} ${date}: ${total} item${total === 1 ? '' : 's'} looked at\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
