#!/usr/bin/env bash
# Copy benchmark on the local stack (issue 3, section 5): on one image set in Glance on `old`,
#   (a) the seed's procedure: per image `rbd export @snap - | rbd import -` + snap create + protect,
#       `nproc` images at a time;
#   (b) copier-service: one copier process, from the first copy task published to the last `copied`;
# repeated R times, alternating which goes first, with medians and the ratio a/b.
#
#   bench/copy.sh SET [MIB] [-r REPS] [--keep] [--reuse] [--out DIR]
#
#   SET      mixed      `stack.sh seed MIB`: dense, disk-like, tiny, zero-byte, a sparse rbd-CLI
#                       image, a deactivated one, plus queued/deleted ones (no data; not copied)
#            disk-like  six disk-like images (MIB*2 .. MIB/2; mostly zeros, data scattered, as the
#                       seed makes them) uploaded through Glance, which allocates them fully in RBD
#   MIB      scales the set (default: mixed 256 = 5.6 GB, disk-like 768 = 5.6 GB; see DEFAULT_MIB)
#   -r REPS  repetitions of (a) and (b) (default 3)
#   --keep   keep the image set in Glance afterwards (default: delete it, `old` is 16 GiB)
#   --reuse  use the last set kept with --keep for this SET and MIB instead of making one
#            (and delete it afterwards, unless --keep is given again)
#   --out    where logs and results go (default /tmp/glance-migrator-bench/<run id>)
#
# Needs the stack up (`deploy/local/stack.sh up`). Everything the bench writes to `new` is removed
# after each repetition; the copier consumes a task topic and group of its own (see below).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${GM_STACK_DIR:-$REPO/.stack}/stack.env
[ -f "$ENV_FILE" ] || { echo "no $ENV_FILE: run deploy/local/stack.sh up first" >&2; exit 1; }
set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
KAFKA_LIB=${GM_CACHE_DIR:-/var/cache/glance-migrator}/kafka-4.1.2/lib
COPIER_JAR=$REPO/copier-service/target/quarkus-app/quarkus-run.jar
COPIER_PORT=${BENCH_COPIER_PORT:-18190}
RESULTS_TOPIC=glance-migrator.copy-results
TASK_PARTITIONS=12 # as glance-migrator.copy-tasks (topics.tsv)
# Sizes: the largest that leaves the shared 16 GiB OSDs of `old` and `new` room for everyone else's
# tests (~5.6 GB logical each) and keeps a default run near 5 minutes. Measured on this 2-core
# machine, (a) runs at ~600 MB/s on `mixed` (its disk-like images are mostly zeros), so the 30 s for
# (a) that issue 3 asks for would need ~18 GB: more than an OSD holds. See bench/README.md.
declare -A DEFAULT_MIB=([mixed]=256 [disk-like]=768)
# Copyable images per set: mixed has 8 (its queued and deleted images have no data).
declare -A EXPECTED_IMAGES=([mixed]=8 [disk-like]=6)
SETS_DIR=/tmp/glance-migrator-bench/sets
JOBS=$(nproc)

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

SET=${1:-}; { [ -n "$SET" ] && [ -n "${DEFAULT_MIB[$SET]:-}" ]; } || usage; shift
MIB=${DEFAULT_MIB[$SET]}
if [[ ${1:-} =~ ^[0-9]+$ ]]; then MIB=$1; shift; fi
REPS=3 KEEP=0 REUSE=0 OUT=
while [ $# -gt 0 ]; do
    case $1 in
        -r) REPS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --reuse) REUSE=1; shift ;;
        --out) OUT=$2; shift 2 ;;
        *) usage ;;
    esac
done

RUN_ID=$(date -u +%Y%m%dT%H%M%S)-$$
OUT=${OUT:-/tmp/glance-migrator-bench/$RUN_ID}
mkdir -p "$OUT" "$SETS_DIR"
# The copier gets a task topic and consumer group of its own: the shared copy-tasks topic keeps
# records for good and group `copier` is used by tests and the main job, which would otherwise
# take (and later redo, after our cleanup) the bench's tasks, or hand theirs to our copier.
TASK_TOPIC=glance-migrator.copy-tasks.bench-$RUN_ID
GROUP=copier-bench-$RUN_ID

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/bench.log" >&2; }
fail() { say "FAILED: $*"; exit 1; }
now() { date +%s.%N; }

