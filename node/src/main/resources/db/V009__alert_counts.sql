-- Issue 10, attack 5: strangers' refused requests are counted on one alert per client address (and
-- reason) instead of adding a row each. An alert now says how many times it was raised while open
-- (count) and when last (last_seen_at; created_at is the first time), and from which client address
-- when its sender is not a pinned peer (address). Rows written before count once.
ALTER TABLE alerts ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE alerts ADD COLUMN last_seen_at TEXT;
ALTER TABLE alerts ADD COLUMN address TEXT;
UPDATE alerts SET last_seen_at = created_at;
CREATE INDEX alerts_open ON alerts (kind, acknowledged_at);
