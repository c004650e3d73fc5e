// `nianbao portals add|import|list|remove`: the registry of portals the nightly crawl visits.
// Each verb is its own declaration (its options, help and run); `portals` only groups them.
import { accessSync, constants, readFileSync } from 'node:fs';
import { getPortal, listPortals, removePortal, upsertPortal, type Archive, type Portal } from '../../storage/index.ts';
import { normaliseUrl } from '../../crawler/index.ts';
import { CommandError, defineCommand, ExitCode, UsageError } from './command.ts';
import { DB_OPTIONS, archivePath, openExistingArchive, openOrCreateArchive } from './archive-path.ts';
import { checked, flag, repeated, text } from './options.ts';
import { allowHostsOf } from './crawl-options.ts';

function checkedUrl(raw: string): string {
  const url = normaliseUrl(raw);
  if (!url) throw new UsageError(`not an http(s) URL: ${raw}`);
  return url;
}

function checkedDivision(raw: string | undefined, flagName = 'division code'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{6}(\d{6})?$/.test(raw)) throw new UsageError(`${flagName} must be 6 (or 12) digits, got '${raw}'`);
  return raw;
}

/** Splits one CSV line, honouring double quotes. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { cells.push(cell); cell = ''; }
    else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function importCsv(archive: Archive, file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`, ExitCode.badInput);
  }
  let imported = 0;
  let bad = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [rawUrl, name, division] = splitCsvLine(line);
    if (index === 0 && !/^https?:/i.test(rawUrl)) return; // header
    try {
      upsertPortal(archive, checkedUrl(rawUrl), { name: name || undefined, divisionCode: checkedDivision(division) });
      imported++;
    } catch (error) {
      bad++;
      console.error(`${file}:${index + 1}: skipped: ${(error as Error).message}`);
    }
  });
  console.log(`imported ${imported} portal(s)${bad ? `, ${bad} bad line(s) skipped` : ''}`);
  return bad > 0 ? ExitCode.problems : ExitCode.ok;
}

function describe(p: Portal): string {
  const flags = [!p.enabled && 'disabled', p.blockedReason && `blocked: ${p.blockedReason}`, p.needsBrowser && 'needs browser'].filter(Boolean).join(', ');
  return `${String(p.id).padStart(4)}  ${p.url}  ${p.name ?? '-'}  ${p.divisionCode ?? '-'}  last crawl ${p.lastCrawlAt ?? 'never'}${flags ? `  [${flags}]` : ''}`;
}

function findPortal(archive: Archive, key: string): Portal | undefined {
  if (/^\d+$/.test(key)) return getPortal(archive, Number(key));
  const url = normaliseUrl(key);
  return url ? getPortal(archive, url) : undefined;
}

/** `portals add`. */
export const portalsAddCommand = defineCommand({
  name: 'add',
  summary: 'register a portal\'s home page (or update its name and division code)',
  description: 'Registers a portal\'s home page for nightly crawls, or updates its name and division code.\nThe archive is created when missing.',
  positionals: { label: '<url>', min: 1, max: 1 },
  options: {
    name: text('NAME', 'the organ or site name, e.g. 示例县人民政府'),
    division: checked('CODE', 'its administrative-division code (6 or 12 digits)', (t, f) => checkedDivision(t, f)),
    'allow-host': repeated('HOST', 'a host off the portal\'s domain its crawl may fetch from (a file server, a flipbook host):\nhost, host:port or *.domain (repeatable; replaces the portal\'s list)'),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 on success, 2 for a bad URL or option.',
  examples: ['nianbao portals add http://www.example.gov.cn/ --name 示例县人民政府 --division 330100'],
  async run({ options, positionals }) {
    const url = checkedUrl(positionals[0]);
    const archive = openOrCreateArchive(archivePath(options.db));
    try {
      const allowHosts = options['allow-host'].length ? allowHostsOf(options['allow-host']) : undefined;
      const portal = upsertPortal(archive, url, { name: options.name, divisionCode: options.division, allowHosts });
      console.log(`portal ${portal.id}: ${portal.url}`);
      return ExitCode.ok;
    } finally {
      archive.close();
    }
  },
});

/** `portals import`. */
export const portalsImportCommand = defineCommand({
  name: 'import',
  summary: 'register the portals of a CSV file (URL,name,division code)',
  description: `Reads a CSV of "URL,name,division code" lines (a header line is allowed; name and code may be
empty); bad lines are reported by number and skipped, the others imported. The archive is created
when missing.`,
  positionals: { label: '<file.csv>', min: 1, max: 1 },
  options: { ...DB_OPTIONS },
  exitCodes: 'Exit code 0 on success, 1 when some lines were bad, 3 when the CSV cannot be read.',
  examples: ['nianbao portals import portals.csv'],
  async run({ options, positionals }) {
    try {
      accessSync(positionals[0], constants.R_OK);
    } catch (error) {
      throw new CommandError(`cannot read ${positionals[0]}: ${(error as Error).message}`, ExitCode.badInput);
    }
    const archive = openOrCreateArchive(archivePath(options.db));
    try {
      return importCsv(archive, positionals[0]);
    } finally {
      archive.close();
    }
  },
});

/** `portals list`. */
export const portalsListCommand = defineCommand({
  name: 'list',
  summary: 'show every portal: id, URL, name, division code, last crawl, flags',
  description: 'Shows every registered portal: id, URL, name, division code, last crawl, blocked or browser flags.',
  options: { json: flag('one JSON object per portal'), ...DB_OPTIONS },
  exitCodes: 'Exit code 0, or 3 when there is no archive at the path.',
  examples: ['nianbao portals list --json'],
  async run({ options }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    try {
      const portals = listPortals(archive);
      if (options.json) for (const p of portals) console.log(JSON.stringify({ ...p, robotsTxt: undefined }));
      else if (portals.length === 0) console.log('no portals registered');
      else for (const p of portals) console.log(describe(p));
      return ExitCode.ok;
    } finally {
      archive.close();
    }
  },
});

/** `portals remove`. */
export const portalsRemoveCommand = defineCommand({
  name: 'remove',
  summary: 'take a portal out (deleted if never crawled, otherwise disabled)',
  description: 'Takes a portal out of the nightly crawl: deleted if never crawled, otherwise disabled (its history stays).',
  positionals: { label: '<url|id>', min: 1, max: 1 },
  options: { ...DB_OPTIONS },
  exitCodes: 'Exit code 0 on success, 2 when no such portal is registered, 3 when there is no archive at the path.',
  examples: ['nianbao portals remove http://www.example.gov.cn/'],
  async run({ options, positionals }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    try {
      const portal = findPortal(archive, positionals[0]);
      if (!portal) throw new UsageError(`no registered portal ${positionals[0]} (see nianbao portals list)`);
      console.log(`portal ${portal.id} ${removePortal(archive, portal.id)}: ${portal.url}`);
      return ExitCode.ok;
    } finally {
      archive.close();
    }
  },
});

/** The `portals` command: the registry's verbs. */
export const portalsCommand = defineCommand({
  name: 'portals',
  summary: 'the registry of portals for nightly crawls (add, import, list, remove)',
  description: 'The registry of portals for nightly crawls (nianbao crawl).',
  options: {},
  subcommands: [portalsAddCommand, portalsImportCommand, portalsListCommand, portalsRemoveCommand],
  examples: ['nianbao portals add http://www.example.gov.cn/ --name 示例县人民政府 --division 330100', 'nianbao portals list'],
});
