#!/usr/bin/env bash
# Fleet benchmark on the local stack: copy throughput of copier-service on 1, 2 and 3 copier hosts
# (containers on the stack's network, `stack.sh host-start`), beside
#   (a) the procedure this replaces (per image `rbd export @snap - | rbd import -` + snap create +
#       protect, `nproc` images at a time), and
#   the floor, measured in the same run: the source OSD's read rate (`rbd bench --io-type read` over
#   the set's largest image, allocated data only) and the target OSD's write rate (`rbd bench
#   --io-type write` on a scratch image), each 4 MiB I/Os, 16 in flight.
# Repeated R times, the order reversed every other repetition; medians, ratios, and each result as
# a share of the floor.
#
#   bench/fleet.sh [MIB] [-r REPS] [--keep] [--reuse] [--out DIR]     (the `mixed` set; default MIB 256)
#
# Needs the stack up, made since copier hosts exist (`deploy/local/stack.sh up`), and the copier's
# image (built from the current jar when missing). The hosts consume a task topic and group of the
# bench's own; everything the bench writes to `new` is removed after each run.
set -euo pipefail

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
DEFAULT_MIB[mixed]=256
bench_args mixed "$@"
HOST_COUNTS=(1 2 3)

stack() { "$GM_STACK_SCRIPT" "$@"; }

# fleet_run N SUFFIX -> the copier run's line: N hosts started, the tasks copied, the hosts removed.
fleet_run() {
    local n=$1 suffix=$2 i line
    for i in $(seq "$n"); do
        stack host-start "bench-host-$i" MP_MESSAGING_INCOMING_COPY_TASKS_TOPIC="$TASK_TOPIC" \
            MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID="$GROUP" >>"$OUT/hosts.log" 2>&1 ||
            fail "could not start bench-host-$i (see $OUT/hosts.log)"
    done
    line=$(run_copier "$suffix")
    remove_hosts
    echo "$line"
}

# remove_hosts: every bench host there is (fleet_run runs in a subshell: nothing it started is
# remembered here), its log kept.
remove_hosts() {
    local n host
    for n in $(seq "${HOST_COUNTS[-1]}"); do
        host=bench-host-$n
        [ -f "$GM_STACK_DIR/services/$host.log" ] || continue
        cp "$GM_STACK_DIR/services/$host.log" "$OUT/$host.log" 2>/dev/null || true
        stack host-remove "$host" >>"$OUT/hosts.log" 2>&1 || true
    done
}
bench_on_exit() { remove_hosts; }

main() {
    say "run $RUN_ID: mixed at $MIB MiB, hosts ${HOST_COUNTS[*]}, $REPS repetitions; output in $OUT"
    prepare_set
    local images bytes rep order method suffix secs line floors
    images=$(wc -l <"$OUT/set.tsv")
    bytes=$(awk -F'\t' '{ s += $2 } END { printf "%d", s }' "$OUT/set.tsv")
    say "$images images, $bytes bytes"
    bench_kafka create-topic "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$TASK_PARTITIONS" >>"$OUT/kafka.log" 2>&1 ||
        fail "could not create $TASK_TOPIC (see $OUT/kafka.log)"
    : >"$OUT/results.tsv"
    for rep in $(seq 1 "$REPS"); do
        order="floor a ${HOST_COUNTS[*]}"
        [ $((rep % 2)) = 1 ] || order="$(printf '%s ' "${HOST_COUNTS[@]}" | rev | xargs) a floor"
        for method in $order; do
            case $method in
                floor)
                    floors=$(floor_rates "$OUT/set.tsv")
                    echo -e "$rep\tfloor\t${floors/ /$'\t'}" >>"$OUT/results.tsv"
                    say "rep $rep floor: read, write MB/s: $floors"
                    continue ;;
                a) suffix=seed-bench-$RUN_ID-$rep; secs=$(run_old_procedure "$suffix"); line="" ;;
                *) suffix=copier-bench-$RUN_ID-$rep-h$method
                   line=$(fleet_run "$method" "$suffix")
                   secs=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line") ;;
            esac
            echo -e "$rep\t$method\t$secs\t$(sed -nE 's/.*bytesRead=([0-9]+) bytesWritten=([0-9]+) zeroBytesSkipped=([0-9]+).*/\1\t\2\t\3/p' <<<"$line")" \
                >>"$OUT/results.tsv"
            say "rep $rep ($method): ${secs}s"
            check_targets "$suffix"
            cleanup_targets "$suffix"
        done
    done
    report "$images" "$bytes"
}

# The floor of a copy: the source OSD reads every allocated byte (the copier's bytesRead plus the
# allocated zeros it skipped: the OSD reads those from its disk to find them zeros) and the target
# OSD writes bytesWritten; both run at once, so the slower of the two bounds the copy.
report() {
    local images=$1 bytes=$2 read write a method
    read=$(awk -F'\t' '$2 == "floor" {print $3}' "$OUT/results.tsv" | median)
    write=$(awk -F'\t' '$2 == "floor" {print $4}' "$OUT/results.tsv" | median)
    a=$(awk -F'\t' '$2 == "a" {print $3}' "$OUT/results.tsv" | median)
    {
        echo
        echo "fleet benchmark, run $RUN_ID: mixed at $MIB MiB, $images images, $bytes bytes (logical), $REPS reps, $(nproc) CPUs"
        echo "floor (medians): source read $read MB/s, target write $write MB/s (rbd bench, 4 MiB x 16)"
        printf '%-12s %9s %10s %9s %14s %12s %12s\n' copier seconds "MB/s" "(a)/this" "allocated GB" "floor s" "floor/this"
        printf '%-12s %9.2f %10.1f %9s\n' "(a) old" "$a" "$(awk -v b="$bytes" -v s="$a" 'BEGIN {print b / s / 1e6}')" 1.00
        for method in "${HOST_COUNTS[@]}"; do
            awk -F'\t' -v m="$method" '$2 == m {print $3, $4, $5, $6}' "$OUT/results.tsv" | sort -g | awk -v m="$method" \
                -v b="$bytes" -v a="$a" -v f="$read" -v w="$write" '{ s[NR] = $1; r = $2; wr = $3; z = $4 } END {
                    med = (NR % 2) ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2
                    fr = (r + z) / 1e6 / f; fw = wr / 1e6 / w; floor = (fr > fw ? fr : fw)
                    printf "%-12s %9.2f %10.1f %9.2f %14.2f %12.2f %12.2f\n", m " host" (m > 1 ? "s" : ""), med, b / med / 1e6,
                        a / med, (r + z) / 1e9, floor, floor / med }'
        done
        echo "(medians of $REPS; MB = 10^6 bytes; MB/s of logical size; allocated = the copiers' bytesRead + zero bytes"
        echo " skipped; floor s = the larger of allocated / read floor and bytesWritten / write floor; floor/this: 1 = at the limit)"
        echo "results: $OUT/results.tsv; host logs: $OUT/bench-host-*.log"
    } | tee "$OUT/report.txt"
}

trap on_exit EXIT
trap 'exit 130' INT TERM
main
