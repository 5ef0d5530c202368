#!/usr/bin/env bash
# The main job under faults: migrate.sh on a mixed set of at least 20 images while faults are
# injected at random for SECONDS (default 300) — kill -9 of each service, a Kafka restart, every
# MariaDB node killed and started again after 30-90 s, one Galera node killed for 20 s, the copier
# frozen for 60 s, Glance's database refusing the verifier; with copier hosts, a host cut off the
# network for 60 s too — then the cutover and every image downloaded through Glance and checked
# against its hash.
# Prints what was injected and what must be zero: images stuck, wrong downloads, valid events
# dead-lettered, audit events missing (the topics against the planner's audit trail). Exits non-zero
# unless those are all zero.
#   chaos.sh [SECONDS]    GM_SEED_SETS (default 3) and GM_SEED_MIB (default 2) size the set
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

seconds=${1:-300}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 30 ]; then
    die "SECONDS must be a whole number of at least 30, not '$seconds'"
fi
started_ms=$(($(date +%s) * 1000))
rm -f "$STATE/last-migration" "$STATE/last-migration.stuck" "$STATE/last-migration.wrong"

job_failed=0
GM_SEED_SETS=${GM_SEED_SETS:-3} GM_SEED_MIB=${GM_SEED_MIB:-2} GM_CHAOS_SECONDS=$seconds \
    GM_WATCH_TIMEOUT=${GM_WATCH_TIMEOUT:-$((seconds + 600))} "$here/migrate.sh" || job_failed=1

set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
[ -f "$STATE/last-migration" ] || die "the migration was never planned"
migration=$(cat "$STATE/last-migration")
CHAOS_LOG=$STATE/chaos/faults.log
report=$(java -cp "$REPO/planner-service/target/quarkus-app/lib/main/*" "$here/chaos/ChaosReport.java" \
    "$GM_KAFKA_BOOTSTRAP" "$migration" "$(service_url planner-service)" "$GM_PLANNER_TOKEN_FILE" "$started_ms" \
    2>"$STATE/chaos/report.log") || die "could not compare the topics with the audit trail (see $STATE/chaos/report.log)"
grep '^not in the audit trail' "$STATE/chaos/report.log" >&2 || true
verified=$(job_cli status "$migration" | jq '.counts.verified // 0')
read -r stuck _ <"$STATE/last-migration.stuck" 2>/dev/null || stuck="?"
wrong=$(cat "$STATE/last-migration.wrong" 2>/dev/null || echo "?")
dead=$(awk '$1 == "valid-dead-lettered" {print $2}' <<<"$report")
missing=$(awk '$1 == "audit-missing" {print $2}' <<<"$report")

echo "== chaos: migration $migration, faults for ${seconds}s"
printf '%-34s %s\n' "fault" "injected"
chaos_counts | while read -r kind n; do printf '  %-32s %s\n' "$kind" "$n"; done
printf '%-34s %s\n' "images verified" "$verified" "images stuck" "$stuck" "wrong downloads" "$wrong" \
    "valid events dead-lettered" "$dead" "audit events missing" "$missing"
if [ "$job_failed" -ne 0 ] || [ "$stuck" != 0 ] || [ "$wrong" != 0 ] || [ "$dead" != 0 ] || [ "$missing" != 0 ]; then
    die "chaos: the migration did not come through unharmed"
fi
log "chaos: passed"
