#!/usr/bin/env bash
# The maintenance window. Images are immutable once active, so the services copy and verify the
# store while Glance stays in service (the first pass); the window is only: final re-plan → the delta
# (1 % of the store added, 1 % deleted since) copied and verified → cutover → Glance serving from the
# new cluster. Beside it, the window the procedure this replaces needs for the same store: all of it
# (copy, cmp, the SQL REPLACE, Glance switched and restarted). See bench/README.md ("Window").
#
#   bench/window.sh [SETS] [MIB] [-r REPS] [--keep] [--reuse]
#
# The store: SETS copies of the stack's mixed seed at MIB (default 25 × 4 MiB: 200 images, 8 per set
# with data), made through Glance. Needs a fresh stack (nothing else in Glance on `old`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=lib-migration.sh
. "$here/lib-migration.sh"

SETS=25 MIB=4
if [[ ${1:-} =~ ^[0-9]+$ ]]; then SETS=$1; shift; fi
if [[ ${1:-} =~ ^[0-9]+$ ]]; then MIB=$1; shift; fi
run_options "$@"
KEPT=$SETS_DIR/window-$SETS-${MIB}MiB.ids
DELTA_PERCENT=1

# make_store: SETS mixed sets through Glance (ids of everything made go to $OUT/made.ids).
make_store() {
    if [ "$REUSE" = 1 ] && [ -f "$KEPT" ]; then
        say "reusing the store of $KEPT"; cp "$KEPT" "$OUT/made.ids"; return
    fi
    say "making the store: $SETS mixed sets at $MIB MiB through Glance"
    local t0 i; t0=$(now)
    for i in $(seq "$SETS"); do
        "$GM_STACK_SCRIPT" seed "$MIB" >>"$OUT/made.ids" 2>>"$OUT/seed.log" || fail "seeding set $i failed (see $OUT/seed.log)"
    done
    say "made in $(elapsed "$t0")s"
}

# change_store REP: 1 % of the store deleted and as many images added, through Glance, as users do.
change_store() {
    local n id i file=$OUT/upload
    n=$(( ($(wc -l <"$OUT/store.tsv") * DELTA_PERCENT + 99) / 100 ))
    while read -r id _ <&3; do
        curl -fsS -o /dev/null -X DELETE -H @"$(glance_auth)" "$GM_GLANCE_URL/v2/images/$id" ||
            fail "could not delete image $id"
    done 3< <(store_images | tail -n "$n")
    for i in $(seq "$n"); do
        head -c $((MIB * 1024 * 1024 + i)) /dev/urandom >"$file"
        id=$(curl -fsS -H @"$(glance_auth)" -H 'Content-Type: application/json' \
            -d "{\"name\": \"window-$RUN_ID-$1-$i\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" \
            "$GM_GLANCE_URL/v2/images" | jq -er .id) || fail "could not create an image"
        echo "$id" >>"$OUT/made.ids"
        curl -fsS -o /dev/null -X PUT -H @"$(glance_auth)" \
            -H 'Content-Type: application/octet-stream' -T "$file" "$GM_GLANCE_URL/v2/images/$id/file" ||
            fail "could not upload image $id"
        echo "$id" >"$OUT/added-last"
    done
    rm -f "$file"
    say "store changed: $n deleted, $n added"
}

# ours REP -> "replan_s delta_copied_s delta_verified_s cutover_s serving_s total_s" (phases, each its own)
ours() {
    local t0 t1 t2 t3 copy_verify cutover
    change_store "$1"
    t0=$(now)
    planner_api POST "/migrations/$MIGRATION/replan" >>"$OUT/replans.log" || fail "re-plan failed"
    t1=$(now)
    copy_verify=$(await_verified "$MIGRATION")
    t2=$(now)
    cutover=$(cutover_api POST "/migrations/$MIGRATION/cutover") || fail "cutover failed"
    echo "$cutover" >>"$OUT/cutovers.log"
    [ "$(jq '.imagesLeftOnSource | length' <<<"$cutover")" -eq 0 ] || fail "images left on the source: $cutover"
    t3=$(now)
    glance_serves_from new "$(cat "$OUT/added-last")"
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$(now)" -v cv="$copy_verify" 'BEGIN {
        split(cv, p, " "); printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", b - a, p[1], p[2], d - c, e - d, e - a }'
    rollback_all "$MIGRATION" || fail "rollback of $MIGRATION failed (see $OUT/rollback.log)"
}

