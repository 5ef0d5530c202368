-- Why each attempt was published: NULL for a first attempt, else the copy-task's retryReason
-- (COPY_FAILED, VERIFICATION_FAILED). image_task keeps the current attempt's, for the status view and
-- for the next retry: a copy failure after a verification failure still retries as VERIFICATION_FAILED.

ALTER TABLE task_attempt ADD COLUMN retry_reason VARCHAR(32) NULL AFTER published_at;

ALTER TABLE image_task ADD COLUMN retry_reason VARCHAR(32) NULL AFTER attempt;
