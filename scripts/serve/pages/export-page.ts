// Export buttons: the storage exports (wide, long, checks, data dictionary) as CSV or Parquet,
// written to a temporary directory by storage's exportTableFiles, streamed as a download, then deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_TABLES, exportTableFiles, type Archive, type ExportFormat, type ExportTableName } from '../../../storage/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageLayout } from '../layout.ts';
import { NotFound, type Reply } from '../reply.ts';
import { PAGE_CSP } from '../security-headers.ts';

const DESCRIPTIONS: Record<string, string> = {
  reports_wide: 'one row per report, one column per field key',
  report_fields_long: 'one row per report and field: value, raw string, provenance',
  report_checks: 'every check of every report, with its blame',
  data_dictionary: 'what each field key means (from fields.tsv)',
};
const FORMATS: ExportFormat[] = ['csv', 'parquet'];
const CONTENT_TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' };

/** Renders `/export`: one button per file, each a POST carrying the server's token (an export is heavy work no link may start). */
export function exportPage(token: string): SafeHtml {
  const stems = [...Object.values(EXPORT_TABLES), 'data_dictionary'];
  const rows = stems.map((stem) => html`<tr><th>${stem}</th><td>${DESCRIPTIONS[stem] ?? ''}</td><td>${FORMATS.map((f) =>
    html`<form class="inline" method="post" action="/export/${stem}.${f}"><input type="hidden" name="token" value="${token}"><button type="submit" class="button">${f.toUpperCase()}</button></form> `)}</td></tr>`);
  return pageLayout('Export', '/export', html`<h1>Export 导出</h1>
<p>The same files as <code>nianbao export</code>, made from the archive as it is now.</p>
<table class="exports"><tbody>${rows}</tbody></table>`);
}

/** `/export/<stem>.<format>`: runs the export for that one table into a temporary directory and sends the file. */
export function exportDownload(archive: Archive, fileName: string): Reply {
  const match = /^([a-z_]+)\.(csv|parquet)$/.exec(fileName);
  const table = match ? (Object.entries(EXPORT_TABLES).find(([, stem]) => stem === match[1])?.[0] as ExportTableName | undefined) : undefined;
  if (!match || (!table && match[1] !== 'data_dictionary')) throw new NotFound(`no export named ${fileName}`);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-serve-export-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const written = exportTableFiles(archive, dir, { formats: [match[2] as ExportFormat], tables: table ? [table] : [] });
    const file = written.find((w) => w.path.endsWith(`/${fileName}`));
    if (!file) throw new NotFound(`the export wrote no ${fileName}`);
    return {
      status: 200, contentType: CONTENT_TYPES[match[2]], body: { path: file.path, cleanup }, csp: PAGE_CSP,
      headers: { 'Content-Disposition': `attachment; filename="${fileName}"` },
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
