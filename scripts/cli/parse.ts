// `nianbao parse <file...>`: parses documents from disk and prints the contract's JSON or a summary.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument, UnreadableDocumentError, type ParseResult } from '../../parsers/index.ts';
import { defineCommand, ExitCode } from './command.ts';
import { flag } from './options.ts';


function summary(file: string, r: ParseResult): string {
  const filled = Object.values(r.fields).filter((v) => v !== null).length;
  const failing = r.checks.filter((c) => !c.ok);
  const lines = [
    `${file}: ${r.organ ?? '?'} ${r.year ?? '?'} — template ${r.template ?? 'none'} (${r.format}), confidence ${r.confidence}`,
    `  title: ${r.title ?? '-'}`,
  ];
  if (r.reason) lines.push(`  reason: ${r.reason}`);
  if (r.template === '2021' || r.template === '2019') {
    lines.push(`  fields: ${filled} of ${Object.keys(r.fields).length} with a figure`);
    lines.push(`  checks: ${r.checks.length - failing.length} pass, ${failing.length} fail`);
    for (const c of failing) lines.push(`    ✗ ${c.rule} [${c.blame}] ${c.detail}`);
  }
  lines.push(`  sections: ${r.sections.map((s) => s.heading).join(' · ') || '-'}`);
  return lines.join('\n');
}

/** The `parse` command. */
export const parseCommand = defineCommand({
  name: 'parse',
  summary: 'parse report documents into the canonical fields',
  description: `
Parses report documents (HTML page, PDF with a text layer or scanned, DOCX, DOC/WPS, RTF, XLS/XLSX
sheets, plain text and Markdown; Traditional-script copies too; the format is detected from the
bytes; OFD is refused as unsupported_format) and prints what they say.`,
  positionals: { label: '<file...>', min: 1, max: Infinity },
  options: {
    json: flag('one JSON object per file, one per line: organ, year, template, title, fields, checks,\nsections (each with the canonical part it is), and also cells (raw string + source of\nevery figure, with the unit an amount was read in), publishedDate and publishedDateSource,\nregionCode, format, confidence, parserVersion, extraTables and extraRows (printed figures\nwith no canonical keys), reason (when template is null)'),
    full: flag('with --json, also include the document\'s full text ("text")'),
  },
  exitCodes: `Exit code 0 when every file was read, 3 when a file could not be read (its error is printed, as
JSON with --json), 1 when a file is not a report or its checks fail.`,
  examples: ['nianbao parse report.pdf --json', 'nianbao parse a.html b.docx c.doc --json'],
  async run({ options, positionals }) {
    let exit: number = ExitCode.ok;
    for (const file of positionals) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        console.error(`${file}: cannot read: ${(error as Error).message}`);
        exit = ExitCode.badInput;
        continue;
      }
      try {
        const result = await parseDocument(bytes, { fileName: basename(file) });
        const { text, ...withoutText } = result;
        if (options.json) console.log(JSON.stringify(options.full ? result : withoutText));
        else console.log(summary(file, result));
        void text;
        if (exit === ExitCode.ok && (result.template === null || result.checks.some((c) => !c.ok))) exit = ExitCode.problems;
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError)) throw error;
        if (options.json) console.log(JSON.stringify({ file, error: error.code, message: error.message, template: null }));
        console.error(`${file}: ${error.message}`);
        exit = ExitCode.badInput;
      }
    }
    return exit;
  },
});
