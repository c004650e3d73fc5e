-- 0007: the scans a crawl --ocr-later stored unread. Coverage and the audit show their organ-year
-- as "ocr-pending" (a scan waits for `nianbao reparse --failed ocr_deferred`) rather than as
-- unparsed or missing; this partial index finds those few parses without reading every parse.
CREATE INDEX parses_ocr_deferred ON parses(capture_id) WHERE reason LIKE 'ocr_deferred:%';
