#!/usr/bin/env bash
# End to end: the whole procedure this replaces (copy, cmp, the SQL REPLACE of the fsid, Glance's
# config switched and Glance restarted) against the main job (plan → copied → verified → cutover
# completed) on the same store, alternated, each pipeline's phases shown, until Glance serves from
# the new cluster. See bench/README.md ("End to end").
#
#   bench/e2e.sh [MIB] [-r REPS] [--keep] [--reuse]
#
# The store: the stack's mixed seed at MIB (default 256: 8 images with data, 5.6 GB logical), made
# through Glance. Needs a fresh stack (nothing else in Glance on `old`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=lib-migration.sh
. "$here/lib-migration.sh"

MIB=256
if [[ ${1:-} =~ ^[0-9]+$ ]]; then MIB=$1; shift; fi
run_options "$@"
KEPT=$SETS_DIR/e2e-${MIB}MiB.ids

make_store() {
    if [ "$REUSE" = 1 ] && [ -f "$KEPT" ]; then
        say "reusing the store of $KEPT"; cp "$KEPT" "$OUT/made.ids"; return
    fi
    say "making the store: the mixed set at $MIB MiB through Glance"
    local t0; t0=$(now)
    "$GM_STACK_SCRIPT" seed "$MIB" >"$OUT/made.ids" 2>>"$OUT/seed.log" || fail "seeding failed (see $OUT/seed.log)"
    say "made in $(elapsed "$t0")s"
}

# ours -> "plan copied verified cutover serving total" (s; copied and verified from the plan's end)
ours() {
    local t0 t1 t2 t3 waited cutover
    t0=$(now)
    MIGRATION=$(plan_migration)
    echo "$MIGRATION" >"$OUT/migration" # the exit handler's, should this subshell fail
    t1=$(now)
    waited=$(await_verified "$MIGRATION" "$(wc -l <"$OUT/store.tsv")")
    t2=$(now)
    cutover=$(cutover_api POST "/migrations/$MIGRATION/cutover") || fail "cutover failed"
    echo "$cutover" >>"$OUT/cutovers.log"
    t3=$(now)
    glance_serves_from new "$SAMPLE"
    awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$(now)" -v w="$waited" 'BEGIN {
        split(w, x, " "); printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", b - a, x[1], x[2] - x[1], d - c, e - d, e - a }'
    rollback_all "$MIGRATION" || fail "rollback of $MIGRATION failed (see $OUT/rollback.log)"
    rm -f "$OUT/migration"
    remove_copies "$OUT/store.tsv"
}

bench_on_exit() { store_restored "$(cat "$OUT/migration" 2>/dev/null)" "$KEPT"; }

report() {
    local a b
    a=$(results_median a 8)
    b=$(results_median b 8)
    {
        echo
        echo "end to end, run $RUN_ID: mixed at $MIB MiB, $(wc -l <"$OUT/store.tsv") images, $(awk -F'\t' '{s+=$2} END {print s}' "$OUT/store.tsv") bytes," \
            "$REPS reps, $(nproc) CPUs"
        awk -F'\t' '$2 == "a" { printf "%-4s %-12s copy %.2f, cmp %.2f, SQL %.2f, config + restart %.2f, serving check %.2f = %.2f s\n", $1, "(a) old", $3, $4, $5, $6, $7, $8 }
            $2 == "b" { printf "%-4s %-12s plan %.2f, copied %.2f, verified %.2f more, cutover %.2f, serving check %.2f = %.2f s\n", $1, "(b) services", $3, $4, $5, $6, $7, $8 }' \
            "$OUT/results.tsv"
        awk -v a="$a" -v b="$b" 'BEGIN { printf "median: (a) %.2f s, (b) %.2f s; a/b %.2f\n", a, b, a / b }'
        report_floor "$FLOOR"
        awk -v f="${FLOOR%% *}" -v a="$a" -v b="$b" 'BEGIN { printf "floor / actual: (a) %.3f, (b) %.3f (Glance restart not in the floor)\n", f / a, f / b }'
        echo "results: $OUT/results.tsv"
    } | tee "$OUT/report.txt"
}

main() {
    say "run $RUN_ID: mixed at $MIB MiB, $REPS repetitions; output in $OUT"
    services_running
    make_store
    store_images >"$OUT/store.tsv"
    SAMPLE=$(head -1 "$OUT/store.tsv" | cut -f1)
    say "store: $(wc -l <"$OUT/store.tsv") images"
    FLOOR=$(data_floor "$OUT/store.tsv")
    say "floor: $FLOOR (s, read/write/SHA-512 MB/s, allocated, logical)"
    local rep order method out
    : >"$OUT/results.tsv"
    for rep in $(seq 1 "$REPS"); do
        if [ $((rep % 2)) = 1 ]; then order="a b"; else order="b a"; fi
        for method in $order; do
            if [ "$method" = a ]; then out=$(old_procedure_whole "$OUT/store.tsv" "$SAMPLE"); else out=$(ours); fi
            echo -e "$rep\t$method\t${out// /$'\t'}" >>"$OUT/results.tsv"
            say "rep $rep ($method): $out"
        done
    done
    report
}

main
