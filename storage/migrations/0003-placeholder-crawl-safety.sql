-- 0003: placeholder so that 0005 applies on the crawl-safety branch alone. Numbers 0003 and 0004
-- belong to other branches: at merge, delete this file (and 0004's placeholder) in favour of theirs.
SELECT 1;
