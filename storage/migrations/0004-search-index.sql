-- 0004: search served by indexes. The text of a parse moves out of `parses` into `parse_texts`, so
-- reading results or scanning parses never walks the text. Both full-text indexes are contentless
-- (rows deleted by rowid, nothing derived from other tables has to be replayed) and carry a `facets`
-- column (year and region, written by nianbao_facets(), storage/search-index.ts) so year and region
-- filter inside the index:
--   report_search  trigram, phrases of 3+ characters;
--   report_chars   one token per character (text spaced by nianbao_chars()), 1–2-character words
--                  queried as phrases of characters.
-- The counts a report's parse holds are stored on the report, so check-db compares numbers.
CREATE TABLE parse_texts (
  parse_id INTEGER PRIMARY KEY REFERENCES parses(id),
  text     TEXT NOT NULL
);
INSERT INTO parse_texts (parse_id, text) SELECT id, text FROM parses WHERE text IS NOT NULL;
DROP VIEW report_documents;
DROP TABLE report_search;
ALTER TABLE parses DROP COLUMN text;

-- The chosen parse's title and text per report (what the indexes were made from).
CREATE VIEW report_documents AS
  SELECT r.id AS report_id, p.title AS title, t.text AS text
  FROM reports r JOIN parses p ON p.id = r.parse_id LEFT JOIN parse_texts t ON t.parse_id = p.id;

ALTER TABLE reports ADD COLUMN fields_count INTEGER NOT NULL DEFAULT 0;   -- keys in the parse's fields
ALTER TABLE reports ADD COLUMN checks_count INTEGER NOT NULL DEFAULT 0;   -- checks the parse ran
UPDATE reports SET
  fields_count = (SELECT count(*) FROM parses p, json_each(p.result, '$.fields') WHERE p.id = reports.parse_id),
  checks_count = (SELECT count(*) FROM parses p, json_each(p.result, '$.checks') WHERE p.id = reports.parse_id);

CREATE VIRTUAL TABLE report_search USING fts5(
  title, text, facets, tokenize = 'trigram', content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE report_chars USING fts5(
  title, text, facets, content = '', contentless_delete = 1
);
INSERT INTO report_search (rowid, title, text, facets)
  SELECT r.id, p.title, t.text, nianbao_facets('trigram', r.year, COALESCE(r.region_code, po.division_code))
  FROM reports r JOIN parses p ON p.id = r.parse_id LEFT JOIN parse_texts t ON t.parse_id = p.id
  LEFT JOIN portals po ON po.id = r.portal_id;
INSERT INTO report_chars (rowid, title, text, facets)
  SELECT r.id, nianbao_chars(p.title), nianbao_chars(t.text), nianbao_facets('chars', r.year, COALESCE(r.region_code, po.division_code))
  FROM reports r JOIN parses p ON p.id = r.parse_id LEFT JOIN parse_texts t ON t.parse_id = p.id
  LEFT JOIN portals po ON po.id = r.portal_id;
