-- 0007: a check's outcome in three states. `ok` alone told "holds" from "fails" but said nothing of
-- rules that could not be checked (every equation met a blank cell): those showed as green "holds".
-- `ok` stays (0 only for fails) so every query written against it keeps its meaning.
ALTER TABLE report_checks ADD COLUMN status TEXT NOT NULL DEFAULT 'holds' CHECK (status IN ('holds', 'fails', 'not_checked'));
-- Rows written before 0007: the parsers have said "not checked: …" in the detail since they first ran such rules.
UPDATE report_checks SET status = CASE WHEN ok = 0 THEN 'fails' WHEN detail LIKE 'not checked%' THEN 'not_checked' ELSE 'holds' END;
CREATE INDEX report_checks_by_status ON report_checks(status, rule);
