// crawlee.json: the place for Crawlee's own settings. Crawlee reads it from the working directory
// and silently ignores a JSON error; nianbao reads it first, so a broken file or an unknown level
// is a usage error naming the file. CRAWLEE_LOG_LEVEL overrides it, as in Crawlee. Crawlee takes
// its other keys (memoryMbytes, …) from the file itself. Storage settings are refused, not ignored:
// Crawlee's request queue stays in memory (the durable frontier is the archive), so a storage
// directory would never be written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRAWLEE_LOG_LEVELS, type CrawleeLogLevel } from '../../crawler/index.ts';
import { UsageError } from './command.ts';

/** Keys that would point Crawlee at a storage directory nianbao never uses. */
const STORAGE_KEYS = ['persistStorage', 'storageClientOptions', 'localDataDirectory', 'storageClient'];

function checkedLevel(value: unknown, where: string): CrawleeLogLevel {
  const level = String(value).toUpperCase();
  if (!CRAWLEE_LOG_LEVELS.includes(level as CrawleeLogLevel)) throw new UsageError(`${where}: logLevel must be one of ${CRAWLEE_LOG_LEVELS.join(', ')}, got '${value}'`);
  return level as CrawleeLogLevel;
}

/** Reads crawlee.json (in `dir`, the working directory by default) and the environment. */
export function crawleeLogSettings(dir = process.cwd(), env: NodeJS.ProcessEnv = process.env): { crawleeLogLevel?: CrawleeLogLevel } {
  for (const name of ['CRAWLEE_STORAGE_DIR', 'CRAWLEE_PERSIST_STORAGE']) {
    if (env[name]) throw new UsageError(`${name} is set, but nianbao keeps no Crawlee storage (the crawl frontier is in the archive); unset it`);
  }
  if (env.CRAWLEE_LOG_LEVEL) return { crawleeLogLevel: checkedLevel(env.CRAWLEE_LOG_LEVEL, 'CRAWLEE_LOG_LEVEL') };
  const path = join(dir, 'crawlee.json');
  if (!existsSync(path)) return {};
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON (Crawlee would ignore it silently): ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`${path} must hold a JSON object`);
  const storage = Object.keys(config).filter((k) => STORAGE_KEYS.includes(k));
  if (storage.length) throw new UsageError(`${path}: ${storage.join(', ')}: nianbao keeps no Crawlee storage (the crawl frontier is in the archive); remove it`);
  return config.logLevel === undefined ? {} : { crawleeLogLevel: checkedLevel(config.logLevel, path) };
}
