-- The status lists a migration's stuck images: those in one state, not updated since some time, oldest
-- first, a limited number. With (migration_id, state, updated_at) that is one index range read in order
-- and cut by the LIMIT, however many images the migration has. The index also serves every query by
-- migration and state, so it replaces image_task_state.
-- Whether anything in a migration moved lately: one look at the end of (migration_id, updated_at).
ALTER TABLE image_task
    ADD KEY image_task_state_since (migration_id, state, updated_at),
    ADD KEY image_task_updated (migration_id, updated_at),
    DROP KEY image_task_state;
