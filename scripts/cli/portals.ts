// `nianbao portals add|import|list|remove`: the registry of portals the nightly crawl visits.
import { readFileSync } from 'node:fs';
import { getPortal, listPortals, openArchive, removePortal, upsertPortal, type Archive, type Portal } from '../../storage/index.ts';
import { normaliseUrl } from '../../crawler/index.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { optionValue, parseArgs } from './args.ts';
import { DB_HELP, DB_OPTION, archivePath } from './archive-path.ts';

const help = `
nianbao portals add <url> [--name NAME] [--division CODE] [--db PATH]
nianbao portals import <file.csv> [--db PATH]
nianbao portals list [--json] [--db PATH]
nianbao portals remove <url|id> [--db PATH]

The registry of portals for nightly crawls (nianbao crawl).
  add      registers a portal's home page (or updates its name and division code)
  import   reads a CSV of "URL,name,division code" lines (a header line is allowed; name and code
           may be empty); bad lines are reported by number and skipped, the others imported
  list     shows every portal: id, URL, name, division code, last crawl, blocked or browser flags
  remove   takes a portal out: deleted if never crawled, otherwise disabled (its history stays)
${DB_HELP}

Exit code 0 on success, 1 when some CSV lines were bad, 3 when the CSV cannot be read, 2 for bad
arguments.

Example:
  nianbao portals add http://www.example.gov.cn/ --name 示例县人民政府 --division 330100
`;

function checkedUrl(raw: string): string {
  const url = normaliseUrl(raw);
  if (!url) throw new UsageError(`not an http(s) URL: ${raw}`);
  return url;
}

function checkedDivision(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{6}(\d{6})?$/.test(raw)) throw new UsageError(`division code must be 6 (or 12) digits, got '${raw}'`);
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
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return ExitCode.badInput;
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

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], [DB_OPTION, 'name', 'division']);
  const [action, target, ...extra] = args.positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  if (!action || !['add', 'import', 'list', 'remove'].includes(action)) throw new UsageError('give add, import, list or remove');
  if (action !== 'list' && !target) throw new UsageError(`portals ${action} needs ${action === 'import' ? 'a CSV file' : 'a URL'}`);
  const url = action === 'add' ? checkedUrl(target) : undefined;
  const division = checkedDivision(optionValue(args, 'division'));
  const archive = openArchive(archivePath(args));
  try {
    switch (action) {
      case 'add': {
        const portal = upsertPortal(archive, url!, { name: optionValue(args, 'name'), divisionCode: division });
        console.log(`portal ${portal.id}: ${portal.url}`);
        return ExitCode.ok;
      }
      case 'import':
        return importCsv(archive, target);
      case 'list': {
        const portals = listPortals(archive);
        if (args.flags.has('json')) for (const p of portals) console.log(JSON.stringify({ ...p, robotsTxt: undefined }));
        else if (portals.length === 0) console.log('no portals registered');
        else for (const p of portals) console.log(describe(p));
        return ExitCode.ok;
      }
      default: {
        const portal = findPortal(archive, target);
        if (!portal) {
          console.error(`no registered portal ${target}`);
          return ExitCode.badInput;
        }
        console.log(`portal ${portal.id} ${removePortal(archive, portal.id)}: ${portal.url}`);
        return ExitCode.ok;
      }
    }
  } finally {
    archive.close();
  }
}

export const portalsCommand: Command = { name: 'portals', summary: 'the registry of portals for nightly crawls (add, import, list, remove)', help, run };
