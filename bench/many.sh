#!/usr/bin/env bash
# Per-image overhead: N tiny images (default 1000 of 1 MiB), copied and checked (a) by the procedure
# this replaces and (b) by the running services, beside the floor: the target monitor's snapshot
# latency alone. See bench/README.md ("Many small images").
#
#   bench/many.sh [N] [BYTES] [-r REPS] [--keep] [--reuse] [--only a|b]
#
# Needs the stack up with nothing else in Glance on `old` (a fresh `stack.sh reset; stack.sh up`):
# (b) plans every image Glance holds, and the bench holds the plan to exactly its set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=lib.sh
. "$here/lib.sh"
# shellcheck source=lib-migration.sh
. "$here/lib-migration.sh"

COUNT=1000 BYTES=$((1024 * 1024))
if [[ ${1:-} =~ ^[0-9]+$ ]]; then COUNT=$1; shift; fi
if [[ ${1:-} =~ ^[0-9]+$ ]]; then BYTES=$1; shift; fi
run_options "$@"
KEPT_SET=$SETS_DIR/many-$COUNT-$BYTES.tsv
# The status read once a second (the CLI's watch: every 2 s), not four times: at 1,000 images (b)
# takes a minute, and 240 reads of ~20 ms of planner CPU each were a tenth of its CPU (bench/README.md).
STATUS_POLL=${BENCH_STATUS_POLL:-1}
FLOOR_THREADS=${BENCH_FLOOR_THREADS:-64} # snapshot operations in flight for the floor
# Empty images the floor snapshots that many at a time: enough rounds of the monitor to average over.
FLOOR_IMAGES=256

# --- the set -------------------------------------------------------------------------------------

prepare_many_set() {
    if [ "$REUSE" = 1 ] && [ -f "$KEPT_SET" ]; then
        say "reusing the set in $KEPT_SET"
        cp "$KEPT_SET" "$OUT/set.tsv"
    else
        say "making $COUNT images of $BYTES bytes on old (rbd, snap + protect, Glance location API)"
        local t0; t0=$(now)
        many_images --conf "$GM_CEPH_OLD_ADMIN_CONF" make --count "$COUNT" --bytes "$BYTES" \
            --glance "$GM_GLANCE_URL" --glance-auth-file "$(glance_auth)" --fsid "$GM_CEPH_OLD_FSID" --store "$GM_GLANCE_STORE" --tag "$RUN_ID" \
            >"$OUT/set.tsv" 2>"$OUT/make.log" || fail "making the set failed (see $OUT/make.log)"
        say "made in $(elapsed "$t0")s"
        [ "$KEEP" = 1 ] && cp "$OUT/set.tsv" "$KEPT_SET"
    fi
    [ "$(wc -l <"$OUT/set.tsv")" -eq "$COUNT" ] || fail "the set has $(wc -l <"$OUT/set.tsv") images, not $COUNT"
}

drop_many_set() {
    say "deleting the set from Glance (it removes the RBD images)"
    local failed auth
    auth=$(glance_auth)
    failed=$(cut -f1 "$OUT/set.tsv" | xargs -P 4 -I{} curl -sS -o /dev/null -w '%{http_code}\n' -X DELETE \
        -H @"$auth" "$GM_GLANCE_URL/v2/images/{}" | grep -cvE '^(204|404)$' || true)
    [ "$failed" -eq 0 ] || say "$failed images were not deleted from Glance (delete them by id from $OUT/set.tsv)"
    rm -f "$KEPT_SET"
}

# --- the floor -----------------------------------------------------------------------------------

# measure_floor: snapshot create + protect of empty images on `new` with the copier's key, one after
# the other and FLOOR_THREADS at a time -> FLOOR_SEQUENTIAL, FLOOR_IN_FLIGHT (s per image).
measure_floor() {
    local out
    out=$("$here/many_images.py" --conf "$GM_CEPH_NEW_RW_CONF" --user "$GM_CEPH_NEW_RW_USER" --threads "$FLOOR_THREADS" \
        floor --count "$FLOOR_IMAGES" --prefix "bench-floor-$RUN_ID" 2>>"$OUT/floor.log") ||
        fail "floor measurement failed (see $OUT/floor.log)"
    FLOOR_SEQUENTIAL=$(awk '$1 == "sequential" {print $2}' <<<"$out")
    FLOOR_IN_FLIGHT=$(awk '$1 == "in-flight" {print $2}' <<<"$out")
    say "floor: snap create + protect ${FLOOR_SEQUENTIAL}s one at a time, ${FLOOR_IN_FLIGHT}s per image $FLOOR_THREADS at a time"
}

# --- (b) the services ----------------------------------------------------------------------------

# run_services -> "plan_s copied_s verified_s", each from the POST.
run_services() {
    local t0 migration t_plan waited
    t0=$(now)
    migration=$(plan_migration)
    t_plan=$(elapsed "$t0")
    waited=$(await_verified "$migration" "$COUNT")
    awk -v p="$t_plan" -v w="$waited" 'BEGIN { split(w, x, " "); printf "%.3f %.3f %.3f\n", p, p + x[1], p + x[2] }'
}

# --- checks and cleanup --------------------------------------------------------------------------

