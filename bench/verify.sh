#!/usr/bin/env bash
# Verify benchmark on the local stack: one image set in Glance on `old`, copied once to
# `new` by copier-service (as bench/copy.sh's (b) does), then checked side by side:
#   (a) the old procedure's check: per image `cmp <(rbd export old@snap -) <(rbd export new@snap -)`,
#       `nproc` images at a time, with the migrator's read-only keys on both clusters;
#   (b) verifier-service: one verifier process, from the copy's `copied` events published to the
#       last `verified`;
# repeated R times, alternating which goes first, with medians and the ratio a/b.
#
#   bench/verify.sh SET [MIB] [-r REPS] [--keep] [--reuse] [--out DIR]
#
#   SET, MIB, --keep, --reuse, --out: as bench/copy.sh (mixed, disk-like, disk-like-thin)
#   -r REPS  repetitions of (a) and (b) (default 3)
#
# Needs the stack up (`deploy/local/stack.sh up`). The copier and the verifier consume topics and
# groups of their own; everything the bench wrote on `new` is removed on exit.
set -euo pipefail

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"

VERIFIER_JAR=$REPO/verifier-service/target/quarkus-app/quarkus-run.jar
VERIFIER_PORT=${BENCH_VERIFIER_PORT:-18191}
VERIFY_RESULTS_TOPIC=glance-migrator.verify-results
# The verifier reads `copied` events from a topic and group of the run's own: `copy-results` is
# shared (group `verifier` of the stack's verifier and the tests would verify, or we would take,
# each other's events), and keeps records for good.
COPIED_TOPIC=glance-migrator.copy-results.bench-$RUN_ID
COPIED_PARTITIONS=6 # as glance-migrator.copy-results (topics.tsv)
VERIFIER_GROUP=verifier-bench-$RUN_ID
# One copy, made once, under the target name the `copied` events name and the verifier checks.
SUFFIX=copier-bench-$RUN_ID
CLK_TCK=$(getconf CLK_TCK)

# --- (a) the old procedure's check ----------------------------------------------------------------

# cmp_one ID TARGET: the old procedure's check of one image. A failed export appends a marker of its side,
# so cmp cannot pass on two equally truncated (or empty) streams.
cmp_one() {
    set -uo pipefail
    cmp <(rbd_old export --no-progress "images/$1@snap" - || echo "export of old:images/$1@snap failed") \
        <(rbd_new_ro export --no-progress "images/$2@snap" - || echo "export of new:images/$2@snap failed")
}
export -f cmp_one

# children_cpu FILE: user + sys seconds of this shell's waited-for children, from `times` written
# to FILE (a builtin with a redirection runs in this shell; `$(times)` would report a subshell's).
children_cpu() { tail -1 "$1" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } printf "%.2f\n", s }'; }

run_cmp() { # -> "seconds cpu_seconds" on stdout
    local t0 t1
    times >"$OUT/times-before"; t0=$(now)
    cut -f1 "$OUT/set.tsv" | sed "s/.*/& &.$SUFFIX/" |
        xargs -P "$JOBS" -n 2 bash -c 'cmp_one "$@"' _ >>"$OUT/cmp.log" 2>&1 ||
        fail "(a) cmp failed (see $OUT/cmp.log)"
    t1=$(now); times >"$OUT/times-after"
    awk -v a="$t0" -v b="$t1" -v c="$(children_cpu "$OUT/times-before")" -v d="$(children_cpu "$OUT/times-after")" \
        'BEGIN { printf "%.3f %.2f\n", b - a, d - c }'
}

# --- (b) verifier-service -------------------------------------------------------------------------

