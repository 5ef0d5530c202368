#!/usr/bin/env bash
# Copy benchmark on the local stack: on one image set in Glance on `old`,
#   (a) the procedure this replaces: per image `rbd export @snap - | rbd import -` + snap create
#       + protect, `nproc` images at a time;
#   (b) copier-service: one copier process, from the first copy task published to the last `copied`;
# repeated R times, alternating which goes first, with medians and the ratio a/b.
#
#   bench/copy.sh SET [MIB] [-r REPS] [--keep] [--reuse] [--out DIR]
#
#   SET      mixed      `stack.sh seed MIB`: dense, disk-like, tiny, zero-byte, a sparse rbd-CLI
#                       image, a deactivated one, plus queued/deleted ones (no data; not copied)
#            disk-like  six disk-like images (MIB*2 .. MIB/2; mostly zeros, data scattered, as the
#                       seed set's) uploaded through Glance, which allocates them fully in RBD
#            disk-like-thin  the same six, written sparsely with the rbd CLI (thin in RBD) and
#                       registered in Glance by location, as the seed set's sparse image (no hash)
#   MIB      scales the set (default: mixed 1024 = 22.5 GB, disk-like(-thin) 768 = 5.6 GB)
#   -r REPS  repetitions of (a) and (b) (default 3)
#   --keep   keep the image set in Glance afterwards (default: delete it: `old` is shared)
#   --reuse  use the last set kept with --keep for this SET and MIB instead of making one
#            (and delete it afterwards, unless --keep is given again)
#   --out    where logs and results go (default /tmp/glance-migrator-bench/<run id>)
#
# Needs the stack up (`deploy/local/stack.sh up`). Everything the bench writes to `new` is removed
# after each repetition; the copier consumes a task topic and group of its own (see bench/lib.sh).
set -euo pipefail

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"

# --- checks -----------------------------------------------------------------------------------------

# sha_of SPEC CLIENT: SHA-256 of an image's bytes, read with the rbd CLI (not the code under test).
sha_of() { "$2" export --no-progress "$1" - | sha256sum | cut -d' ' -f1; }

declare -A SOURCE_SHA
# verify_copies SUFFIX: every target has the source's size and a protected `snap`; a sample (largest,
# smallest non-empty, and a middle one) has the source's bytes.
verify_copies() {
    local suffix=$1 n sample
    check_targets "$suffix"
    n=$(awk -F'\t' '$2 > 0' "$OUT/set.tsv" | wc -l)
    while read -r sample <&3; do
        [ -n "${SOURCE_SHA[$sample]:-}" ] || SOURCE_SHA[$sample]=$(sha_of "images/$sample@snap" rbd_old)
        [ "$(sha_of "images/$sample.$suffix@snap" rbd_new)" = "${SOURCE_SHA[$sample]}" ] ||
            fail "images/$sample.$suffix@snap differs from old:images/$sample@snap"
    done 3< <(awk -F'\t' '$2 > 0 {print $1}' "$OUT/set.tsv" | sed -n "1p;$(((n + 1) / 2))p;${n}p" | sort -u)
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
    start_copier

    local rep order method suffix secs line
    : >"$OUT/results.tsv"
    for rep in $(seq 1 "$REPS"); do
        # Alternate which goes first, so neither always runs on a warmer (or busier) cluster.
        if [ $((rep % 2)) = 1 ]; then order="a b"; else order="b a"; fi
        for method in $order; do
            if [ "$method" = a ]; then
                suffix=seed-bench-$RUN_ID-$rep
                secs=$(run_old_procedure "$suffix")
                echo -e "$rep\ta\t$secs\t\t\t" >>"$OUT/results.tsv"
            else
                suffix=copier-bench-$RUN_ID-$rep
                line=$(run_copier "$suffix")
                secs=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line")
                echo -e "$rep\tb\t$secs\t$(sed -E 's/.*bytesRead=([0-9]+) bytesWritten=([0-9]+) zeroBytesSkipped=([0-9]+).*/\1\t\2\t\3/' <<<"$line")" \
                    >>"$OUT/results.tsv"
            fi
            say "rep $rep ($method): ${secs}s"
            verify_copies "$suffix"
            cleanup_targets "$suffix"
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
        echo "copy benchmark, run $RUN_ID: set $SET at $MIB MiB, $images images, $bytes bytes (logical), $REPS reps, $(nproc) CPUs"
        printf '%-4s %-10s %9s %8s   %s\n' rep method seconds MB/s "copier's copied events, summed"
        awk -F'\t' -v bytes="$bytes" '{ printf "%-4s %-10s %9.2f %8.1f", $1, ($2 == "a" ? "(a) seed" : "(b) copier"), $3, bytes / $3 / 1e6
            if ($2 == "b") printf "   bytesRead %d, bytesWritten %d, zeroBytesSkipped %d", $4, $5, $6
            printf "\n" }' "$OUT/results.tsv"
        echo
        printf '%-14s %6s %14s %12s %12s %10s %10s %8s\n' set images bytes "(a) s" "(b) s" "(a) MB/s" "(b) MB/s" "a/b"
        awk -v set="$SET" -v n="$images" -v bytes="$bytes" -v a="$a" -v b="$b" 'BEGIN {
            printf "%-14s %6d %14d %12.2f %12.2f %10.1f %10.1f %8.2f\n", set, n, bytes, a, b, bytes / a / 1e6, bytes / b / 1e6, a / b }'
        echo "(medians of $REPS; a/b = ratio of the medians; MB = 10^6 bytes of logical image size)"
        awk -F'\t' '$2 == "b" { n++; r += $4; w += $5; z += $6 } END {
            printf "copier per run (mean of %d): bytesRead %d, bytesWritten %d, zeroBytesSkipped %d\n", n, r / n, w / n, z / n }' \
            "$OUT/results.tsv"
        echo "results: $OUT/results.tsv; copier log: $OUT/copier.log"
    } | tee "$OUT/report.txt"
}

main