# check_copies SUFFIX: every target is there with a protected snapshot (counted on `new`), and the
# largest, middle and last image of the set read back equal to the source with the rbd CLI.
check_copies() {
    local name=$1 n sample
    n=$(rbd_new_ro ls -l --format json images | jq --arg s "$name" \
        '[.[] | select(.snapshot == "snap" and .protected == "true" and (.image | endswith($s)))] | length')
    [ "$n" -ge "$COUNT" ] || fail "only $n of $COUNT copies${name:+ ($name)} on new have a protected snap"
    while read -r sample <&3; do
        [ "$(rbd_old export --no-progress "images/$sample@snap" - | sha256sum)" = \
            "$(rbd_new_ro export --no-progress "images/$sample$name@snap" - | sha256sum)" ] ||
            fail "new:images/$sample$name differs from its source"
    done 3< <(cut -f1 "$OUT/set.tsv" | sed -n "1p;$((COUNT / 2))p;${COUNT}p")
}

bench_on_exit() {
    [ -f "$OUT/set.tsv" ] || return 0
    remove_copies "$OUT/set.tsv" || true
    local rep
    for rep in $(seq 1 "$REPS"); do remove_copies "$OUT/set.tsv" ".old-$RUN_ID-$rep" || true; done
    # Reused without --keep is the set's last use.
    [ "$KEEP" = 1 ] || drop_many_set
}

# count_ops METHOD REP "OLD NEW": the OSD operations per image METHOD's repetition asked of each
# cluster, from the counts before it, into $OUT/ops.tsv.
count_ops() {
    local before_old=${3% *} before_new=${3#* }
    echo -e "$2\t$1\t$(( ($(osd_ops old) - before_old) / COUNT ))\t$(( ($(osd_ops new) - before_new) / COUNT ))" >>"$OUT/ops.tsv"
}

# --- the run -------------------------------------------------------------------------------------

report() {
    local a b
    a=$(awk -F'\t' '$2 == "a" { print $3 + $4 }' "$OUT/results.tsv" | median)
    b=$(results_median b 5)
    {
        echo
        echo "many small images, run $RUN_ID: $COUNT images of $BYTES bytes, $REPS reps, $(nproc) CPUs"
        printf '%-4s %-12s %10s %10s %10s %12s\n' rep method "copy s" "check s" "total s" "ms / image"
        awk -F'\t' -v n="$COUNT" '$2 == "a" { printf "%-4s %-12s %10.2f %10.2f %10.2f %12.1f\n", $1, "(a) old", $3, $4, $3 + $4, ($3 + $4) * 1000 / n }
            $2 == "b" { printf "%-4s %-12s %10.2f %10.2f %10.2f %12.1f   (plan %.2f s)\n", $1, "(b) services", $4, $5 - $4, $5, $5 * 1000 / n, $3 }' \
            "$OUT/results.tsv"
        echo
        awk -v n="$COUNT" -v a="$a" -v b="$b" -v fs="$FLOOR_SEQUENTIAL" -v ff="$FLOOR_IN_FLIGHT" -v t="$FLOOR_THREADS" 'BEGIN {
            if (a > 0) printf "median (a) %.2f s = %.1f ms/image, floor / actual %.3f\n", a, a * 1000 / n, ff / (a / n)
            if (b > 0) printf "median (b) %.2f s = %.1f ms/image, floor / actual %.3f\n", b, b * 1000 / n, ff / (b / n)
            if (a > 0 && b > 0) printf "a/b %.2f\n", a / b
            printf "floor: the target monitor alone, snap create + protect: %.1f ms/image one at a time, %.1f ms/image %d at a time\n", fs * 1000, ff * 1000, t }'
        awk -F'\t' '{ printf "rep %s (%s): OSD operations per image: old %s, new %s\n", $1, $2, $3, $4 }' "$OUT/ops.tsv"
        local cpu
        for cpu in "$OUT"/cpu-b-*; do
            [ -f "$cpu" ] || continue
            echo "(b) rep ${cpu##*-}, CPU ms per image: $(awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2; s += $2 } END { printf "; all %.1f", s }' "$cpu")"
        done
        echo "results: $OUT/results.tsv; service logs: ${GM_STACK_DIR:-$REPO/.stack}/services/"
    } | tee "$OUT/report.txt"
}

main() {
    say "run $RUN_ID: $COUNT images of $BYTES bytes, $REPS repetitions, $JOBS jobs for (a); output in $OUT"
    prepare_many_set
    services_running
    measure_floor
    local rep order method out ops_before
    : >"$OUT/results.tsv"
    : >"$OUT/ops.tsv"
    for rep in $(seq 1 "$REPS"); do
        if [ $((rep % 2)) = 1 ]; then order="a b"; else order="b a"; fi
        for method in $order; do
            [[ " $METHODS " == *" $method "* ]] || continue
            await_snaptrim
            ops_before="$(osd_ops old) $(osd_ops new)"
            if [ "$method" = a ]; then
                out=$(old_copy_and_compare "$OUT/set.tsv" ".old-$RUN_ID-$rep")
                count_ops a "$rep" "$ops_before"
                echo -e "$rep\ta\t${out% *}\t${out#* }" >>"$OUT/results.tsv"
                say "rep $rep (a): copy ${out% *}s, cmp ${out#* }s"
                check_copies ".old-$RUN_ID-$rep"
                remove_copies "$OUT/set.tsv" ".old-$RUN_ID-$rep"
            else
                cpu_sample >"$OUT/cpu-before-$rep"
                out=$(run_services)
                cpu_sample >"$OUT/cpu-after-$rep"
                count_ops b "$rep" "$ops_before"
                cpu_per_item "$OUT/cpu-before-$rep" "$OUT/cpu-after-$rep" "$COUNT" >"$OUT/cpu-b-$rep"
                echo -e "$rep\tb\t${out// /$'\t'}" >>"$OUT/results.tsv"
                say "rep $rep (b): plan, all copied, all verified at ${out// /s, }s"
                check_copies ''
                remove_copies "$OUT/set.tsv"
            fi
        done
    done
    report
}

main
