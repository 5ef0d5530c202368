#!/usr/bin/env bash
# The main job as an automated test on the real stack: migrate.sh end to end, under faults injected
# for GM_CHAOS_SECONDS (chaos.sh; default 90); then, with the `old` cluster's OSD stopped, every image
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

"$here/chaos.sh" "${GM_CHAOS_SECONDS:-90}"
set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
migration=$(cat "$STATE/last-migration")
expected=$STATE/last-migration.sha512

log "e2e: stopping the old cluster's OSD; Glance must read from new"
process_stop ceph-old-osd
job_check_downloads "$expected"
ceph_start_osd old
wait_for "old placement groups" 90 ceph_pgs_active old

rollback=$(job_rollback "$migration") || die "rollback failed"
log "e2e: rolled back: $rollback"
log "e2e: stopping the new cluster's OSD; Glance must read from old"
process_stop ceph-new-osd
job_check_downloads "$expected"
ceph_start_osd new
wait_for "new placement groups" 90 ceph_pgs_active new

services_down
log "e2e: passed"
