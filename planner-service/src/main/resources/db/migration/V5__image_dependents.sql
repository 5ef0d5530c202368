-- The clone children of each image's source snapshot (Nova disks, Cinder volumes, in any pool), as the
-- latest applied copied event listed them: what keeps the source cluster from being retired. A copied
-- event replaces an image's rows. image_task.dependents counts them, so the status sums a migration's
-- in one range read of (migration_id, dependents) over the images that have any, however many images
-- the migration has; an images page reads its images' rows in one query by task_id.

ALTER TABLE image_task
    ADD COLUMN dependents INT NOT NULL DEFAULT 0 AFTER zero_bytes_skipped,
    ADD KEY image_task_dependents (migration_id, dependents);

CREATE TABLE image_dependent (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id     BIGINT        NOT NULL,
    pool        VARCHAR(255)  NOT NULL,
    namespace   VARCHAR(255)  NOT NULL,
    image       VARCHAR(255)  NOT NULL,
    -- INSTANCE_DISK, VOLUME or OTHER, by the name
    kind        VARCHAR(16)   NOT NULL,
    in_trash    BOOLEAN       NOT NULL,
    KEY image_dependent_task (task_id),
    CONSTRAINT image_dependent_task FOREIGN KEY (task_id) REFERENCES image_task (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
