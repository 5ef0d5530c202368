#!/usr/bin/env bash
# Scale of the control side: N images (default 100,000) as rows in Glance's database, no data. The
# planner plans them under a small heap, its outbox publishes them, the status, images and audit
# endpoints answer at N images and AUDIT events (default 1,000,000), the cutover's dry run plans
# them, and the cutover's own classes journal, rewrite and restore N location rows — each beside the
# database's own time for the same rows (the floor). See bench/README.md ("Scale").
#
#   bench/scale.sh [N] [-r REPS]
#
# Needs the stack up (copier and verifier are stopped for the run: nothing is copied). Glance's rows
# are removed on exit; the ledger keeps the migration (its audit trail is append-only): reset the
# stack afterwards (`stack.sh reset`) before measuring anything else on it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=lib-migration.sh
. "$here/lib-migration.sh"

COUNT=100000
if [[ ${1:-} =~ ^[0-9]+$ ]]; then COUNT=$1; shift; fi
run_options "$@"
AUDIT=${BENCH_SCALE_AUDIT:-$((COUNT * 10))} # audit events of the migration, real ones included
PLANNER_HEAP=${BENCH_SCALE_PLANNER_HEAP:-256m} # the planner's -Xmx while it plans: memory must not grow with N
ID_PREFIX=5ca1e000-0000-4000-8000-              # the bench's image ids: this, then 12 hex digits
ROWS_PER_INSERT=20000                           # rows per INSERT statement: one Galera writeset each
MIGRATION=

