#!/usr/bin/env bash
# README's main job on the local stack: stack up → seed images into Glance on `old` (once per stack
# state) → the four services up → plan → copy → verify → cutover (Glance restarted on `new`) →
# every image downloaded through Glance and checked against its recorded SHA-512 → a summary.
#   GM_SEED_MIB   scale of the seed set in MiB (default 16)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
# shellcheck source=lib/services.sh
. "$here/lib/services.sh"
# shellcheck source=lib/job.sh
. "$here/lib/job.sh"

job_started=$SECONDS
"$here/stack.sh" up
if [ ! -f "$STATE/seeded" ]; then
    "$here/stack.sh" seed "${GM_SEED_MIB:-16}"
    touch "$STATE/seeded"
fi
services_build
services_up

set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
PLANNER_TOKEN=$(cat "$GM_PLANNER_TOKEN_FILE")
CUTOVER_TOKEN=$(cat "$GM_CUTOVER_TOKEN_FILE")

migration=$(job_plan) || die "planning failed"
echo "$migration" >"$STATE/last-migration"
log "planned migration $migration"
job_watch "$migration"
cutover_started=$SECONDS
cutover=$(job_cutover "$migration") || die "cutover failed"
log "cutover: $cutover"
CUTOVER_SECONDS=$((SECONDS - cutover_started))
check_started=$SECONDS
job_expected_hashes "$migration" >"$STATE/last-migration.sha512"
job_check_downloads "$STATE/last-migration.sha512"
CHECK_SECONDS=$((SECONDS - check_started))

cat <<SUMMARY
== glance-migrator: migration $migration done
images verified and cut over : $IMAGES
bytes                        : $(human_bytes "$TOTAL_BYTES")
copy                         : ${COPY_SECONDS}s ($(human_bytes $((TOTAL_BYTES / (COPY_SECONDS > 0 ? COPY_SECONDS : 1))))/s)
verify (after the last copy) : ${VERIFY_SECONDS}s
cutover                      : ${CUTOVER_SECONDS}s
download check               : ${CHECK_SECONDS}s
whole job                    : $((SECONDS - job_started))s
Glance now reads from the 'new' cluster. Roll back with:
  curl -X POST -H "Authorization: Bearer \$(cat $GM_CUTOVER_TOKEN_FILE)" $(service_url cutover-service)/migrations/$migration/rollback
Stop everything with: deploy/local/stack.sh down
SUMMARY
