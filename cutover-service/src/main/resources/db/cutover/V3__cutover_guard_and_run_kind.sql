-- Issue 11 (Galera): GET_LOCK is not replicated, so the one-at-a-time guards are rows. A guard is held
-- by an owner (a random token per holding, and the holder's host name for people) until lease_until;
-- the holder renews the lease while it works, so a killed holder's guard passes on once it expires.
-- Taken and renewed in transactions that Galera certifies: two nodes cannot both take it.
-- Times are UTC, from the database's clock (one clock for every instance that competes).
CREATE TABLE cutover_guard (
    name          VARCHAR(64)   NOT NULL PRIMARY KEY,
    holder_token  CHAR(36)      NULL,
    holder_host   VARCHAR(255)  NULL,
    purpose       VARCHAR(255)  NULL,
    since         DATETIME(6)   NULL,
    lease_until   DATETIME(6)   NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The two guards: every cutover and rollback ('cutover'), and the outbox relay ('outbox-relay').
INSERT INTO cutover_guard (name) VALUES ('cutover'), ('outbox-relay');

-- A run is the migration's first cutover ('full': rows, config switch, restart) or a 'delta' run on a
-- migration already cut over (only the rows of images that stayed on the source: Glance is switched).
ALTER TABLE cutover_run ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'full' AFTER attempt;
