// The format-neutral steps, from the common document to the contract's parse result: metadata
// (organ, year, dates), the template generation, the canonical fields (fields.tsv) mapped from the
// rows by their labels and positions, the checks, the sections, and an honest confidence. Nothing
// here knows which format the document came in.
export { buildReport, emptyResult } from './build-report.ts';
export { FIELD_SPECS, fieldKeysFor, fieldSpec } from './fields.ts';
export type { FieldSpec } from './fields.ts';
export { toTraditional } from './traditional.ts';
export { organYearOfTitle } from './metadata.ts';
