/**
 * Progress bars for long CLI work, on stderr so stdout stays clean for results. In a terminal
 * the bar redraws in place; elsewhere (CI logs, pipes) cli-progress prints a line every few
 * seconds instead (noTTYOutput), so long jobs still show they are alive.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

export function progressBar(title: string): Progress {
  const bar = new SingleBar({
    format: `${title} {bar} {percentage}% {value}/{total} {label}`,
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
