#!/usr/bin/env bash
# README's main job on the local stack: stack up, seed images into Glance on `old`, build and start
# the four services, then plan → copy → verify → cutover.
#
# Today (foundation): the stack, the seed set and the four services run, and the job reports the
# inventory it will migrate. Plan, copy, verify and cutover arrive with the issues that build them.
#   GM_SEED_MIB   scale of the seed set in MiB (default 16); seeding happens once per stack state
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for part in common services; do
    # shellcheck source=/dev/null
    . "$here/lib/$part.sh"
done

"$here/stack.sh" up
if [ ! -f "$STATE/seeded" ]; then
    "$here/stack.sh" seed "${GM_SEED_MIB:-16}"
    touch "$STATE/seeded"
fi
services_build
services_up

# shellcheck source=/dev/null
. "$ENV_FILE"
log "inventory on the source cluster (Glance's database):"
mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot "$GM_GLANCE_DB" --table -e "
    SELECT i.status, COUNT(*) AS images, COALESCE(SUM(i.size), 0) AS bytes
    FROM images i JOIN image_locations l ON l.image_id = i.id
    WHERE l.value LIKE 'rbd://$GM_CEPH_OLD_FSID/%' AND l.deleted = 0
    GROUP BY i.status ORDER BY i.status"
log "the stack and the four services are up; 'deploy/local/stack.sh down' stops everything."
log "not yet built: plan, copy, verify, cutover (their issues are open)."
