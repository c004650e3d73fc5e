// Crawlee's own log, at the level the operator chose (crawlee.json or CRAWLEE_LOG_LEVEL, read by
// the command line into settings.crawleeLogLevel), written through the crawl's `log` callback so
// that its lines land where ours do (above a progress bar, in the cron log) instead of on the console.
import { freemem, totalmem } from 'node:os';
import { Configuration, LocalEventManager, Log, LogLevel, Logger } from '@crawlee/http';
import type { CrawlSettings } from './settings.ts';

class LineLogger extends Logger {
  constructor(private readonly write: (line: string) => void) {
    super({});
  }

  override _log(level: LogLevel, message: string, data?: unknown, exception?: unknown, opts?: Record<string, unknown>): void {
    const prefix = opts?.prefix ? `${opts.prefix}: ` : '';
    const detail = exception instanceof Error ? ` (${exception.message})` : data ? ` ${JSON.stringify(data)}` : '';
    this.write(`crawlee ${LogLevel[level]}: ${prefix}${message}${detail}`);
  }
}

/** The Log a crawler gets: Crawlee's messages at the chosen level, through `write`. */
export function crawleeLog(settings: CrawlSettings, write: (line: string) => void): Log {
  return new Log({ level: LogLevel[settings.crawleeLogLevel], logger: new LineLogger(write) });
}

/**
 * Crawlee's memory probe, reading this process's own figures instead of spawning `ps` for the whole
 * process tree every second (which cost a fifth of the crawl time). Chromium's processes are not
 * counted: the browser pass renders one page at a time.
 */
async function inProcessMemoryInfo() {
  const total = totalmem();
  const free = freemem();
  return { totalBytes: total, freeBytes: free, usedBytes: total - free, mainProcessBytes: process.memoryUsage.rss(), childProcessesBytes: 0 };
}

/** Crawlee's local event manager with the in-process memory probe (its probe is private API). */
export function inProcessEventManager(config: Configuration): LocalEventManager {
  const events = new LocalEventManager(config);
  (events as unknown as { getMemoryInfo: typeof inProcessMemoryInfo }).getMemoryInfo = inProcessMemoryInfo;
  return events;
}

/**
 * The Configuration a crawler gets. Its request queue stays in memory: the durable frontier is
 * the archive, so nothing of Crawlee's storage (CRAWLEE_STORAGE_DIR) is ever written or needed.
 */
export function crawleeConfiguration(settings: CrawlSettings): Configuration {
  // memoryMbytes given (a quarter of the machine, Crawlee's own default share), so that its memory
  // signal does not measure the machine by spawning `ps` at start either.
  const config = new Configuration({
    persistStorage: false, purgeOnStart: true, logLevel: LogLevel[settings.crawleeLogLevel],
    memoryMbytes: Math.max(256, Math.floor(totalmem() / 4 / 2 ** 20)),
  });
  config.set('persistStorage', false);
  config.useEventManager(inProcessEventManager(config));
  return config;
}
