// A progress reporter for the token sweep: a bar redrawn on a terminal, a line per 10% otherwise.
import type { Output } from './context.js';
import type { SweepEvents } from '../measure/tokens/sweep.js';

const WIDTH = 30;

/**
 * Sweep events drawn on `out` (stderr). `now` is the clock in milliseconds.
 * @example runSweep({ …, events: progressBar(process.stderr, () => performance.now()) })
 */
export function progressBar(out: Output & { isTTY?: boolean }, now: () => number): SweepEvents & { finish(): void } {
  const start = now();
  let lastDecile = -1;
  let drawn = false;
  const line = (done: number, total: number, what: string) => {
    const filled = Math.round((done / total) * WIDTH);
    const secs = ((now() - start) / 1000).toFixed(1);
    return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} texts ${Math.floor((100 * done) / total)}% ${secs}s ${what}`;
  };
  return {
    loaded: (e) => {
      if (!out.isTTY) out.write(`loaded ${e.tokenizer}: ${e.implementation}\n`);
    },
    progress: ({ done, total, tokenizer, code }) => {
      if (out.isTTY) {
        out.write(`\r${line(done, total, `${tokenizer} ${code}`).padEnd(100)}`);
        drawn = true;
        return;
      }
      const decile = Math.floor((10 * done) / total);
      if (decile !== lastDecile) {
        lastDecile = decile;
        out.write(`${line(done, total, '')}\n`);
      }
    },
    finish: () => {
      if (drawn) out.write('\n');
    },
  };
}
