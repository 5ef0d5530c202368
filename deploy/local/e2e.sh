#!/usr/bin/env bash
# The main job as an automated test on the real stack: migrate.sh end to end, under faults injected
# for GM_CHAOS_SECONDS (chaos.sh; default 90), on every copier host the stack has (`up --hosts N`:
# each must have copied some images), with users uploading through a Glance node while it is
# switched (what lands on the old cluster must end migrated by a delta cutover); then, with the `old` cluster's OSD stopped, every image
# still downloads with its recorded SHA-512 (Glance reads `new`); then a rollback, and with `new`
# stopped, every image downloads from `old` again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
# shellcheck source=lib/ceph.sh
. "$here/lib/ceph.sh"
# shellcheck source=lib/services.sh
. "$here/lib/services.sh"
# shellcheck source=lib/job.sh
. "$here/lib/job.sh"
# shellcheck source=lib/cli-check.sh
. "$here/lib/cli-check.sh"

GM_UPLOAD_DURING_SWITCH=1 "$here/chaos.sh" "${GM_CHAOS_SECONDS:-90}"
set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
migration=$(cat "$STATE/last-migration")
expected=$STATE/last-migration.sha512

# Every image uploaded during the switch ends on the new cluster: on it from the start (its node was
# switched already), or moved there by a delta cutover. None is left behind on the old one.
uploads=$(wc -l <"$STATE/last-migration.uploads")
[ "$uploads" -gt 0 ] || die "no upload went through Glance during the switch: the scenario was not exercised"
while read -r image; do
    require_uuid "$image" "an uploaded image id"
    location=$(mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot -N "$GM_GLANCE_DB" \
        -e "SELECT value FROM image_locations WHERE image_id = '$image' AND deleted = 0")
    case $location in
        "rbd://$GM_CEPH_NEW_FSID/"*) ;;
        *) die "image $image, uploaded during the switch, is not on the new cluster: '$location'" ;;
    esac
done <"$STATE/last-migration.uploads"
delta=$(cat "$STATE/last-migration.delta")
[ "$delta" -gt 0 ] || die "no upload landed on the old cluster during the switch: the delta cutover was not exercised"
log "e2e: $uploads images uploaded during the switch, all on the new cluster ($delta moved there by delta cutovers)"

if fleet_enabled; then
    copy_hosts=$(job_images_per_copy_host "$migration")
    log "e2e: images copied per host: $(xargs <<<"$copy_hosts")"
    idle=$(job_idle_copier_hosts "$migration")
    [ -z "$idle" ] || die "copier hosts that copied no image of the migration: $(xargs <<<"$idle")"
fi

# The operator's CLI against the services, on this migration (no migration of its own to pay for).
cli_check "$migration"
cli_check_dependents_and_clean_up "$migration"
cli_check_identity "$migration"

log "e2e: stopping the old cluster's OSD; Glance must read from new"
process_stop ceph-old-osd
job_check_downloads "$expected"
# The real OpenStack client, as the operator, and no download without a token.
job_check_client_downloads "$expected"
job_check_unauthenticated "$expected"
ceph_start_osd old
wait_for "old placement groups" 90 ceph_pgs_active old

job_rollback_all "$migration" || die "rollback failed"
log "e2e: stopping the new cluster's OSD; Glance must read from old"
process_stop ceph-new-osd
job_check_downloads "$expected"
ceph_start_osd new
wait_for "new placement groups" 90 ceph_pgs_active new

services_down
log "e2e: passed"