ledger_sql() { mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot --default-character-set=utf8mb4 -N -B "$GM_LEDGER_DB" -e "$1"; }
timed() { local t0; t0=$(now); "$@" >/dev/null; awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
# get_seconds PATH -> the median of REPS GETs of the planner's PATH, in s (with the operator's static
# token, in a header file: never on a command line).
get_seconds() {
    local i headers times
    headers=$(bearer_headers "$GM_PLANNER_TOKEN_FILE")
    times=$(for ((i = 0; i < REPS; i++)); do
        curl -fsS -o /dev/null -w '%{time_total}\n' -H @"$headers" "$PLANNER$1" || exit 1
    done) || { rm -f "$headers"; fail "GET $1 failed"; }
    rm -f "$headers"
    median <<<"$times"
}

# --- Glance's rows ---------------------------------------------------------------------------------

# make_rows FIRST LAST: images FIRST..LAST (numbers in their ids), active, with one live location
# each on old's pool, sizes 1 MiB + 0..96 pages.
make_rows() {
    local from to t0
    t0=$(now)
    say "making images $1..$2 in Glance's database (SQL, $ROWS_PER_INSERT rows a statement)"
    for ((from = $1; from <= $2; from += ROWS_PER_INSERT)); do
        to=$((from + ROWS_PER_INSERT - 1)); [ $to -le "$2" ] || to=$2
        glance_sql "
            INSERT INTO images (id, name, size, status, created_at, updated_at, deleted, disk_format,
                                container_format, owner, min_disk, min_ram, visibility, protected, os_hidden)
            SELECT CONCAT('$ID_PREFIX', LPAD(LOWER(HEX(seq)), 12, '0')), CONCAT('scale-', seq),
                   1048576 + (seq % 97) * 4096, 'active', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 0, 'raw', 'bare',
                   'bench-project', 0, 0, 'shared', 0, 0
            FROM seq_${from}_to_${to};
            INSERT INTO image_locations (image_id, value, created_at, updated_at, deleted, meta_data, status)
            SELECT CONCAT('$ID_PREFIX', LPAD(LOWER(HEX(seq)), 12, '0')),
                   CONCAT('rbd://$GM_CEPH_OLD_FSID/$GM_POOL/$ID_PREFIX', LPAD(LOWER(HEX(seq)), 12, '0'), '/snap'),
                   UTC_TIMESTAMP(), UTC_TIMESTAMP(), 0, '{\"store\": \"$GM_GLANCE_STORE\"}', 'active'
            FROM seq_${from}_to_${to};" || fail "inserting Glance rows $from..$to failed"
    done
    say "made in $(elapsed "$t0")s"
}

# delete_rows FIRST LAST: images FIRST..LAST deleted as Glance deletes them (rows kept, flagged).
delete_rows() {
    glance_sql "UPDATE images SET deleted = 1, status = 'deleted', deleted_at = UTC_TIMESTAMP()
                WHERE id BETWEEN CONCAT('$ID_PREFIX', LPAD(LOWER(HEX($1)), 12, '0')) AND CONCAT('$ID_PREFIX', LPAD(LOWER(HEX($2)), 12, '0'));
                UPDATE image_locations SET deleted = 1, status = 'deleted', deleted_at = UTC_TIMESTAMP()
                WHERE image_id BETWEEN CONCAT('$ID_PREFIX', LPAD(LOWER(HEX($1)), 12, '0')) AND CONCAT('$ID_PREFIX', LPAD(LOWER(HEX($2)), 12, '0'));"
}

drop_rows() {
    glance_sql "DELETE FROM image_locations WHERE image_id LIKE '$ID_PREFIX%';
                DELETE FROM images WHERE id LIKE '$ID_PREFIX%';" || say "could not remove the bench's Glance rows"
}

# --- the services ----------------------------------------------------------------------------------

# Copier and verifier stay stopped: the tasks are published, never copied. The planner runs with a
# heap of PLANNER_HEAP: a plan that held every image would not fit.
services_for_scale() {
    local svc
    for svc in copier-service verifier-service planner-service; do
        "$GM_STACK_SCRIPT" stop "$svc" >>"$OUT/services.log" 2>&1 || true
    done
    JAVA_TOOL_OPTIONS="-Xmx$PLANNER_HEAP" "$GM_STACK_SCRIPT" start planner-service >>"$OUT/services.log" 2>&1 ||
        fail "planner-service did not start (see $OUT/services.log)"
    "$GM_STACK_SCRIPT" start cutover-service >>"$OUT/services.log" 2>&1 || fail "cutover-service did not start"
}

# The copier group would copy the bench's tasks (of images that do not exist) the next time it runs:
# its committed offsets are moved past them. Then every service as the main job runs them.
services_restored() {
    local topic=glance-migrator.copy-tasks
    java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$GM_KAFKA_BOOTSTRAP" \
        --group copier --topic "$topic" --reset-offsets --to-latest --execute >>"$OUT/services.log" 2>&1 ||
        say "could not move the copier group past the bench's tasks: reset the stack before copying anything"
    "$GM_STACK_SCRIPT" stop planner-service >>"$OUT/services.log" 2>&1 || true
    services_running
}

bench_on_exit() {
    if [ -s "$OUT/heap.pid" ]; then kill "$(<"$OUT/heap.pid")" 2>/dev/null || true; fi
    drop_rows
    services_restored
}

# heap_sampler: the planner's heap in use, every 0.2 s, into $OUT/heap (bytes a line), until killed.
heap_sampler() {
    while true; do
        curl -fsS "$PLANNER/q/metrics" 2>/dev/null |
            awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { if (s) printf "%d\n", s }' >>"$OUT/heap"
        sleep 0.2
    done
}

# --- the phases ------------------------------------------------------------------------------------

# plan_phase: the first plan of COUNT (+ whatever else Glance holds) images, timed, with the heap
# sampled; then the outbox drained to Kafka. Sets MIGRATION.
plan_phase() {
    local t0 plan_s unsent drained_s
    : >"$OUT/heap"
    heap_sampler & echo $! >"$OUT/heap.pid"
    t0=$(now)
    MIGRATION=$(plan_migration)
    plan_s=$(elapsed "$t0")
    say "planned $MIGRATION in ${plan_s}s"
    while unsent=$(planner_api GET "/migrations/$MIGRATION" | jq -e .unpublishedEvents) && [ "$unsent" -gt 0 ]; do
        sleep 1
    done
    drained_s=$(elapsed "$t0")
    kill "$(<"$OUT/heap.pid")"; : >"$OUT/heap.pid"
    printf 'plan\t%s\noutbox drained (from the plan call)\t%s\nplanner heap peak (MiB, -Xmx%s)\t%s\n' \
        "$plan_s" "$drained_s" "$PLANNER_HEAP" "$(sort -n "$OUT/heap" | tail -1 | awk '{ printf "%.0f", $1 / 1048576 }')" \
        >>"$OUT/results.tsv"
}

# replan_phase: 1 % of the store added and 1 % deleted, then the re-plan that finds them, timed.
replan_phase() {
    local delta=$((COUNT / 100)) t0 run
    make_rows $((COUNT + 1)) $((COUNT + delta))
    delete_rows 1 "$delta"
    t0=$(now)
    run=$(planner_api POST "/migrations/$MIGRATION/replan") || fail "re-plan failed"
    printf 're-plan (%s new, %s deleted)\t%s\n' "$(jq .tasksPublished <<<"$run")" "$(jq .imagesSkipped <<<"$run")" \
        "$(elapsed "$t0")" >>"$OUT/results.tsv"
}

# inventory_floor: the planner's inventory query itself, through the client, all rows read.
inventory_floor() {
    timed glance_sql "SELECT i.id, i.name, i.size, i.status, i.deleted, l.id, l.value, l.deleted, l.status
                      FROM images i LEFT JOIN image_locations l ON l.image_id = i.id
                      ORDER BY COALESCE(i.size, 0) DESC, CAST(i.id AS BINARY), l.id"
}

# audit_phase: the migration's audit trail topped up to AUDIT events with SQL (nine kinds of
# progress per image, as a long copy reports), once the planner has recorded its own.
audit_phase() {
    local have missing per_image from first last step=30000 # ids of one statement's tasks (Galera steps them by its node count)
    local t0; t0=$(now)
    until have=$(ledger_sql "SELECT COUNT(*) FROM audit_event WHERE migration_id = '$MIGRATION'") &&
        [ "$have" -gt "$COUNT" ]; do sleep 1; done
    printf 'audit: copy tasks recorded by the planner (from the outbox drained)\t%s\n' "$(elapsed "$t0")" >>"$OUT/results.tsv"
    missing=$((AUDIT - have)); per_image=$(((missing + COUNT - 1) / COUNT))
    say "audit: $have recorded by the planner; adding $missing ($per_image per image) with SQL"
    read -r first last < <(ledger_sql "SELECT MIN(id), MAX(id) FROM image_task WHERE migration_id = '$MIGRATION'")
    for ((from = first; from <= last; from += step)); do
        ledger_sql "
            INSERT INTO audit_event (migration_id, image_id, event_id, event_type, attempt, host, occurred_at,
                                     kafka_topic, kafka_partition, kafka_offset, recorded_at, payload)
            SELECT t.migration_id, t.image_id, UUID(), 'copy-progress', 1, 'bench-copier', UTC_TIMESTAMP(6),
                   'bench.scale', 0, t.id * 100 + s.seq, UTC_TIMESTAMP(6),
                   CONCAT('{\"schemaVersion\":1,\"imageId\":\"', t.image_id, '\",\"bytesDone\":', s.seq * 1048576, '}')
            FROM image_task t JOIN seq_1_to_${per_image} s
            WHERE t.migration_id = '$MIGRATION' AND t.id BETWEEN $from AND $((from + step - 1))" ||
            fail "inserting audit events failed"
    done
    ledger_sql "SELECT COUNT(*) FROM audit_event WHERE migration_id = '$MIGRATION'" >"$OUT/audit.count"
    say "audit: $(<"$OUT/audit.count") events"
}

endpoints_phase() {
    local image last_page size=500
    image=$(ledger_sql "SELECT image_id FROM image_task WHERE migration_id = '$MIGRATION' ORDER BY id DESC LIMIT 1")
    last_page=$(((COUNT - 1) / size))
    {
        printf 'GET /migrations\t%s\n' "$(get_seconds /migrations)"
        printf 'GET /migrations/{id} (status)\t%s\n' "$(get_seconds "/migrations/$MIGRATION")"
        printf 'GET /migrations/{id}/images page 0 of %d\t%s\n' "$size" "$(get_seconds "/migrations/$MIGRATION/images?size=$size")"
        printf 'GET /migrations/{id}/images last page\t%s\n' "$(get_seconds "/migrations/$MIGRATION/images?size=$size&page=$last_page")"
        printf 'GET /migrations/{id}/images?state=planned page 0\t%s\n' "$(get_seconds "/migrations/$MIGRATION/images?state=planned&size=$size")"
        printf 'GET /migrations/{id}/events page 0 of %d\t%s\n' "$size" "$(get_seconds "/migrations/$MIGRATION/events?size=$size")"
        printf 'GET /migrations/{id}/events last page\t%s\n' "$(get_seconds "/migrations/$MIGRATION/events?size=$size&page=$(($(<"$OUT/audit.count") / size))")"
        printf 'GET /migrations/{id}/images/{imageId}/events\t%s\n' "$(get_seconds "/migrations/$MIGRATION/images/$image/events")"
    } >>"$OUT/results.tsv"
}

# cutover_phase: every task verified (SQL: no data was copied), then the dry run through the API (its
# snapshot checks find none: the bench makes rows, not snapshots), then the cutover's classes journal,
# rewrite and restore every row (RowSwitchAtScaleBench), beside the old procedure's SQL REPLACE.
cutover_phase() {
    local t0 dry_s blockers replace_s back_s
    ledger_sql "UPDATE image_task SET state = 'verified', verified_at = UTC_TIMESTAMP(6), updated_at = UTC_TIMESTAMP(6)
                WHERE migration_id = '$MIGRATION' AND state = 'planned'" # the re-plan's new ones too
    t0=$(now)
    cutover_api POST "/migrations/$MIGRATION/cutover?dryRun=true" >"$OUT/dry-run.json" || fail "dry run failed"
    dry_s=$(elapsed "$t0")
    blockers=$(jq '.blockers | length' "$OUT/dry-run.json")
    printf 'cutover dry run (%s blockers: no snapshots made)\t%s\n' "$blockers" "$dry_s" >>"$OUT/results.tsv"

    say "row switch through the cutover's classes (mvn, RowSwitchAtScaleBench)"
    (cd "$REPO" && mvn -B -o -q test -pl cutover-service -am -Dtest=RowSwitchAtScaleBench -Dsurefire.failIfNoSpecifiedTests=false \
        -Dbench.excluded=none -Dbench.migration="$MIGRATION" -Dbench.out="$OUT/row-switch") >"$OUT/row-switch.log" 2>&1 ||
        fail "the row switch failed (see $OUT/row-switch.log)"
    awk '$1 != "rows" { printf "cutover %s (cutover classes)\t%s\n", $1, $2 }' "$OUT/row-switch" >>"$OUT/results.tsv"

    # The old procedure's rewrite: one UPDATE … REPLACE of the fsid, and back.
    replace_s=$(timed glance_sql "UPDATE image_locations SET value = REPLACE(value, '$GM_CEPH_OLD_FSID', '$GM_CEPH_NEW_FSID')
                                   WHERE image_id LIKE '$ID_PREFIX%' AND deleted = 0")
    back_s=$(timed glance_sql "UPDATE image_locations SET value = REPLACE(value, '$GM_CEPH_NEW_FSID', '$GM_CEPH_OLD_FSID')
                                WHERE image_id LIKE '$ID_PREFIX%' AND deleted = 0")
    printf 'old procedure: SQL REPLACE of the fsid (floor)\t%s\nold procedure: SQL REPLACE back\t%s\n' "$replace_s" "$back_s" \
        >>"$OUT/results.tsv"
}

# --- the run ---------------------------------------------------------------------------------------

[ "$(glance_sql "SELECT COUNT(*) FROM images WHERE id LIKE '$ID_PREFIX%'")" -eq 0 ] || drop_rows
say "scale: $COUNT images, $AUDIT audit events; output in $OUT"
make_rows 1 "$COUNT"
services_for_scale
printf 'inventory query alone (floor of the plan)\t%s\n' "$(inventory_floor)" >>"$OUT/results.tsv"
plan_phase
replan_phase
audit_phase
endpoints_phase
cutover_phase
say "figures (seconds unless named):"
column -t -s$'\t' "$OUT/results.tsv" | tee "$OUT/report.txt"
