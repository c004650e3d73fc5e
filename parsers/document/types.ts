// The shapes every parser stage shares: an extracted document (rows of cells with provenance, the
// same for every format) and the parse result of the contract in ../shared/spec/README.md.

/** Where a cell or a figure came from, precise enough for a researcher to find it in the source. */
export interface Provenance {
  /** 0-based index of the table in the document (HTML/DOCX tables, PDF table regions). */
  table?: number;
  /** 0-based row and column in the expanded grid (rowspan/colspan honoured) or in the text line. */
  row?: number;
  col?: number;
  /** 1-based line in a plain-text document. */
  line?: number;
  /** 1-based PDF page and the item's position in PDF user space (origin bottom-left). */
  page?: number;
  x?: number;
  y?: number;
  /** True when the text came from OCR; `ocrConfidence` is tesseract's 0..100 word confidence. */
  ocr?: boolean;
  ocrConfidence?: number;
  /**
   * For an amount (a 万元 field): the unit its printed figure was read in — a 元 figure is converted
   * to 万元 — and where that unit was printed: in the cell (`394432.52元`), in its column header
   * (`采购总金额（元）`), in a note above the table (`单位：元`), or nowhere (the template's 万元).
   */
  unit?: '元' | '万元';
  unitFrom?: 'cell' | 'header' | 'table note' | 'template';
}

export interface Cell {
  text: string;
  prov: Provenance;
  /**
   * True for a grid position covered by another cell's rowspan/colspan (HTML) or gridSpan/vMerge
   * (DOCX). Its text is "" and the mapper skips it, so a merged label does not shift the values.
   */
  continuation?: boolean;
}

/**
 * One table row (its cells, blanks kept as empty strings) or one line of running text (a single
 * cell, or cells split on wide gaps). Rows come in reading order; the field mapper walks them.
 */
export interface Row {
  cells: Cell[];
  /** True when the row came from a real table structure (HTML/DOCX grid, PDF ruled cells). */
  fromGrid?: boolean;
}

export type SourceFormat = 'html' | 'pdf' | 'docx' | 'doc' | 'text' | 'image' | 'sheet';

/** What a format extractor hands to the format-neutral mapper. */
export interface ExtractedDocument {
  format: SourceFormat;
  /** The document's text in reading order, paragraphs separated by newlines. */
  text: string;
  rows: Row[];
  /** A title the container gives (HTML <title>/ArticleTitle, PDF Title), if any. */
  containerTitle?: string;
  /** HTML meta tags (SiteName, SiteIDCode, ArticleTitle, PubDate, ContentSource…), PDF info. */
  meta: Record<string, string>;
  /**
   * Dates the page prints with a label outside the report text (an HTML page's 发布日期 bar, a
   * metadata table's 生成日期), as ISO dates; the report's own printed dates are in `text`.
   */
  pageDates?: { label: string; date: string }[];
  /** Pages in the file (PDF, OCR'd PDF). */
  pages?: number;
  /**
   * Pages whose text was read; fewer than `pages` (an unreadable page, pages past a cap) fails the
   * `parse.pages` check, so a parse that lost pages never passes with fewer figures.
   */
  pagesRead?: number;
  /** Set when any text came from OCR: mean word confidence 0..100. */
  ocrConfidence?: number;
  warnings: string[];
}

export type Template = '2021' | '2019' | 'legacy';

/**
 * How a failed check should be read: `source` — the cells as printed disagree (the report is
 * inconsistent); `parse` — the parse is unsure (cells missing, counts wrong, OCR), so the failure
 * may be ours.
 */
export type CheckBlame = 'source' | 'parse';

export interface Check {
  rule: string;
  /** False only when the rule fails; a rule that could not be checked is ok (it found nothing wrong) — see `status`. */
  ok: boolean;
  detail: string;
  blame?: CheckBlame;
  /** holds / fails / not_checked (every equation of the rule met a blank cell); absent in older parses: read it with checkStatus. */
  status?: CheckStatus;
}

/** The three outcomes of a rule. */
export type CheckStatus = 'holds' | 'fails' | 'not_checked';

/** A check's outcome, for parses stored before `status` existed too. */
export function checkStatus(check: Pick<Check, 'ok' | 'status'>): CheckStatus {
  return check.status ?? (check.ok ? 'holds' : 'fails');
}

/** One top-level part of the report, heading as printed ("" when the part has no printed heading). */
export interface Section {
  heading: string;
  text: string;
  /**
   * Which of the six canonical parts (1 总体情况 … 6 其他需要报告的事项) this section is; absent for
   * a heading of a non-standard outline that maps to none (上海市科委's 二、工作机制保障).
   */
  part?: number;
}

/** One figure with its raw string and where it was read. */
export interface FieldCell {
  raw: string | null;
  source: Provenance | null;
}

export interface ParseResult {
  organ: string | null;
  year: number | null;
  template: Template | null;
  title: string | null;
  fields: Record<string, number | null>;
  checks: Check[];
  sections: Section[];
  /** Why template is null or fields are missing (not a report, no text layer, tables as images…). */
  reason?: string;
  format: SourceFormat | null;
  publishedDate: string | null;
  /** First 6 digits of SiteIDCode or a code found in the document, when known. */
  regionCode: string | null;
  /** Raw string and provenance of every field that was read from a cell. */
  cells: Record<string, FieldCell>;
  /** 0..1: 1 for a clean text-layer parse whose checks pass; lower for OCR or doubtful parses. */
  confidence: number;
  parserVersion: string;
  warnings: string[];
  /** The document's full text, kept so that storage can index it and legacy reports keep theirs. */
  text: string;
  /** Where `publishedDate` was read: a labelled date on the page, the date printed in the report, or a meta tag. */
  publishedDateSource?: string;
  /** Grid tables with figures that hold no canonical row (信息处理费收取情况), as their cells' text. */
  extraTables?: { table: number; rows: string[][] }[];
  /**
   * Rows printed with figures that have no canonical keys (其他主动公开文件; a （六）其他处理 printed
   * as one row for its three sub-rows, with `standsFor` naming them), kept as printed.
   */
  extraRows?: { table: string | null; label: string; cells: string[]; source: Provenance | null; standsFor?: string }[];
}

/** Hints about bytes that came over HTTP; the bytes themselves always decide the format. */
export interface ParseHints {
  fileName?: string;
  contentType?: string;
  /** Charset from an HTTP Content-Type header, if one was sent. */
  headerCharset?: string;
  /**
   * Cancels a long reading (OCR, a PDF's pages): its tesseract and pdftoppm children are killed and
   * the parse fails with the code `cancelled`.
   */
  signal?: AbortSignal;
  /**
   * `later`: a document that only OCR could read (a scanned PDF, an image) is not read now but
   * refused with the code `ocr_deferred`, so a crawl is not held up by minutes of OCR per scan;
   * `nianbao reparse --failed ocr_deferred` reads them afterwards. Default `now`.
   */
  ocr?: 'now' | 'later';
}
