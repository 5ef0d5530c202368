-- Every run of the command switch's executable (apply on a cutover, restore on a rollback): how it
-- ended and the end of what it printed, so an operator reads in the journal why a switch failed.
-- Key material is redacted from the output before it is kept (SwitchCommandJournal).
CREATE TABLE cutover_switch_command (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    migration_id  CHAR(36)     NOT NULL,
    attempt       INT          NOT NULL,
    action        VARCHAR(16)  NOT NULL,
    -- NULL: it did not end within cutover.glance.switch-timeout and was killed.
    exit_code     INT          NULL,
    -- The last characters of stdout then stderr (Commands.TAIL_CHARS), redacted.
    output_tail   TEXT         NOT NULL,
    started_at    DATETIME(6)  NOT NULL,
    ended_at      DATETIME(6)  NOT NULL,
    KEY cutover_switch_command_run (migration_id, attempt, id),
    CONSTRAINT cutover_switch_command_run FOREIGN KEY (migration_id, attempt)
        REFERENCES cutover_run (migration_id, attempt) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
