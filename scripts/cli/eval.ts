// `nianbao eval`: how many fields of every labelled document the parsers get right.
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { ParsePool, type DocumentParser } from '../../parsers/index.ts';
import { score, type Expected } from '../eval/compare.ts';
import { labelledDocuments, type LabelledDocument } from '../eval/documents.ts';
import { summaryLines, totals, type Outcome } from '../eval/totals.ts';
import { defineCommand, ExitCode } from './command.ts';
import { flag, number, text } from './options.ts';
import { startProgress } from './progress.ts';

async function evaluate(doc: LabelledDocument, parser: DocumentParser): Promise<Outcome> {
  const expected = JSON.parse(readFileSync(doc.expectedPath, 'utf8')) as Expected;
  const started = performance.now();
  try {
    const result = await parser.parse(readFileSync(doc.path), {}, { strict: true });
    return { doc, score: score(result, expected), ms: performance.now() - started };
  } catch (error) {
    return { doc, error: (error as Error).message, ms: performance.now() - started };
  }
}

function line(o: Outcome): string {
  const name = `${o.doc.name.slice(0, 52).padEnd(52)} ${o.doc.group.slice(0, 4)}`;
  if (!o.score) return `${name} ERROR ${o.error}`;
  const s = o.score;
  const marks = [
    s.organOk ? '' : 'organ✗', s.yearOk ? '' : 'year✗', s.templateOk ? '' : 'template✗',
    s.sectionsOk === false ? 'sections✗' : '', s.dateOk === false ? 'date✗' : '',
  ].filter(Boolean).join(' ');
  const wrong = s.wrong.length ? ` wrong: ${s.wrong.slice(0, 3).join(', ')}${s.wrong.length > 3 ? ' …' : ''}` : '';
  const invented = s.invented.length ? ` INVENTED: ${s.invented.join(', ')}` : '';
  const sections = s.wrongSections.length ? ` [${s.wrongSections[0]}${s.wrongSections.length > 1 ? ' …' : ''}]` : '';
  return `${name} ${String(s.fieldsRight).padStart(3)}/${s.fieldsTotal} ${marks}${wrong}${invented}${sections} (${Math.round(o.ms)} ms)`;
}

/** The `eval` command. */
export const evalCommand = defineCommand({
  name: 'eval',
  summary: 'score the parsers on every document with a known answer',
  description: `
Parses every document with a known answer and prints, per document and in total, how many fields
match, and whether the section headings and the publication date match where the label gives them.
Three groups are totalled apart, each per format, per source (CMS or office suite; for fixtures the
one they imitate) and per province, with OCR'd documents apart from text-layer ones:
  real         the real corpus files labelled by reading them (test/corpus/expected, documents in
               ../shared/corpus/peers) and the five seeds as text (../shared/seeds)
  rendering    the seeds rendered as HTML, PDF, DOCX, DOC, WPS, RTF and scanned PDF (test/fixtures/seeds)
  regression   fixtures reproducing one real failure each (test/fixtures/regressions)
  photographed seeds printed, stamped, annotated and photographed as JPEG pages (test/fixtures/photographed),
               read by OCR; its line also counts invented figures and wrong nulls no check names
Progress (documents done of all, with an ETA) goes to stderr. Also: npm run eval`,
  options: {
    filter: text('TEXT', 'only documents whose name contains TEXT'),
    json: flag('one JSON object per document, then a totals object'),
    jobs: number('N', 'worker threads parsing at once (default: one per core); the output keeps the document order', { integer: true, min: 1 }),
  },
  exitCodes: 'Exit code 0 when every text-layer document is right in every scored part, 1 otherwise.',
  examples: ['nianbao eval', 'nianbao eval --filter .pdf --json'],
  async run({ options }) {
    const docs = labelledDocuments().filter((d) => !options.filter || d.name.includes(options.filter));
    const outcomes: Outcome[] = [];
    const progress = startProgress('eval');
    // Documents parse in the pool's workers, `jobs` at once (so a document's time is its own, not
    // its wait); their outcomes print in document order.
    const parser = new ParsePool(options.jobs);
    const limit = pLimit(parser.jobs);
    const pending = docs.map((doc) => limit(() => evaluate(doc, parser)));
    for (const [index, doc] of docs.entries()) {
      progress.update(outcomes.length, docs.length, doc.name);
      const outcome = await pending[index];
      outcomes.push(outcome);
      if (options.json) {
        const { group, source, province, ocr } = doc;
        console.log(JSON.stringify({ document: doc.name, group, source, province, ocr, ...outcome.score, error: outcome.error, ms: Math.round(outcome.ms) }));
      } else progress.print(line(outcome));
    }
    progress.update(outcomes.length, docs.length, 'done');
    progress.stop();
    await parser.close();
    const textLayer = totals(outcomes.filter((o) => !o.doc.ocr));
    const ocr = totals(outcomes.filter((o) => o.doc.ocr));
    if (options.json) {
      const groups = Object.fromEntries(['real', 'rendering', 'regression', 'photographed'].map((g) => [g, totals(outcomes.filter((o) => o.doc.group === g && (g === 'photographed' || !o.doc.ocr)))]));
      console.log(JSON.stringify({ totals: { textLayer, ocr, groups } }));
    } else {
      for (const l of summaryLines(outcomes)) console.log(l);
      console.log(`\nText-layer documents: ${textLayer.right}/${textLayer.total} fields (${(100 * textLayer.accuracy).toFixed(1)}%), ${textLayer.perfect}/${textLayer.documents} perfect`);
      if (ocr.documents) console.log(`OCR documents: ${ocr.right}/${ocr.total} fields (${(100 * ocr.accuracy).toFixed(1)}%), ${ocr.perfect}/${ocr.documents} perfect, ${ocr.invented} invented`);
    }
    return textLayer.perfect === textLayer.documents ? ExitCode.ok : ExitCode.problems;
  },
});
