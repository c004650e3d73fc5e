// The one progress reporter of the command line. Long work (crawl, seed, export, check-db, eval,
// reparse) reports `(done, total, label)` events; on a terminal they draw a bar with n/N and an
// ETA (cli-progress), elsewhere (cron, CI, a log file) they become plain timestamped log lines,
// at most one every few seconds. Log lines go through `log` so they print above the bar instead
// of breaking it.
import cliProgress from 'cli-progress';

/** What long work reports to. */
export interface Progress {
  /** `done` of `total` steps; `label` says what is being done now. */
  update(done: number, total: number, label?: string): void;
  /** A log line (stderr) that must not break the bar. */
  log(line: string): void;
  /** A line of the command's own output (stdout); above the bar when both share a terminal. */
  print(line: string): void;
  /** Ends the bar (or prints the last state as a line). */
  stop(): void;
}

/** How the reporter behaves; by default it follows stderr (a bar when it is a terminal). */
export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** False: report nothing (e.g. --json output that a program reads). */
  enabled?: boolean;
  /** Seconds between two plain log lines (default 10, or $NIANBAO_PROGRESS_SECS). */
  lineEverySecs?: number;
}

/** A reporter that reports nothing (tests, --quiet). */
export const SILENT: Progress = { update() {}, log() {}, print: (line) => { process.stdout.write(`${line}\n`); }, stop() {} };

/** Starts reporting the work called `title`. */
export function startProgress(title: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.enabled === false) return { ...SILENT, log: (line) => { stream.write(`${line}\n`); } };
  return stream.isTTY ? barProgress(title, stream) : lineProgress(title, stream, options.lineEverySecs ?? Number(process.env.NIANBAO_PROGRESS_SECS ?? 10));
}

function barProgress(title: string, stream: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar({
    stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, etaBuffer: 50, fps: 5,
    format: `${title} [{bar}] {value}/{total} | ETA {eta_formatted} | {label}`,
    barsize: 24, autopadding: true,
  }, cliProgress.Presets.shades_classic);
  // The bar redraws on a timer, which never fires while synchronous work (an export, check-db)
  // holds the event loop; drawing from update() keeps it moving (MultiBar.update is its redraw).
  const redraw = () => (bars as unknown as { update(): void }).update();
  let bar: cliProgress.SingleBar | null = null;
  let drawnAt = 0;
  let stopped = false;
  return {
    update(done, total, label = '') {
      if (stopped) return;
      if (!bar) bar = bars.create(Math.max(total, done), done, { label });
      else {
        if (total !== bar.getTotal()) bar.setTotal(Math.max(total, done));
        bar.update(done, { label });
      }
      if (Date.now() - drawnAt >= 200) { redraw(); drawnAt = Date.now(); }
    },
    log(line) {
      if (stopped || !bar) { stream.write(`${line}\n`); return; }
      bars.log(`${line}\n`);
      redraw();
    },
    print(line) {
      if (!process.stdout.isTTY) process.stdout.write(`${line}\n`);
      else this.log(line);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

function lineProgress(title: string, stream: NodeJS.WriteStream, everySecs: number): Progress {
  let lastLine = 0;
  let last: [number, number, string] | null = null;
  let printedLast = true;
  let started = Date.now();
  const print = () => {
    if (!last) return;
    const [done, total, label] = last;
    const percent = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
    const elapsed = (Date.now() - started) / 1000;
    const eta = done > 0 && total > done ? `, about ${formatSecs((elapsed * (total - done)) / done)} left` : '';
    stream.write(`${new Date().toISOString()} ${title}: ${done}/${total}${percent}${eta}${label ? ` — ${label}` : ''}\n`);
    lastLine = Date.now();
    printedLast = true;
  };
  return {
    update(done, total, label = '') {
      // Work that starts over (the next file of an export) gets its own clock for the ETA.
      if (last && (done < last[0] || total !== last[1])) started = Date.now();
      last = [done, total, label];
      printedLast = false;
      if (Date.now() - lastLine >= everySecs * 1000 || (done >= total && total > 0)) print();
    },
    log: (line) => { stream.write(`${line}\n`); },
    print: (line) => { process.stdout.write(`${line}\n`); },
    stop: () => { if (!printedLast) print(); printedLast = true; },
  };
}

function formatSecs(secs: number): string {
  if (secs < 90) return `${Math.round(secs)} s`;
  if (secs < 5400) return `${Math.round(secs / 60)} min`;
  return `${(secs / 3600).toFixed(1)} h`;
}