# Clients as each side uses them: (a) reads with the migrator's read-only key on `old` and writes
# with its key on `new`, the same keys the copier gets. Cleanup uses `new`'s admin.
rbd_old() { rbd --conf "$GM_CEPH_OLD_RO_CONF" --id "$GM_CEPH_OLD_RO_USER" "$@"; }
rbd_new() { rbd --conf "$GM_CEPH_NEW_RW_CONF" --id "$GM_CEPH_NEW_RW_USER" "$@"; }
rbd_new_admin() { rbd --conf "$GM_CEPH_NEW_ADMIN_CONF" "$@"; }
glance_sql() { mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot --default-character-set=utf8mb4 -N -B glance -e "$1"; }
bench_kafka() { java -cp "$KAFKA_LIB/*" "$REPO/bench/BenchKafka.java" "$@"; }
glance_delete() {
    curl -sS -o /dev/null -w '%{http_code}' -X DELETE -H 'X-Roles: admin' -H 'X-Tenant-Id: seed-project' \
        "$GM_GLANCE_URL/v2/images/$1"
}

# --- the image set -------------------------------------------------------------------------------

# Other tests restart Glance now and then (a cutover's `stack.sh glance-restart`): an upload can
# fail for that alone, so wait for Glance to answer again and try once more.
wait_glance() {
    local deadline=$((SECONDS + 90))
    until curl -fsS -o /dev/null -H 'X-Roles: admin' -H 'X-Tenant-Id: seed-project' "$GM_GLANCE_URL/v2/images?limit=1"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 1
    done
}

# make_mixed: the stack's own seed, through Glance; it prints the ids it made on stdout. A failed
# attempt's images are dropped with the rest; only the attempt that finished is the set.
make_mixed() {
    local try
    for try in 1 2; do
        if "$GM_STACK_SCRIPT" seed "$MIB" >"$OUT/seed-try$try.ids" 2>>"$OUT/seed.log"; then
            cat "$OUT"/seed-try*.ids >"$OUT/set-made.ids"
            SET_IDS=$OUT/seed-try$try.ids
            return
        fi
        cat "$OUT"/seed-try*.ids >"$OUT/set-made.ids"
        say "seed attempt $try failed (see $OUT/seed.log); waiting for Glance"
        wait_glance || break
        local id
        for id in $(grep -Eo '^[0-9a-f-]{36}$' "$OUT/seed-try$try.ids"); do glance_delete "$id" >/dev/null || true; done
    done
    fail "could not seed the mixed set (see $OUT/seed.log)"
}

# make_disk_like: six disk-like images, made and uploaded exactly as the seed makes its disk-like
# ones (its functions, sourced in a subshell so their names stay there): through Glance's API,
# which writes every byte, zeros included, so RBD holds them fully allocated as real uploads are.
# Every id is printed as soon as it exists, so a failed upload's image is dropped too.
make_disk_like() {
    (
        # shellcheck source=/dev/null
        . "$REPO/deploy/local/lib/common.sh"
        # shellcheck source=/dev/null
        . "$REPO/deploy/local/lib/seed.sh"
        upload() { # NAME FILE; checked step by step (set -e does not apply left of `||`)
            local try id
            for try in 1 2; do
                if id=$(seed_create "$1") && [[ $id =~ ^[0-9a-f-]{36}$ ]]; then
                    echo "$id"
                    seed_upload "$id" "$2" && return 0
                fi
                echo "upload of $1 failed (try $try); waiting for Glance" >&2
                wait_glance || return 1
            done
            return 1
        }
        tmp=$OUT/tmp; mkdir -p "$tmp"
        tag=$(date -u +%H%M%S) mib=$((1024 * 1024)) i=0
        for eighths in 16 12 10 8 6 4; do # MIB*2 .. MIB/2, not multiples of each other
            i=$((i + 1))
            seed_disk_like "$tmp/disk" $((MIB * eighths * mib / 8 + i * 4096)) || exit 1
            upload "bench-disk-like-$i-$tag" "$tmp/disk" || exit 1
        done
        rm -rf "$tmp"
    ) >"$OUT/set-made.ids" 2>>"$OUT/seed.log" || fail "upload failed (see $OUT/seed.log)"
}

