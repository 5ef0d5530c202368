-- The cutover's events, written in the same transaction as the journal or run-state change each one
-- reports, so a broker outage (or a crash) can neither lose one nor hold up the cutover. The relay
-- publishes them in id order, keyed by migration id, and sets sent_at once the broker acknowledged;
-- payload is the encoded event, so a re-publication carries the same eventId.
CREATE TABLE cutover_outbox (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    migration_id  CHAR(36)     NOT NULL,
    attempt       INT          NOT NULL,
    event_id      CHAR(36)     NOT NULL,
    event_type    VARCHAR(32)  NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    payload       MEDIUMBLOB   NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    sent_at       DATETIME(6)  NULL,
    UNIQUE KEY cutover_outbox_event (event_id),
    KEY cutover_outbox_unsent (sent_at, id),
    KEY cutover_outbox_migration (migration_id, id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
