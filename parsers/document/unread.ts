// The one test of "a cell with ink that OCR could not read": empty text with confidence 0 (nothing
// recognised, or two readings that disagree), unlike a cell with no ink (confidence 100). The OCR
// reader marks such cells, and the report's checks blame the parse for them.

/** The reading of a cell OCR could not read. */
export const UNREAD = Object.freeze({ text: '', confidence: 0 });

/** True for a reading (or a stored cell: raw text and OCR confidence) that is the unread marker. */
export function isUnread(reading: { text: string | null; confidence: number | undefined }): boolean {
  return (reading.text ?? '').trim() === '' && reading.confidence === 0;
}
