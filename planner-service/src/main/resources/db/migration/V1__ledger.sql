-- The planner's ledger: one row per migration, one per Glance image it considered, the attempts,
-- the outbox of events still to publish, the ids of events already applied, and the audit log.
-- Times are UTC with microseconds, as the events carry them.

CREATE TABLE migration (
    id              CHAR(36)     NOT NULL PRIMARY KEY,
    source_cluster  VARCHAR(64)  NOT NULL,
    source_fsid     CHAR(36)     NOT NULL,
    source_pool     VARCHAR(255) NOT NULL,
    target_cluster  VARCHAR(64)  NOT NULL,
    target_fsid     CHAR(36)     NULL,
    target_pool     VARCHAR(255) NOT NULL,
    -- 1 after the first plan, one more per re-plan: the MigrationPlanned event's attempt.
    plan_runs       INT          NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    replanned_at    DATETIME(6)  NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One Glance image in one migration. state: planned, copying, copied, verifying, verified, failed,
-- skipped (deleted in Glance after it was planned) or out_of_scope (never touched; reason says why).
CREATE TABLE image_task (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    migration_id        CHAR(36)      NOT NULL,
    image_id            VARCHAR(64)   NOT NULL,
    image_name          VARCHAR(255)  NULL,
    size_bytes          BIGINT        NOT NULL,
    glance_status       VARCHAR(30)   NOT NULL,
    -- The location row that put the image in scope (NULL when out of scope): rbd://fsid/pool/image/snap
    source_location     TEXT          NULL,
    source_image        VARCHAR(255)  NULL,
    source_snapshot     VARCHAR(255)  NULL,
    state               VARCHAR(16)   NOT NULL,
    reason              VARCHAR(1024) NULL,
    attempt             INT           NOT NULL,
    planned_in_run      INT           NOT NULL,
    bytes_copied        BIGINT        NOT NULL DEFAULT 0,
    bytes_verified      BIGINT        NOT NULL DEFAULT 0,
    bytes_read          BIGINT        NULL,
    bytes_written       BIGINT        NULL,
    zero_bytes_skipped  BIGINT        NULL,
    copy_host           VARCHAR(255)  NULL,
    verify_host         VARCHAR(255)  NULL,
    copy_duration_ms    BIGINT        NULL,
    verify_duration_ms  BIGINT        NULL,
    verify_mode         VARCHAR(32)   NULL,
    hash_algorithm      VARCHAR(32)   NULL,
    recorded_hash       VARCHAR(128)  NULL,
    computed_hash       VARCHAR(128)  NULL,
    last_failure        VARCHAR(1024) NULL,
    planned_at          DATETIME(6)   NOT NULL,
    copy_started_at     DATETIME(6)   NULL,
    copied_at           DATETIME(6)   NULL,
    verify_started_at   DATETIME(6)   NULL,
    verified_at         DATETIME(6)   NULL,
    finished_at         DATETIME(6)   NULL,
    updated_at          DATETIME(6)   NOT NULL,
    UNIQUE KEY image_task_image (migration_id, image_id),
    KEY image_task_state (migration_id, state),
    CONSTRAINT image_task_migration FOREIGN KEY (migration_id) REFERENCES migration (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One copy attempt of one image: who copied and verified it, and how it ended.
CREATE TABLE task_attempt (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id         BIGINT        NOT NULL,
    attempt         INT           NOT NULL,
    published_at    DATETIME(6)   NOT NULL,
    copy_host       VARCHAR(255)  NULL,
    copied_at       DATETIME(6)   NULL,
    verify_host     VARCHAR(255)  NULL,
    verified_at     DATETIME(6)   NULL,
    outcome         VARCHAR(32)   NULL,
    reason          VARCHAR(1024) NULL,
    UNIQUE KEY task_attempt_number (task_id, attempt),
    CONSTRAINT task_attempt_task FOREIGN KEY (task_id) REFERENCES image_task (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Events written in the same transaction as the ledger rows they follow from; the relay publishes
-- them in id order (a plan inserts its tasks largest first) and sets sent_at.
CREATE TABLE outbox (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    migration_id  CHAR(36)     NOT NULL,
    event_id      CHAR(36)     NOT NULL,
    event_type    VARCHAR(32)  NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    payload       MEDIUMBLOB   NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    sent_at       DATETIME(6)  NULL,
    UNIQUE KEY outbox_event (event_id),
    KEY outbox_unsent (sent_at, id),
    KEY outbox_migration (migration_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Events a consumer already applied to the ledger: a redelivered event finds its id here.
CREATE TABLE processed_event (
    consumer    VARCHAR(64)  NOT NULL,
    event_id    CHAR(36)     NOT NULL,
    event_type  VARCHAR(32)  NOT NULL,
    applied_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (consumer, event_id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every event seen on the kept topics, where it sat in Kafka. Append-only: the triggers below refuse
-- changes, and a record read twice (same topic, partition, offset) is stored once.
CREATE TABLE audit_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    migration_id    CHAR(36)     NOT NULL,
    image_id        VARCHAR(64)  NULL,
    event_id        CHAR(36)     NOT NULL,
    event_type      VARCHAR(32)  NOT NULL,
    attempt         INT          NOT NULL,
    host            VARCHAR(255) NOT NULL,
    occurred_at     DATETIME(6)  NOT NULL,
    kafka_topic     VARCHAR(255) NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    recorded_at     DATETIME(6)  NOT NULL,
    payload         MEDIUMTEXT   NOT NULL,
    UNIQUE KEY audit_position (kafka_topic, kafka_partition, kafka_offset),
    KEY audit_migration (migration_id, id),
    KEY audit_image (migration_id, image_id, occurred_at)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_event is append-only';
