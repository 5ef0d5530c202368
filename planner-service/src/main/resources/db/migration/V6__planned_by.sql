-- Who asked for the first plan and for the latest re-plan (user@project from their Keystone token, or the
-- static token's operator), as the migration-planned events' actor says; null for plans made before.
-- 320: Keystone's user name (up to 255) + '@' + its project name (up to 64).
ALTER TABLE migration
    ADD COLUMN planned_by   VARCHAR(320) NULL AFTER created_at,
    ADD COLUMN replanned_by VARCHAR(320) NULL AFTER replanned_at;
