-- 0005: hosts outside a portal's own domain that its crawl may still fetch from (a file server on
-- another domain, a flipbook on a bare IP), as a JSON array of `host`, `host:port` or `*.domain`.
-- Everything else off the portal's domain is refused (and counted in the run summary).
ALTER TABLE portals ADD COLUMN allow_hosts TEXT;
