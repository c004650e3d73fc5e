-- 0003: organs as first-class records. A report is one organ × year; the organ is found from the
-- name it was printed under (an alias) by resolution against the division dataset, or by a person.

-- One organ: a government (keyed by its division code) or a department of one, or an organ no
-- division matched (keyed by its printed name until a person decides).
CREATE TABLE organs (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,     -- gov:411621104 | dept:411621:教育局 | name:<printed> | manual:<n>
  name          TEXT NOT NULL UNIQUE,     -- canonical name, e.g. 扶沟县韭园镇人民政府
  level         TEXT NOT NULL,            -- province | prefecture | county | township | department | other
  division_code TEXT,                     -- 6 digits (province, prefecture, county) or 9 (township); NULL when unknown
  parent_id     INTEGER REFERENCES organs(id),   -- the government it belongs to, when that organ is known
  portal_id     INTEGER REFERENCES portals(id),  -- the portal it publishes on
  origin        TEXT NOT NULL DEFAULT 'seen',    -- seen (a document named it) | expected (a division of a portal's county) | manual
  created_at    TEXT NOT NULL
);
CREATE INDEX organs_by_division ON organs(division_code);
-- Coverage pages organs in division-code order (unmatched last), whole or per portal.
CREATE INDEX organs_in_order ON organs(coalesce(division_code, '~'), name);
CREATE INDEX organs_by_portal ON organs(portal_id, coalesce(division_code, '~'), name);

-- Every name an organ was printed under, how it was matched and where it was first seen.
CREATE TABLE organ_aliases (
  name             TEXT PRIMARY KEY,     -- the printed organ as parses.organ holds it (whitespace removed)
  organ_id         INTEGER NOT NULL REFERENCES organs(id),
  reasons          TEXT NOT NULL,        -- JSON array of the matching steps, e.g. "region prefix left out: …"
  doubt            TEXT,                 -- why the match is uncertain; NULL when it is not
  manual           INTEGER NOT NULL DEFAULT 0,   -- 1: a person decided (nianbao organs alias|merge|split); resolution leaves it alone
  first_capture_id INTEGER REFERENCES captures(id),
  first_portal_id  INTEGER REFERENCES portals(id),
  first_url        TEXT,
  seen_at          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX organ_aliases_by_organ ON organ_aliases(organ_id);

-- What people decided, in order, so a decision can be read back and exported.
CREATE TABLE organ_decisions (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  action   TEXT NOT NULL,                -- alias | merge | split
  alias    TEXT,
  organ_id INTEGER,
  detail   TEXT NOT NULL
);

ALTER TABLE reports ADD COLUMN organ_id INTEGER REFERENCES organs(id);
CREATE INDEX reports_by_organ_id ON reports(organ_id, year);

-- Deadlines for the audit, by organ level, per portal (portal_id 0: every portal). 条例 (2019) 第四十九条:
-- departments of county-level and higher governments by 31 January, those governments by 31 March;
-- townships and 街道 are not named there, so theirs is a setting (default 31 January).
CREATE TABLE audit_deadlines (
  portal_id INTEGER NOT NULL DEFAULT 0,
  level     TEXT NOT NULL,              -- province | prefecture | county | township | department | other
  month_day TEXT NOT NULL CHECK (month_day GLOB '[0-1][0-9]-[0-3][0-9]'),   -- of the year after the report's
  PRIMARY KEY (portal_id, level)
) WITHOUT ROWID;
