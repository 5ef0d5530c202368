-- Lists that walk a whole migration in pages, at 100,000 images: each page is one index range read in
-- order, cut by its LIMIT, instead of a sort of every row of the migration.
-- The manifest: verified images in (verified_at, image_id) order, walked by keyset.
-- The images endpoint: largest first, then by id.
ALTER TABLE image_task
    ADD KEY image_task_verified (migration_id, verified_at, image_id),
    ADD KEY image_task_largest (migration_id, size_bytes, image_id);
