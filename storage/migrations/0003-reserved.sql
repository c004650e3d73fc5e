-- 0003: number reserved for the organ registry (branch organs). This placeholder changes nothing;
-- when that branch is merged its 0003 file replaces this one (two 0003 files fail loadMigrations).
SELECT 1;