# select_set IDS: the set's images as Glance's DB has them, copyable ones only (active or
# deactivated, with a live location row on `old`), largest first -> $OUT/set.tsv (id, size, name).
select_set() {
    local ids
    ids=$(grep -Eo '^[0-9a-f-]{36}$' "$1" | sed "s/.*/'&'/" | paste -sd,)
    [ -n "$ids" ] || fail "no image ids in $1"
    glance_sql "SELECT i.id, i.size, i.name FROM images i
        WHERE i.id IN ($ids) AND i.deleted = 0 AND i.status IN ('active', 'deactivated')
          AND EXISTS (SELECT 1 FROM image_locations l WHERE l.image_id = i.id AND l.deleted = 0
                      AND l.value = CONCAT('rbd://', '$GM_CEPH_OLD_FSID', '/images/', i.id, '/snap'))
        ORDER BY i.size DESC, i.id" >"$OUT/set.tsv"
    [ -s "$OUT/set.tsv" ] || fail "none of the set's images is copyable"
}

prepare_set() {
    local kept
    kept=$(ls -t "$SETS_DIR/$SET-${MIB}MiB-"*.ids 2>/dev/null | head -1 || true)
    if [ "$REUSE" = 1 ] && [ -n "$kept" ]; then
        say "reusing the image set of $kept"
        cp "$kept" "$OUT/set-made.ids"
        select_set "$OUT/set-made.ids"
        [ "$(wc -l <"$OUT/set.tsv")" -eq "$(cat "${kept%.ids}.count")" ] ||
            fail "the kept set $kept is no longer whole in Glance; run without --reuse"
        # Reused without --keep: this is its last use; delete it afterwards and forget it.
        if [ "$KEEP" = 0 ]; then DROP_SET=1; rm -f "$kept" "${kept%.ids}.count"; fi
        return
    fi
    [ "$REUSE" = 1 ] && say "no kept $SET set at $MIB MiB; making one"
    say "making the $SET set at $MIB MiB through Glance on old"
    local t0; t0=$(now)
    [ "$KEEP" = 1 ] || DROP_SET=1
    SET_IDS=$OUT/set-made.ids
    "make_${SET//-/_}"
    select_set "$SET_IDS"
    [ "$(wc -l <"$OUT/set.tsv")" -eq "${EXPECTED_IMAGES[$SET]}" ] ||
        fail "only $(wc -l <"$OUT/set.tsv") of ${EXPECTED_IMAGES[$SET]} images are copyable (see $OUT/seed.log)"
    say "made $(wc -l <"$OUT/set.tsv") copyable images in $(elapsed "$t0")s"
    if [ "$KEEP" = 1 ]; then
        local kept_file=$SETS_DIR/$SET-${MIB}MiB-$RUN_ID.ids
        cp "$SET_IDS" "$kept_file"; wc -l <"$OUT/set.tsv" >"${kept_file%.ids}.count"
    fi
}

# drop_set: delete the images this run made, through Glance (it removes their RBD data).
drop_set() {
    local id code
    while read -r id; do
        code=$(glance_delete "$id" || true)
        case $code in 204|404) ;; *) say "could not delete image $id from Glance (HTTP $code)" ;; esac
    done < <(grep -Eo '^[0-9a-f-]{36}$' "$OUT/set-made.ids")
    say "deleted the image set from Glance"
}

elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- (a) the seed's procedure ---------------------------------------------------------------------

# seed_copy_one ID TARGET: what the seed did per image, in user space. Run by xargs in its own bash.
seed_copy_one() {
    set -euo pipefail
    rbd_old export --no-progress "images/$1@snap" - | rbd_new import --no-progress - "images/$2"
    rbd_new snap create --no-progress "images/$2@snap"
    rbd_new snap protect "images/$2@snap"
}
export -f seed_copy_one rbd_old rbd_new

