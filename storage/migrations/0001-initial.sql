-- 0001: the whole first schema. Times are ISO-8601 UTC strings; JSON columns hold JSON text.

-- Government portals the crawler visits (a county site, its township and department sub-sites).
CREATE TABLE portals (
  id              INTEGER PRIMARY KEY,
  url             TEXT NOT NULL UNIQUE,
  name            TEXT,
  division_code   TEXT,                  -- administrative-division code (6 digits) where known
  level           TEXT,                  -- province | city | county | district | township | department
  enabled         INTEGER NOT NULL DEFAULT 1,   -- 0: kept for history, skipped by the nightly crawl
  needs_browser   INTEGER NOT NULL DEFAULT 0,   -- pages are rendered by JavaScript only
  blocked_reason  TEXT,                  -- e.g. 'challenge-412', 'challenge-521', 'wzws'; NULL when not blocked
  blocked_at      TEXT,
  robots_txt      TEXT,                  -- the robots.txt text as last fetched
  robots_fetched_at TEXT,
  notes           TEXT,
  added_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_crawl_at   TEXT
);

-- One crawl (or seed, or reparse) run; the summary is what the run printed, as JSON.
CREATE TABLE crawl_runs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL DEFAULT 'crawl',    -- crawl | seed | reparse
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'running',  -- running | ok | problems | failed | interrupted
  summary     TEXT                              -- JSON
);

-- Response bodies, stored once per sha256 whatever the number of captures pointing at them.
CREATE TABLE bodies (
  sha256    TEXT PRIMARY KEY,
  size      INTEGER NOT NULL,
  bytes     BLOB NOT NULL,
  stored_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every fetch. Fetching a URL again and getting the same bytes only updates last_seen_at and
-- seen_count; different bytes make a new capture and the old one stays.
CREATE TABLE captures (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL,
  final_url     TEXT,                  -- after redirects
  fetched_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  seen_count    INTEGER NOT NULL DEFAULT 1,
  status        INTEGER,               -- HTTP status; NULL when no response came
  headers       TEXT,                  -- JSON object of response headers
  content_type  TEXT,
  size          INTEGER,
  sha256        TEXT REFERENCES bodies(sha256),
  etag          TEXT,
  last_modified TEXT,
  error         TEXT,                  -- network error, challenge, … when the fetch failed
  label         TEXT,                  -- what the crawler took it for: home | list | report | attachment | …
  run_id        INTEGER REFERENCES crawl_runs(id),
  portal_id     INTEGER REFERENCES portals(id),
  referrer_url  TEXT,                  -- the page that linked to it
  link_text     TEXT
);
CREATE INDEX captures_by_url ON captures(url, id);
CREATE INDEX captures_by_sha256 ON captures(sha256);
CREATE INDEX captures_by_portal ON captures(portal_id);
CREATE INDEX captures_by_run ON captures(run_id);

-- Every parse of a capture: the full ParseResult (without its text) as JSON, the text apart.
CREATE TABLE parses (
  id             INTEGER PRIMARY KEY,
  capture_id     INTEGER NOT NULL REFERENCES captures(id),
  parser_version TEXT NOT NULL,
  parsed_at      TEXT NOT NULL,
  organ          TEXT,
  year           INTEGER,
  template       TEXT,                 -- 2021 | 2019 | legacy | NULL (not a report)
  format         TEXT,
  title          TEXT,
  confidence     REAL,
  fields_filled  INTEGER NOT NULL DEFAULT 0,   -- fields with a figure
  checks_failed  INTEGER NOT NULL DEFAULT 0,
  reason         TEXT,
  result         TEXT NOT NULL,        -- JSON ParseResult minus "text"
  text           TEXT
);
CREATE INDEX parses_by_capture ON parses(capture_id, id);
CREATE INDEX parses_by_organ_year ON parses(organ, year);
CREATE INDEX parses_by_version ON parses(parser_version);

-- One report per organ and year: the chosen parse and why it was chosen.
CREATE TABLE reports (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused: links to a report stay valid
  organ            TEXT NOT NULL,
  year             INTEGER NOT NULL,
  parse_id         INTEGER NOT NULL REFERENCES parses(id),
  capture_id       INTEGER NOT NULL REFERENCES captures(id),
  portal_id        INTEGER REFERENCES portals(id),
  template         TEXT,
  format           TEXT,
  title            TEXT,
  region_code      TEXT,
  published_date   TEXT,
  parser_version   TEXT NOT NULL,
  confidence       REAL,
  fields_filled    INTEGER NOT NULL DEFAULT 0,
  checks_failed    INTEGER NOT NULL DEFAULT 0,
  chosen_why       TEXT NOT NULL,
  candidates       INTEGER NOT NULL DEFAULT 1,
  updated_at       TEXT NOT NULL,
  UNIQUE (organ, year)
);
CREATE INDEX reports_by_year ON reports(year);
CREATE INDEX reports_by_region ON reports(region_code);
CREATE INDEX reports_by_portal ON reports(portal_id);

-- The captures a report came from: every candidate parse, and the pages that linked to attachments.
CREATE TABLE report_sources (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  capture_id INTEGER NOT NULL REFERENCES captures(id),
  parse_id   INTEGER REFERENCES parses(id),
  role       TEXT NOT NULL,            -- chosen | alternative | page (the page linking an attachment)
  PRIMARY KEY (report_id, capture_id)
) WITHOUT ROWID;

-- The long table: one row per report and field key of its chosen parse.
CREATE TABLE report_fields (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value      NUMERIC,                  -- NULL for a blank, '/', '无' … (raw keeps what was printed)
  raw        TEXT,
  provenance TEXT,                     -- JSON {table,row,col,line,page,x,y,ocr}
  PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
-- No index on key: it would dirty ~200 scattered pages per report written; per-key questions
-- over many reports go to report_values / reports_wide, which has one column per key.

-- The checks of the chosen parse, so failing ones can be queried.
CREATE TABLE report_checks (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  rule      TEXT NOT NULL,
  ok        INTEGER NOT NULL,
  blame     TEXT,                      -- source | parse
  detail    TEXT,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE INDEX report_checks_failing ON report_checks(ok, rule);

-- What the full-text index reads: the chosen parse's title and text per report.
CREATE VIEW report_documents AS
  SELECT r.id AS report_id, p.title AS title, p.text AS text
  FROM reports r JOIN parses p ON p.id = r.parse_id;

-- Full text over title and text; trigram so Chinese needs no word segmenter (queries ≥ 3 characters).
CREATE VIRTUAL TABLE report_search USING fts5(
  title, text, content = 'report_documents', content_rowid = 'report_id', tokenize = 'trigram'
);

-- The crawler's durable frontier: what to fetch, what was fetched, validators for the next night.
CREATE TABLE frontier (
  id            INTEGER PRIMARY KEY,
  portal_id     INTEGER NOT NULL REFERENCES portals(id),
  url           TEXT NOT NULL,
  label         TEXT,                  -- home | list | report | attachment | …
  depth         INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed', 'skipped')),
  reason        TEXT,
  parent_url    TEXT,
  link_text     TEXT,
  etag          TEXT,
  last_modified TEXT,
  last_sha256   TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_fetch_at TEXT,
  discovered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT,
  UNIQUE (portal_id, url)
);
CREATE INDEX frontier_by_status ON frontier(portal_id, status, next_fetch_at);

-- The wide figures: one row per report, one column per field key. Its columns are added from
-- FIELD_SPECS when the archive is opened (storage/wide-columns.ts), so a new key needs no migration.
CREATE TABLE report_values (
  report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE
);