# theirs -> "copy cmp sql switch serving total" (s): the whole old procedure is its window.
theirs() {
    store_images >"$OUT/store-now.tsv"
    old_procedure_whole "$OUT/store-now.tsv" "$(head -1 "$OUT/store-now.tsv" | cut -f1)"
}

bench_on_exit() { store_restored "${MIGRATION:-}" "$KEPT"; }

report() {
    local a b
    a=$(results_median a 8)
    b=$(results_median b 8)
    {
        echo
        echo "maintenance window, run $RUN_ID: store of $(wc -l <"$OUT/store.tsv") images ($(awk -F'\t' '{s+=$2} END {print s}' "$OUT/store.tsv") bytes)," \
            "$DELTA_PERCENT % added and deleted per rep, $REPS reps, $(nproc) CPUs; first pass (Glance in service) ${FIRST_PASS}s"
        printf '%-4s %-12s %s\n' rep method "phases (s)"
        awk -F'\t' '$2 == "a" { printf "%-4s %-12s copy %.2f, cmp %.2f, SQL %.2f, config + restart %.2f, serving check %.2f = %.2f\n", $1, "(a) old", $3, $4, $5, $6, $7, $8 }
            $2 == "b" { printf "%-4s %-12s replan %.2f, delta copied %.2f, verified %.2f, cutover %.2f, serving check %.2f = %.2f\n", $1, "(b) services", $3, $4, $5, $6, $7, $8 }' \
            "$OUT/results.tsv"
        awk -v a="$a" -v b="$b" 'BEGIN { printf "median window: (a) %.2f s, (b) %.2f s; a/b %.1f\n", a, b, a / b }'
        echo "moving the whole store (a's window), $(report_floor "$FLOOR")"
        awk -v f="${FLOOR%% *}" -v a="$a" -v r="$(cut -d' ' -f2 <<<"$FLOOR")" -v d="$DELTA_BYTES" -v b="$b" 'BEGIN {
            printf "floor / actual: (a) %.3f; (b) %.3f for the delta'"'"'s own bytes (%d at the read floor) — the rest of (b) is fixed:\n", f / a, d / 1e6 / r / b, d
            printf "a re-plan, one snapshot round of the monitor, the rows, Glance restarted node by node\n" }'
        echo "results: $OUT/results.tsv"
    } | tee "$OUT/report.txt"
}

main() {
    say "run $RUN_ID: $SETS sets at $MIB MiB, $REPS repetitions; output in $OUT"
    services_running
    make_store
    store_images >"$OUT/store.tsv"
    say "store: $(wc -l <"$OUT/store.tsv") images"
    FLOOR=$(data_floor "$OUT/store.tsv")
    local delta_images; delta_images=$(( ($(wc -l <"$OUT/store.tsv") * DELTA_PERCENT + 99) / 100 ))
    DELTA_BYTES=$((delta_images * MIB * 1024 * 1024))
    say "floor: $FLOOR (s, read/write/SHA-512 MB/s, allocated, logical)"
    local t0 rep out
    : >"$OUT/results.tsv"
    # (a) first: its copies take the names the services' copies have (images/<id> on new, as Glance
    # expects them after the REPLACE), and the services' first pass must stand for every (b).
    for rep in $(seq 1 "$REPS"); do
        out=$(theirs)
        echo -e "$rep\ta\t${out// /$'\t'}" >>"$OUT/results.tsv"
        say "rep $rep (a): $out"
    done
    t0=$(now)
    MIGRATION=$(plan_migration)
    await_verified "$MIGRATION" "$(wc -l <"$OUT/store.tsv")" >/dev/null
    FIRST_PASS=$(elapsed "$t0")
    say "first pass (Glance in service): ${FIRST_PASS}s"
    for rep in $(seq 1 "$REPS"); do
        out=$(ours "$rep")
        echo -e "$rep\tb\t${out// /$'\t'}" >>"$OUT/results.tsv"
        say "rep $rep (b): $out"
    done
    report
}

main
