-- The cutover's own tables, beside the planner's ledger (history: cutover_schema_history).
-- One row per cutover attempt of a migration. state: failed (a precondition or step failed; see
-- message), journaled (rows recorded, Glance untouched), db_switched (location rows rewritten),
-- config_switched (Glance's config written, restart pending), completed, rolled_back, abandoned
-- (journaled, then superseded by a re-run: its rows were never rewritten).
CREATE TABLE cutover_run (
    migration_id        CHAR(36)      NOT NULL,
    attempt             INT           NOT NULL,
    operator            VARCHAR(255)  NOT NULL,
    state               VARCHAR(20)   NOT NULL,
    source_fsid         CHAR(36)      NOT NULL,
    source_pool         VARCHAR(255)  NOT NULL,
    target_cluster      VARCHAR(64)   NOT NULL,
    target_fsid         CHAR(36)      NOT NULL,
    target_pool         VARCHAR(255)  NOT NULL,
    switch_kind         VARCHAR(32)   NOT NULL,
    -- What the config switch wrote and where it kept the originals (JSON), for the rollback.
    config_backup       TEXT          NULL,
    rows_journaled      INT           NOT NULL DEFAULT 0,
    rows_changed        INT           NULL,
    rows_restored       INT           NULL,
    message             VARCHAR(2048) NULL,
    started_at          DATETIME(6)   NOT NULL,
    db_switched_at      DATETIME(6)   NULL,
    config_switched_at  DATETIME(6)   NULL,
    completed_at        DATETIME(6)   NULL,
    rolled_back_at      DATETIME(6)   NULL,
    PRIMARY KEY (migration_id, attempt)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every glance.image_locations row an attempt rewrites, recorded before the rewrite.
CREATE TABLE cutover_journal (
    migration_id   CHAR(36)     NOT NULL,
    attempt        INT          NOT NULL,
    location_id    INT          NOT NULL,
    image_id       VARCHAR(36)  NOT NULL,
    old_value      TEXT         NOT NULL,
    new_value      TEXT         NOT NULL,
    old_meta_data  TEXT         NULL,
    new_meta_data  TEXT         NULL,
    PRIMARY KEY (migration_id, attempt, location_id),
    CONSTRAINT cutover_journal_run FOREIGN KEY (migration_id, attempt) REFERENCES cutover_run (migration_id, attempt)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
