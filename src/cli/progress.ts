/**
 * @module cli/progress
 * A progress bar on standard error for long runs (only when stderr is a terminal and not
 * `--quiet`), so piped JSON on stdout stays clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

export function progress(enabled: boolean, total?: number): Progress {
  if (!enabled || !process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: total ? ' {bar} {value}/{total} docs  {label}' : ' {value} docs  {label}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let n = 0;
  bar.start(total ?? 0, 0, { label: '' });
  return {
    tick(label = '') {
      n++;
      if (!total) bar.setTotal(n);
      bar.update(n, { label: label.length > 40 ? '…' + label.slice(-39) : label });
    },
    stop() {
      bar.stop();
    },
  };
}
