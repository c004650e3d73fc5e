// `nianbao eval`: how many fields of every labelled document the parsers get right.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { score, type Expected, type Score } from '../eval/compare.ts';
import { labelledDocuments, type LabelledDocument } from '../eval/documents.ts';
import { defineCommand, ExitCode } from './command.ts';
import { flag, text } from './options.ts';
import { startProgress } from './progress.ts';


interface Outcome {
  doc: LabelledDocument;
  score?: Score;
  error?: string;
  ms: number;
}

async function evaluate(doc: LabelledDocument): Promise<Outcome> {
  const expected = JSON.parse(readFileSync(doc.expectedPath, 'utf8')) as Expected;
  const started = performance.now();
  try {
    const result = await parseDocument(readFileSync(doc.path));
    return { doc, score: score(result, expected), ms: performance.now() - started };
  } catch (error) {
    return { doc, error: (error as Error).message, ms: performance.now() - started };
  }
}

function line(o: Outcome): string {
  if (!o.score) return `${o.doc.name.padEnd(44)} ERROR ${o.error}`;
  const s = o.score;
  const meta = [s.organOk ? '' : 'organ✗', s.yearOk ? '' : 'year✗', s.templateOk ? '' : 'template✗'].filter(Boolean).join(' ');
  const wrong = s.wrong.length ? ` wrong: ${s.wrong.slice(0, 3).join(', ')}${s.wrong.length > 3 ? ' …' : ''}` : '';
  return `${o.doc.name.padEnd(44)} ${String(s.fieldsRight).padStart(3)}/${s.fieldsTotal} ${meta}${wrong} (${Math.round(o.ms)} ms)`;
}

function totals(outcomes: Outcome[]) {
  const right = outcomes.reduce((n, o) => n + (o.score?.fieldsRight ?? 0), 0);
  const total = outcomes.reduce((n, o) => n + (o.score?.fieldsTotal ?? 200), 0);
  const perfect = outcomes.filter((o) => o.score && o.score.fieldsRight === o.score.fieldsTotal && o.score.organOk && o.score.yearOk && o.score.templateOk).length;
  return { documents: outcomes.length, perfect, right, total, accuracy: total ? right / total : 0 };
}

function byFormat(outcomes: Outcome[]): string[] {
  const formats = [...new Set(outcomes.map((o) => extname(o.doc.name) || '?'))];
  return formats.map((f) => {
    const t = totals(outcomes.filter((o) => (extname(o.doc.name) || '?') === f));
    return `  ${f.padEnd(6)} ${t.right}/${t.total} fields, ${t.perfect}/${t.documents} documents perfect`;
  });
}

/** The `eval` command. */
export const evalCommand = defineCommand({
  name: 'eval',
  summary: 'score the parsers on every document with a known answer',
  description: `
Parses every document with a known answer — the seeds as text (../shared/seeds), the seeds rendered
as HTML, PDF, DOCX, DOC, WPS and scanned PDF (test/fixtures/seeds), and the real corpus documents we
labelled (test/fixtures/corpus) — and prints, per document and in total, how many fields match.
OCR'd documents are totalled apart, with their accuracy. Progress (documents done of all, with an
ETA) goes to stderr. Also: npm run eval`,
  options: {
    filter: text('TEXT', 'only documents whose name contains TEXT'),
    json: flag('one JSON object per document, then a totals object'),
  },
  exitCodes: 'Exit code 0 when every field of every text-layer document is right, 1 otherwise.',
  examples: ['nianbao eval', 'nianbao eval --filter .pdf --json'],
  async run({ options }) {
    const docs = labelledDocuments().filter((d) => !options.filter || d.name.includes(options.filter));
    const outcomes: Outcome[] = [];
    const progress = startProgress('eval');
    for (const doc of docs) {
      progress.update(outcomes.length, docs.length, doc.name);
      const outcome = await evaluate(doc);
      outcomes.push(outcome);
      if (options.json) console.log(JSON.stringify({ document: doc.name, ocr: doc.ocr, ...outcome.score, error: outcome.error, ms: Math.round(outcome.ms) }));
      else progress.print(line(outcome));
    }
    progress.update(outcomes.length, docs.length, 'done');
    progress.stop();
    const textLayer = totals(outcomes.filter((o) => !o.doc.ocr));
    const ocr = totals(outcomes.filter((o) => o.doc.ocr));
    if (options.json) {
      console.log(JSON.stringify({ totals: { textLayer, ocr } }));
    } else {
      console.log('\nBy format (text layer):', ...byFormat(outcomes.filter((o) => !o.doc.ocr)).map((l) => `\n${l}`));
      console.log(`\nText-layer documents: ${textLayer.right}/${textLayer.total} fields (${(100 * textLayer.accuracy).toFixed(1)}%), ${textLayer.perfect}/${textLayer.documents} perfect`);
      if (ocr.documents) console.log(`OCR documents: ${ocr.right}/${ocr.total} fields (${(100 * ocr.accuracy).toFixed(1)}%), ${ocr.perfect}/${ocr.documents} perfect`);
    }
    return textLayer.perfect === textLayer.documents ? ExitCode.ok : ExitCode.problems;
  },
});
