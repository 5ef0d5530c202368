-- Who asked for the first plan and for the latest re-plan (user@project from their Keystone token, or the
-- static token's operator), as the migration-planned events' actor says; null for plans made before.
ALTER TABLE migration
    ADD COLUMN planned_by   VARCHAR(255) NULL AFTER created_at,
    ADD COLUMN replanned_by VARCHAR(255) NULL AFTER replanned_at;
