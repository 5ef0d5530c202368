-- Who asked for each run, as authenticated (the events' Actor as JSON: user, project, roles, keystone or
-- static-token; never a token). operator keeps the user name. Null for runs recorded before: their events
-- name the operator alone.
ALTER TABLE cutover_run ADD COLUMN actor TEXT NULL;
