-- 0002: what the crawler needs to replay a frontier entry exactly: the HTTP method and body
-- (Hanweb's dataproxy pages are POSTs) and the context it was found in (area, hops, file name), as JSON.
ALTER TABLE frontier ADD COLUMN method TEXT NOT NULL DEFAULT 'GET';
ALTER TABLE frontier ADD COLUMN payload TEXT;
ALTER TABLE frontier ADD COLUMN context TEXT;
ALTER TABLE frontier ADD COLUMN run_id INTEGER;