run_seed() { # SUFFIX -> seconds on stdout
    local suffix=$1 t0 t1
    t0=$(now)
    # Largest first, as the copier gets them, `nproc` at a time as the seed ran them.
    cut -f1 "$OUT/set.tsv" | sed "s/.*/& &.$suffix/" |
        xargs -P "$JOBS" -n 2 bash -c 'seed_copy_one "$@"' _ 2>>"$OUT/seed-copies.log" ||
        fail "(a) failed (see $OUT/seed-copies.log)"
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# --- (b) copier-service ---------------------------------------------------------------------------

COPIER_PID= DROP_SET=0
start_copier() {
    if [ ! -f "$COPIER_JAR" ]; then
        say "building copier-service"
        (cd "$REPO" && mvn -B -q -o package -pl copier-service -DskipTests) >"$OUT/build.log" 2>&1 ||
            fail "build failed (see $OUT/build.log)"
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$COPIER_PORT") 2>/dev/null && fail "port $COPIER_PORT is taken (BENCH_COPIER_PORT)"
    bench_kafka create-topic "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$TASK_PARTITIONS" >>"$OUT/kafka.log" 2>&1 ||
        fail "could not create $TASK_TOPIC (see $OUT/kafka.log)"
    # Default copier settings; only its port, name, and the bench's own topic and group differ.
    (
        GM_DB_PASSWORD=$(cat "$GM_DB_PASSWORD_FILE") GM_DB_RO_PASSWORD=$(cat "$GM_DB_RO_PASSWORD_FILE") \
        QUARKUS_HTTP_PORT=$COPIER_PORT COPIER_HOST=bench-copier \
        MP_MESSAGING_INCOMING_COPY_TASKS_TOPIC=$TASK_TOPIC MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID=$GROUP \
        exec java -jar "$COPIER_JAR"
    ) >"$OUT/copier.log" 2>&1 </dev/null &
    COPIER_PID=$!
    local deadline=$((SECONDS + 120))
    until curl -fsS "http://127.0.0.1:$COPIER_PORT/q/health/ready" 2>/dev/null | jq -e '.status == "UP"' >/dev/null; do
        kill -0 "$COPIER_PID" 2>/dev/null || fail "the copier exited (see $OUT/copier.log)"
        [ $SECONDS -lt $deadline ] || fail "the copier is not ready after 120s (see $OUT/copier.log)"
        sleep 0.5
    done
    say "copier ready on port $COPIER_PORT (pid $COPIER_PID, log $OUT/copier.log)"
}

stop_copier() { # SIGTERM (it drains), SIGKILL after 40 s
    [ -n "$COPIER_PID" ] || return 0
    local waited=0
    kill -TERM "$COPIER_PID" 2>/dev/null || true
    while kill -0 "$COPIER_PID" 2>/dev/null && [ $waited -lt 400 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$COPIER_PID" 2>/dev/null && kill -KILL "$COPIER_PID" 2>/dev/null || true
    wait "$COPIER_PID" 2>/dev/null || true
    COPIER_PID=
}

# tasks_file SUFFIX MIGRATION: one copy-task per image (docs/events.md), largest first.
tasks_file() {
    local id size name file=$OUT/tasks-$1.jsonl
    : >"$file"
    while IFS=$'\t' read -r id size name; do
        jq -nc --arg eventId "$(uuidgen)" --arg migrationId "$2" --arg id "$id" --argjson size "$size" \
            --arg name "$name" --arg at "$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)" --arg fsid "$GM_CEPH_OLD_FSID" \
            --arg target "$id.$1" \
            '{type: "copy-task", schemaVersion: 1, eventId: $eventId, migrationId: $migrationId, imageId: $id,
              attempt: 1, host: "bench", occurredAt: $at, imageName: $name, sizeBytes: $size,
              source: {cluster: "old", fsid: $fsid, pool: "images", image: $id, snapshot: "snap"},
              target: {cluster: "new", fsid: null, pool: "images", image: $target, snapshot: null}}' >>"$file"
    done <"$OUT/set.tsv"
    echo "$file"
}

run_copier() { # SUFFIX -> "seconds=… copied=… bytesRead=… …" on stdout
    local tasks line
    tasks=$(tasks_file "$1" "$(uuidgen)")
    line=$(bench_kafka run "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$RESULTS_TOPIC" "$tasks" 600 2>>"$OUT/copier-results.log") ||
        fail "(b) failed: $(tail -1 "$OUT/copier-results.log") (see $OUT/copier.log)"
    echo "$line"
}

# --- checks and cleanup on `new` -------------------------------------------------------------------

# sha_of SPEC CLIENT: SHA-256 of an image's bytes, read with the rbd CLI (not the code under test).
sha_of() { "$2" export --no-progress "$1" - | sha256sum | cut -d' ' -f1; }

declare -A SOURCE_SHA
# verify SUFFIX: every target has the source's size and a protected `snap`; a sample (largest,
# smallest non-empty, and a middle one) has the source's bytes.
verify() {
    local suffix=$1 id size name info n sample
    while IFS=$'\t' read -r id size name; do
        info=$(rbd_new --format json info "images/$id.$suffix@snap") || fail "no images/$id.$suffix@snap on new"
        [ "$(jq -r .size <<<"$info")" = "$size" ] || fail "images/$id.$suffix: size $(jq -r .size <<<"$info"), source $size"
        [ "$(jq -r .protected <<<"$info")" = true ] || fail "images/$id.$suffix@snap is not protected"
    done <"$OUT/set.tsv"
    n=$(awk -F'\t' '$2 > 0' "$OUT/set.tsv" | wc -l)
    for sample in $(awk -F'\t' '$2 > 0 {print $1}' "$OUT/set.tsv" | sed -n "1p;$(((n + 1) / 2))p;${n}p" | sort -u); do
        [ -n "${SOURCE_SHA[$sample]:-}" ] || SOURCE_SHA[$sample]=$(sha_of "images/$sample@snap" rbd_old)
        [ "$(sha_of "images/$sample.$suffix@snap" rbd_new)" = "${SOURCE_SHA[$sample]}" ] ||
            fail "images/$sample.$suffix@snap differs from old:images/$sample@snap"
    done
}

# remove_target NAME: the image, its snapshot, the copier's manifest object and staging image.
remove_target() {
    local name
    for name in "$1" "$1.glance-migrator-partial"; do
        rbd_new_admin info "images/$name" >/dev/null 2>&1 || continue
        rbd_new_admin snap unprotect "images/$name@snap" 2>/dev/null || true
        rbd_new_admin snap purge --no-progress "images/$name" >/dev/null 2>&1 || true
        rbd_new_admin rm --no-progress "images/$name" >/dev/null 2>&1 || say "could not remove new:images/$name"
    done
    rados --conf "$GM_CEPH_NEW_ADMIN_CONF" -p images rm "glance-migrator.manifest.$1" 2>/dev/null || true
}

cleanup_targets() { # SUFFIX
    local id
    for id in $(cut -f1 "$OUT/set.tsv"); do remove_target "$id.$1"; done
}

# On any exit: stop our copier, remove whatever of this run is left on `new`, our topic and group,
# and the image set unless it is kept.
on_exit() {
    local rc=$? name
    trap - EXIT
    stop_copier
    for name in $(rbd_new_admin ls images 2>/dev/null | grep -E "\.(seed|copier)-bench-$RUN_ID" | grep -v 'glance-migrator-partial$' || true); do
        remove_target "$name"
    done
    bench_kafka cleanup "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$GROUP" >>"$OUT/kafka.log" 2>&1 || true
    [ "$DROP_SET" = 1 ] && [ -f "$OUT/set-made.ids" ] && drop_set
    [ $rc -eq 0 ] || say "exit $rc; logs in $OUT"
    exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- the run --------------------------------------------------------------------------------------

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

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
                secs=$(run_seed "$suffix")
                echo -e "$rep\ta\t$secs\t\t\t" >>"$OUT/results.tsv"
            else
                suffix=copier-bench-$RUN_ID-$rep
                line=$(run_copier "$suffix")
                secs=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$line")
                echo -e "$rep\tb\t$secs\t$(sed -E 's/.*bytesRead=([0-9]+) bytesWritten=([0-9]+) zeroBytesSkipped=([0-9]+).*/\1\t\2\t\3/' <<<"$line")" \
                    >>"$OUT/results.tsv"
            fi
            say "rep $rep ($method): ${secs}s"
            verify "$suffix"
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
        printf '%-10s %6s %14s %12s %12s %10s %10s %8s\n' set images bytes "(a) s" "(b) s" "(a) MB/s" "(b) MB/s" "a/b"
        awk -v set="$SET" -v n="$images" -v bytes="$bytes" -v a="$a" -v b="$b" 'BEGIN {
            printf "%-10s %6d %14d %12.2f %12.2f %10.1f %10.1f %8.2f\n", set, n, bytes, a, b, bytes / a / 1e6, bytes / b / 1e6, a / b }'
        echo "(medians of $REPS; a/b = ratio of the medians; MB = 10^6 bytes of logical image size)"
        awk -F'\t' '$2 == "b" { n++; r += $4; w += $5; z += $6 } END {
            printf "copier per run (mean of %d): bytesRead %d, bytesWritten %d, zeroBytesSkipped %d\n", n, r / n, w / n, z / n }' \
            "$OUT/results.tsv"
        echo "results: $OUT/results.tsv; copier log: $OUT/copier.log"
    } | tee "$OUT/report.txt"
}

main