VERIFIER_PID=
start_verifier() {
    # Built if missing, and rebuilt if older than its sources (a stale quarkus-run.jar without the
    # consumer fails at start with "the `connector` attribute must be set for channel …").
    if [ ! -f "$VERIFIER_JAR" ] || [ -n "$(find "$REPO/verifier-service/src/main" "$REPO/verifier-service/pom.xml" -newer "$VERIFIER_JAR" -print -quit)" ]; then
        say "building verifier-service"
        (cd "$REPO" && mvn -B -q -o package -pl verifier-service -DskipTests) >"$OUT/build-verifier.log" 2>&1 ||
            fail "build failed (see $OUT/build-verifier.log)"
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$VERIFIER_PORT") 2>/dev/null && fail "port $VERIFIER_PORT is taken (BENCH_VERIFIER_PORT)"
    bench_kafka create-topic "$GM_KAFKA_BOOTSTRAP" "$COPIED_TOPIC" "$COPIED_PARTITIONS" >>"$OUT/kafka.log" 2>&1 ||
        fail "could not create $COPIED_TOPIC (see $OUT/kafka.log)"
    # Default verifier settings; only its port, name, and the bench's own topic and group differ.
    (
        QUARKUS_HTTP_PORT=$VERIFIER_PORT VERIFIER_HOST=bench-verifier \
        MP_MESSAGING_INCOMING_COPY_RESULTS_TOPIC=$COPIED_TOPIC MP_MESSAGING_INCOMING_COPY_RESULTS_GROUP_ID=$VERIFIER_GROUP \
        exec java -jar "$VERIFIER_JAR"
    ) >"$OUT/verifier.log" 2>&1 </dev/null &
    VERIFIER_PID=$!
    wait_ready "$VERIFIER_PORT" "$VERIFIER_PID" verifier "$OUT/verifier.log"
    # Ready means both clusters answer; the consumer then joins its group. Wait until it holds
    # every partition, so the first repetition does not time the group join.
    bench_kafka await-group "$GM_KAFKA_BOOTSTRAP" "$VERIFIER_GROUP" "$COPIED_TOPIC" "$COPIED_PARTITIONS" 60 >>"$OUT/kafka.log" 2>&1 ||
        fail "the verifier did not get its partitions (see $OUT/kafka.log, $OUT/verifier.log)"
    say "verifier ready on port $VERIFIER_PORT (pid $VERIFIER_PID, log $OUT/verifier.log)"
}

verifier_cpu() { awk -v t="$CLK_TCK" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$VERIFIER_PID/stat"; }

run_verifier() { # REP -> "seconds cpu_seconds bytesRead modes" on stdout
    local line c0 c1
    c0=$(verifier_cpu)
    line=$(bench_kafka verify "$GM_KAFKA_BOOTSTRAP" "$COPIED_TOPIC" "$VERIFY_RESULTS_TOPIC" "$OUT/copied.jsonl" 600 \
        "$OUT/verified-$1.jsonl" 2>>"$OUT/verifier-results.log") ||
        fail "(b) failed: $(grep -E '^(verification-failed|timed out)' "$OUT/verifier-results.log" | tail -1) (see $OUT/verifier-results.log, $OUT/verifier.log)"
    c1=$(verifier_cpu)
    echo "$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line") $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }') $(sed -E 's/.*bytesRead=([0-9]+) modes=(.*)/\1 \2/' <<<"$line")"
}

# check_modes REP: every image was verified in the mode its Glance row calls for: with a recorded
# hash, the copier's manifest and Glance's hash (MANIFEST_AND_HASH); without, against the source
# (SOURCE_COMPARE). Writes the per-image table -> $OUT/modes.tsv.
check_modes() {
    local id size name hashed mode read ms
    : >"$OUT/modes.tsv"
    while IFS=$'\t' read -r id size name; do
        require_uuid "$id" "image id in $OUT/set.tsv"
        hashed=$(glance_sql "SELECT IF(COALESCE(os_hash_value, '') <> '' OR COALESCE(checksum, '') <> '', 'yes', 'no') FROM images WHERE id = '$id'")
        mode='' read='' ms=''
        read -r mode read ms < <(jq -r --arg id "$id" 'select(.imageId == $id) | "\(.mode) \(.bytesRead) \(.durationMillis)"' "$OUT/verified-$1.jsonl") || true
        [ -n "${mode:-}" ] || fail "no verified event for $id in rep $1"
        echo -e "$id\t$size\t$hashed\t$mode\t$read\t$ms\t$name" >>"$OUT/modes.tsv"
        case $hashed/$mode in
            yes/MANIFEST_AND_HASH|no/SOURCE_COMPARE) ;;
            *) fail "image $id (hash recorded: $hashed) was verified in mode $mode" ;;
        esac
    done <"$OUT/set.tsv"
}

