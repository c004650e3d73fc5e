-- 0006: placeholder so that 0007 applies on the serve branch alone. Numbers 0003–0006 belong to other
-- branches (organs, storage-speed, crawl-safety …): at merge, delete this file in favour of theirs.
SELECT 1;
