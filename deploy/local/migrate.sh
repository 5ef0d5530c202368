#!/usr/bin/env bash
# README's main job on the local stack: stack up → seed images into Glance on `old`, two of them
# with clone children (once per stack state) → the four services up → plan → copy → verify →
# cutover (Glance restarted on `new`) → every image downloaded through Glance and checked against
# its recorded SHA-512 → a summary.
#   GM_SEED_MIB       scale of the seeded set in MiB (default 16)
#   GM_SEED_SETS      how many times the mixed set is seeded (default 1)
#   GM_CHAOS_SECONDS  inject faults at random for that long while the migration runs (chaos.sh sets it)
#   GM_UPLOAD_DURING_SWITCH=1  users upload through a Glance node while it is being switched (e2e sets it);
#                     whatever lands on the old cluster is completed by a delta cutover, as always
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
# shellcheck source=lib/services.sh
. "$here/lib/services.sh"
# shellcheck source=lib/job.sh
. "$here/lib/job.sh"
# shellcheck source=lib/chaos.sh
. "$here/lib/chaos.sh"

job_started=$SECONDS
"$here/stack.sh" up
if [ ! -f "$STATE/seeded" ]; then
    for _ in $(seq "${GM_SEED_SETS:-1}"); do "$here/stack.sh" seed "${GM_SEED_MIB:-16}"; done
    touch "$STATE/seeded"
fi
# Once per stack state too, also on a stack seeded before clones were part of the seed.
"$here/stack.sh" seed-clones
services_build
services_up

set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a

migration=$(job_plan) || die "planning failed"
echo "$migration" >"$STATE/last-migration"
log "planned migration $migration"
if [ "${GM_CHAOS_SECONDS:-0}" -gt 0 ]; then
    # Faults begin once the fleet is at work: a host frozen before its first copy would have copied
    # nothing, and the end-to-end test holds every host to having copied some images.
    if fleet_enabled; then job_await_hosts_at_work "$migration" 30; fi
    CHAOS_LOG=$STATE/chaos/faults.log; mkdir -p "$STATE/chaos"; : >"$CHAOS_LOG"
    log "injecting faults for ${GM_CHAOS_SECONDS}s (log: $CHAOS_LOG)"
    chaos_inject "$GM_CHAOS_SECONDS" &
    chaos_pid=$!
    # A fault in progress (MariaDB down, a copier frozen) is always seen through to its end.
    trap 'wait "$chaos_pid"' EXIT
fi
job_watch "$migration"
if [ -n "${chaos_pid:-}" ]; then
    wait "$chaos_pid"; trap - EXIT
    log "faults over; every service up again before the cutover"
    services_up
    # Keystone too: its database was away with the others (the CLI's next calls each need a token).
    wait_for "Keystone issuing tokens" 120 keystone_issues operator
fi
# What an operator looks at first: the dry run's blockers, rows and config, and its warnings (clones on the
# old cluster that will keep it alive). Kept for the end-to-end test.
dry_run=$(job_cli cutover "$migration" --dry-run) || die "the cutover's dry run failed or found blockers"
echo "$dry_run" >"$STATE/last-migration.dry-run.json"
log "dry run: $(jq '.locationChanges | length' <<<"$dry_run") location rows to rewrite;" \
    "$(jq '.warnings // [] | length' <<<"$dry_run") warnings$(jq -r '.warnings // [] | map("; " + .detail) | join("")' <<<"$dry_run")"
cutover_started=$SECONDS
if [ "${GM_UPLOAD_DURING_SWITCH:-0}" = 1 ]; then
    rm -f "$STATE/last-migration.uploads.stop"
    job_upload_during_switch "$migration" &
    uploader=$!
fi
cutover=$(job_cutover "$migration") || cutover=""
# The uploader ends between two uploads, so every upload it started is finished and recorded.
if [ -n "${uploader:-}" ]; then touch "$STATE/last-migration.uploads.stop"; wait "$uploader" || true; fi
[ -n "$cutover" ] || die "cutover failed"
log "cutover: $cutover"
job_complete_left_on_source "$migration" "$cutover"
echo "${DELTA_IMAGES:-0}" >"$STATE/last-migration.delta"
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
cutover                      : ${CUTOVER_SECONDS}s, delta runs included (${DELTA_IMAGES:-0} rows of images uploaded during the switch)
download check               : ${CHECK_SECONDS}s
whole job                    : $((SECONDS - job_started))s
Glance now reads from the 'new' cluster. Roll back with (once per run, the latest first):
  deploy/local/glance-migrator rollback $migration
Stop everything with: deploy/local/stack.sh down
SUMMARY