bench_on_exit() {
    stop_pid "$VERIFIER_PID"; VERIFIER_PID=
    bench_kafka cleanup "$GM_KAFKA_BOOTSTRAP" "$COPIED_TOPIC" "$VERIFIER_GROUP" >>"$OUT/kafka.log" 2>&1 || true
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- the run --------------------------------------------------------------------------------------

main() {
    say "run $RUN_ID: set $SET, $MIB MiB, $REPS repetitions, $JOBS jobs for (a); output in $OUT"
    prepare_set
    local images bytes
    images=$(wc -l <"$OUT/set.tsv")
    bytes=$(awk -F'\t' '{ s += $2 } END { printf "%d", s }' "$OUT/set.tsv")
    say "$images images, $bytes bytes"

    # The copied set: copier-service, exactly as bench/copy.sh's (b), once; its `copied` events kept.
    start_copier
    COPY_LINE=$(run_copier "$SUFFIX" "$OUT/copied.jsonl")
    say "copied: $COPY_LINE"
    stop_copier # not running while (a) and (b) are timed
    [ "$(wc -l <"$OUT/copied.jsonl")" -eq "$images" ] || fail "$(wc -l <"$OUT/copied.jsonl") copied events for $images images"
    jq -r '"\(.imageId) \(.target.cluster):\(.target.pool)/\(.target.image)"' "$OUT/copied.jsonl" |
        while read -r id target; do
            [ "$target" = "new:images/$id.$SUFFIX" ] || fail "the copied event of $id names $target"
        done
    check_targets "$SUFFIX"

    start_verifier
    local rep order method line secs cpu read modes
    : >"$OUT/results.tsv"
    for rep in $(seq 1 "$REPS"); do
        # Alternate which goes first, so neither always runs on a warmer (or busier) cluster.
        if [ $((rep % 2)) = 1 ]; then order="a b"; else order="b a"; fi
        for method in $order; do
            if [ "$method" = a ]; then
                line=$(run_cmp)
                read -r secs cpu <<<"$line"
                echo -e "$rep\ta\t$secs\t$cpu\t\t" >>"$OUT/results.tsv"
                say "rep $rep (a) cmp: ${secs}s, CPU ${cpu}s"
            else
                line=$(run_verifier "$rep")
                read -r secs cpu read modes <<<"$line"
                echo -e "$rep\tb\t$secs\t$cpu\t$read\t$modes" >>"$OUT/results.tsv"
                check_modes "$rep"
                say "rep $rep (b) verifier: ${secs}s, CPU ${cpu}s, bytesRead $read, $modes"
            fi
        done
    done
    report "$images" "$bytes"
}

report() {
    local images=$1 bytes=$2 a b
    a=$(awk -F'\t' '$2 == "a" { print $3 }' "$OUT/results.tsv" | median)
    b=$(awk -F'\t' '$2 == "b" { print $3 }' "$OUT/results.tsv" | median)
    {
        echo
        echo "verify benchmark, run $RUN_ID: set $SET at $MIB MiB, $images images, $bytes bytes (logical), $REPS reps, $(nproc) CPUs"
        echo "copy made once by copier-service: $COPY_LINE"
        printf '%-4s %-12s %9s %8s %8s   %s\n' rep method seconds MB/s "CPU s" "verifier's verified events, summed"
        awk -F'\t' -v bytes="$bytes" '{ printf "%-4s %-12s %9.2f %8.1f %8.2f", $1, ($2 == "a" ? "(a) cmp" : "(b) verifier"), $3, bytes / $3 / 1e6, $4
            if ($2 == "b") printf "   bytesRead %d, modes %s", $5, $6
            printf "\n" }' "$OUT/results.tsv"
        echo "(CPU s: (a) user+sys of the rbd export and cmp processes; (b) of the verifier JVM; Ceph's OSDs not counted)"
        echo
        printf '%-14s %6s %14s %12s %12s %10s %10s %8s\n' set images bytes "(a) s" "(b) s" "(a) MB/s" "(b) MB/s" "a/b"
        awk -v set="$SET" -v n="$images" -v bytes="$bytes" -v a="$a" -v b="$b" 'BEGIN {
            printf "%-14s %6d %14d %12.2f %12.2f %10.1f %10.1f %8.2f\n", set, n, bytes, a, b, bytes / a / 1e6, bytes / b / 1e6, a / b }'
        echo "(medians of $REPS; a/b = ratio of the medians; MB = 10^6 bytes of logical image size)"
        echo
        echo "per image, last repetition of (b):"
        printf '%-36s %12s %-6s %-17s %12s %8s  %s\n' image bytes hash mode bytesRead ms name
        awk -F'\t' '{ printf "%-36s %12d %-6s %-17s %12d %8d  %s\n", $1, $2, $3, $4, $5, $6, $7 }' "$OUT/modes.tsv"
        echo "results: $OUT/results.tsv; verifier log: $OUT/verifier.log"
    } | tee "$OUT/report.txt"
}

main
