// The package version, for `nianbao --version`, the WARC's warcinfo and help texts.
import { readFileSync } from 'node:fs';

/** The version in package.json (found from the sources or from dist/, one folder deeper). */
export function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { version: string }).version;
    } catch { /* try one folder up */ }
  }
  return 'unknown';
}
