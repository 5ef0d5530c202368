# shellcheck shell=bash
# Shared by bench/copy.sh, bench/verify.sh and bench/fleet.sh (sourced, not run): the stack's
# endpoints, the image sets, the old procedure's copy, the copier process, copy tasks, cleanup on
# `new`, and the exit handler.
#
# The sourcing script defines `usage` and calls `bench_args "$@"`; it may define `bench_on_exit`
# (called first by the exit handler) to stop and clean up what only it started.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENV_FILE=${GM_STACK_DIR:-$REPO/.stack}/stack.env
[ -f "$ENV_FILE" ] || { echo "no $ENV_FILE: run deploy/local/stack.sh up first" >&2; exit 1; }
set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
# shellcheck source=../deploy/local/lib/keystone-token.sh
. "$REPO/deploy/local/lib/keystone-token.sh"
KAFKA_LIB=${GM_CACHE_DIR:-/var/cache/glance-migrator}/kafka-4.1.2/lib
COPIER_JAR=$REPO/copier-service/target/quarkus-app/quarkus-run.jar
COPIER_PORT=${BENCH_COPIER_PORT:-18190}
RESULTS_TOPIC=glance-migrator.copy-results
TASK_PARTITIONS=12 # as glance-migrator.copy-tasks (topics.tsv)
# Sizes: `mixed` at 1 GiB scale (22.5 GB logical, 17 GiB allocated on `old`), where the procedure
# this replaces takes about 30 s on this 2-core machine (the 40 GiB sparse OSDs hold it); the
# disk-like sets at 5.6 GB logical keep their runs near 5 minutes. See bench/README.md.
# disk-like-thin is as big in logical bytes but holds only ~5 MiB of data per image in RBD.
declare -A DEFAULT_MIB=([mixed]=1024 [disk-like]=768 [disk-like-thin]=768)
# Copyable images per set: mixed has 8 (its queued and deleted images have no data).
declare -A EXPECTED_IMAGES=([mixed]=8 [disk-like]=6 [disk-like-thin]=6)
SETS_DIR=/tmp/glance-migrator-bench/sets
# shellcheck disable=SC2034 # read by copy.sh and verify.sh
JOBS=$(nproc)

# bench_args ARGS...: SET [MIB] [-r REPS] [--keep] [--reuse] [--out DIR]; sets SET MIB REPS KEEP
# REUSE OUT RUN_ID, the copier's TASK_TOPIC and GROUP, and makes OUT.
# shellcheck disable=SC2034 # REPS is read by copy.sh and verify.sh
bench_args() {
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
}

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/bench.log" >&2; }
fail() { say "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Clients as each side uses them: the copy reads with the migrator's read-only key on `old` and
# writes with its key on `new`, the same keys the copier gets; checks read `new` with its read-only
# key. Cleanup uses the admins.
rbd_old() { rbd --conf "$GM_CEPH_OLD_RO_CONF" --id "$GM_CEPH_OLD_RO_USER" "$@"; }
rbd_new() { rbd --conf "$GM_CEPH_NEW_RW_CONF" --id "$GM_CEPH_NEW_RW_USER" "$@"; }
rbd_new_ro() { rbd --conf "$GM_CEPH_NEW_RO_CONF" --id "$GM_CEPH_NEW_RO_USER" "$@"; }
rbd_new_admin() { rbd --conf "$GM_CEPH_NEW_ADMIN_CONF" "$@"; }
rbd_old_admin() { rbd --conf "$GM_CEPH_OLD_ADMIN_CONF" "$@"; }
glance_sql() { mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot --default-character-set=utf8mb4 -N -B glance -e "$1"; }
bench_kafka() { java -cp "$KAFKA_LIB/*" "$REPO/bench/BenchKafka.java" "$@"; }
# glance_auth: the file of the header with the stack operator's Keystone token (curl -H @FILE), which
# makes, uploads and deletes the benchmarks' images.
glance_auth() { keystone_token_file operator || fail "no Keystone token for the operator"; }
glance_delete() {
    local auth; auth=$(glance_auth)
    curl -sS -o /dev/null -w '%{http_code}' -X DELETE -H @"$auth" "$GM_GLANCE_URL/v2/images/$1"
}
export -f rbd_old rbd_new rbd_new_ro

# --- the image set -------------------------------------------------------------------------------

# Other tests restart Glance now and then (a cutover's `stack.sh glance-restart`): an upload can
# fail for that alone, so wait for Glance to answer again and try once more.
wait_glance() {
    local deadline=$((SECONDS + 90)) auth
    auth=$(glance_auth)
    until curl -fsS -o /dev/null -H @"$auth" "$GM_GLANCE_URL/v2/images?limit=1"; do
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
        while read -r id; do glance_delete "$id" >/dev/null || true; done < <(grep -Eo '^[0-9a-f-]{36}$' "$OUT/seed-try$try.ids")
    done
    fail "could not seed the mixed set (see $OUT/seed.log)"
}

# Six disk-like sizes, MIB*2 .. MIB/2 in eighths, not multiples of each other (image i gets i*4 KiB).
DISK_LIKE_EIGHTHS="16 12 10 8 6 4"

# make_disk_like: six disk-like images, made and uploaded exactly as `stack.sh seed` makes its disk-like
# ones (its functions, sourced in a subshell so their names stay there): through Glance's API,
# which writes every byte, zeros included, so RBD holds them fully allocated as real uploads are.
# Every id is printed as soon as it exists, so a failed upload's image is dropped too.
make_disk_like() {
    (
        # Not followed by shellcheck: it sets REPO and the stack's paths again, in this subshell only.
        # shellcheck source=/dev/null
        . "$REPO/deploy/local/lib/common.sh"
        # shellcheck source=../deploy/local/lib/seed.sh
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
        for eighths in $DISK_LIKE_EIGHTHS; do
            i=$((i + 1))
            seed_disk_like "$tmp/disk" $((MIB * eighths * mib / 8 + i * 4096)) || exit 1
            upload "bench-disk-like-$i-$tag" "$tmp/disk" || exit 1
        done
        rm -rf "$tmp"
    ) >"$OUT/set-made.ids" 2>>"$OUT/seed.log" || fail "upload failed (see $OUT/seed.log)"
}

# make_disk_like_thin: the same six disk-like images (same sizes, same data layout), written
# sparsely to `old` with the rbd CLI and registered in Glance by location, by seed.sh's own
# seed_sparse_registered (rbd import, which skips all-zero 4 KiB runs by default: --sparse-size 4K;
# 8 MiB objects; snap create + protect; then Glance's location API). Thin in RBD, as a Glance store
# with rbd_thin_provisioning = true or another tool leaves them; Glance has no hash for them.
# seed_sparse_registered prints the id only at its end: its `uuidgen` is wrapped to write the id to
# the set file as soon as it is drawn, so an image that fails half-way is still dropped afterwards.
make_disk_like_thin() {
    (
        # Not followed by shellcheck: it sets REPO and the stack's paths again, in this subshell only.
        # shellcheck source=/dev/null
        . "$REPO/deploy/local/lib/common.sh"
        # shellcheck source=../deploy/local/lib/seed.sh
        . "$REPO/deploy/local/lib/seed.sh"
        GLANCE_STORE=$GM_GLANCE_STORE # the store name the location's metadata carries, as seed.sh's
        uuidgen() { local id; id=$(command uuidgen); echo "$id" >&3; echo "$id"; }
        TMP=$OUT/tmp; mkdir -p "$TMP"
        tag=$(date -u +%H%M%S) mib=$((1024 * 1024)) i=0
        for eighths in $DISK_LIKE_EIGHTHS; do
            i=$((i + 1))
            seed_sparse_registered "bench-disk-like-thin-$i-$tag" $((MIB * eighths * mib / 8 + i * 4096)) >/dev/null || exit 1
            rm -f "$TMP"/*.img
        done
        rm -rf "$TMP"
    ) 3>"$OUT/set-made.ids" 2>>"$OUT/seed.log" || fail "making the thin set failed (see $OUT/seed.log)"
}

# require_uuid VALUE WHAT: as deploy/local/lib/common.sh's, failing the bench: a value goes into
# SQL only once it is known to be a UUID.
require_uuid() {
    [[ $1 =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]] ||
        fail "$2 is not a UUID: $(printf %q "$1")"
}

# select_set IDS: the set's images as Glance's DB has them, copyable ones only (active or
# deactivated, with a live location row on `old`), largest first -> $OUT/set.tsv (id, size, name).
select_set() {
    local ids='' id
    while read -r id; do
        require_uuid "$id" "image id $id in $1"
        ids+=${ids:+,}"'$id'"
    done < <(grep -Eo '^[0-9a-f-]{36}$' "$1")
    [ -n "$ids" ] || fail "no image ids in $1"
    require_uuid "$GM_CEPH_OLD_FSID" "GM_CEPH_OLD_FSID in $ENV_FILE"
    glance_sql "SELECT i.id, i.size, i.name FROM images i
        WHERE i.id IN ($ids) AND i.deleted = 0 AND i.status IN ('active', 'deactivated')
          AND EXISTS (SELECT 1 FROM image_locations l WHERE l.image_id = i.id AND l.deleted = 0
                      AND l.value = CONCAT('rbd://', '$GM_CEPH_OLD_FSID', '/images/', i.id, '/snap'))
        ORDER BY i.size DESC, i.id" >"$OUT/set.tsv"
    [ -s "$OUT/set.tsv" ] || fail "none of the set's images is copyable"
}

prepare_set() {
    local kept
    kept=$(find "$SETS_DIR" -maxdepth 1 -name "$SET-${MIB}MiB-*.ids" -printf '%T@ %p\n' 2>/dev/null |
        sort -rn | head -1 | cut -d' ' -f2- || true)
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

# drop_set: delete the images this run made, through Glance (it removes their RBD data). An image
# the thin set wrote to `old` but never got into Glance (a failure half-way) is removed from RBD.
drop_set() {
    local id code
    while read -r id; do
        code=$(glance_delete "$id" || true)
        case $code in 204|404) ;; *) say "could not delete image $id from Glance (HTTP $code)" ;; esac
        if [ "$SET" = disk-like-thin ] && rbd_old_admin info "images/$id" >/dev/null 2>&1; then
            rbd_old_admin snap unprotect "images/$id@snap" 2>/dev/null || true
            rbd_old_admin snap purge --no-progress "images/$id" >/dev/null 2>&1 || true
            rbd_old_admin rm --no-progress "images/$id" >/dev/null 2>&1 || say "could not remove old:images/$id"
        fi
    done < <(grep -Eo '^[0-9a-f-]{36}$' "$OUT/set-made.ids")
    say "deleted the image set from Glance"
}

# --- (a) the procedure this replaces (copy.sh, fleet.sh) ----------------------------------------

# old_procedure_copy_one ID TARGET: the old procedure for one image, in user space (run by xargs in
# its own bash).
old_procedure_copy_one() {
    set -euo pipefail
    rbd_old export --no-progress "images/$1@snap" - | rbd_new import --no-progress - "images/$2"
    rbd_new snap create --no-progress "images/$2@snap"
    rbd_new snap protect "images/$2@snap"
}
export -f old_procedure_copy_one

run_old_procedure() { # SUFFIX -> seconds on stdout
    local suffix=$1 t0 t1
    t0=$(now)
    # Largest first, as the copier gets them, `nproc` at a time as the old procedure ran them.
    cut -f1 "$OUT/set.tsv" | sed "s/.*/& &.$suffix/" |
        xargs -P "$JOBS" -n 2 bash -c 'old_procedure_copy_one "$@"' _ 2>>"$OUT/seed-copies.log" ||
        fail "(a) failed (see $OUT/seed-copies.log)"
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# rbd_bench_mbps: MB/s (10^6 bytes) from rbd bench's last line ("elapsed: … bytes/sec: 941 MiB/s").
rbd_bench_mbps() {
    awk '/^elapsed:/ { for (i = 1; i < NF; i++) if ($i == "bytes/sec:") { v = $(i + 1); u = $(i + 2) }
        f = (u == "GiB/s") ? 1073.741824 : (u == "MiB/s") ? 1.048576 : (u == "KiB/s") ? 0.001024 : 0.000001
        printf "%.1f\n", v * f }'
}

# floor_rates SET -> "READ_MBPS WRITE_MBPS": rbd bench on each side, 4 MiB I/Os, 16 in flight, as
# many bytes as SET's largest image (id<TAB>size…): read on old from that image (dense: read every
# byte it has), written on new to a scratch image.
floor_rates() {
    local largest size read write scratch=images/bench-floor-$RUN_ID
    read -r largest size _ < <(sort -t$'\t' -k2,2nr "$1" | head -1)
    read=$(rbd_old_admin bench --io-type read --io-size 4M --io-threads 16 --io-total "$size" --io-pattern seq \
        "images/$largest" 2>&1 | rbd_bench_mbps)
    rbd_new_admin create --size "$(((size + 1048575) / 1048576))M" "$scratch"
    write=$(rbd_new_admin bench --io-type write --io-size 4M --io-threads 16 --io-total "$size" --io-pattern seq \
        "$scratch" 2>&1 | rbd_bench_mbps)
    rbd_new_admin rm --no-progress "$scratch" >/dev/null 2>&1 || say "could not remove new:$scratch"
    echo "$read $write"
}

# sha512_floor_mbps -> MB/s: SHA-512 on every core at once (openssl speed -multi), the verifier's floor.
sha512_floor_mbps() {
    openssl speed -mr -multi "$(nproc)" -seconds 2 -bytes 1048576 sha512 2>/dev/null |
        awk -F: '/^\+F:/ { printf "%.1f\n", $4 / 1e6 }'
}

# --- copier-service -------------------------------------------------------------------------------

COPIER_PID='' DROP_SET=0
start_copier() {
    if [ ! -f "$COPIER_JAR" ]; then
        say "building copier-service"
        (cd "$REPO" && mvn -B -q -o package -pl copier-service -DskipTests) >"$OUT/build.log" 2>&1 ||
            fail "build failed (see $OUT/build.log)"
    fi
    # Not rebuilt when merely stale (other test runs may be using the jar): said, so the figures are
    # read as those of the copier that was built.
    if [ -n "$(find "$REPO/copier-service/src/main" -newer "$COPIER_JAR" -print -quit)" ]; then
        say "WARNING: $COPIER_JAR ($(date -u -r "$COPIER_JAR" +%H:%M:%S)) is older than copier-service/src/main;" \
            "this run measures that build (rebuild: mvn -B -q -o package -pl copier-service -DskipTests)"
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$COPIER_PORT") 2>/dev/null && fail "port $COPIER_PORT is taken (BENCH_COPIER_PORT)"
    bench_kafka create-topic "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$TASK_PARTITIONS" >>"$OUT/kafka.log" 2>&1 ||
        fail "could not create $TASK_TOPIC (see $OUT/kafka.log)"
    # Default copier settings; only its port, name, and the bench's own topic and group differ.
    (
        QUARKUS_HTTP_PORT=$COPIER_PORT COPIER_HOST=bench-copier \
        MP_MESSAGING_INCOMING_COPY_TASKS_TOPIC=$TASK_TOPIC MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID=$GROUP \
        exec java -jar "$COPIER_JAR"
    ) >"$OUT/copier.log" 2>&1 </dev/null &
    COPIER_PID=$!
    wait_ready "$COPIER_PORT" "$COPIER_PID" copier "$OUT/copier.log"
    say "copier ready on port $COPIER_PORT (pid $COPIER_PID, log $OUT/copier.log)"
}

wait_ready() { # PORT PID NAME LOG
    local deadline=$((SECONDS + 120))
    until curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | jq -e '.status == "UP"' >/dev/null; do
        kill -0 "$2" 2>/dev/null || fail "the $3 exited (see $4)"
        [ $SECONDS -lt $deadline ] || fail "the $3 is not ready after 120s (see $4)"
        sleep 0.5
    done
}

stop_pid() { # PID: SIGTERM (services drain), SIGKILL after 40 s
    [ -n "$1" ] || return 0
    local waited=0
    kill -TERM "$1" 2>/dev/null || true
    while kill -0 "$1" 2>/dev/null && [ $waited -lt 400 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$1" 2>/dev/null; then kill -KILL "$1" 2>/dev/null || true; fi
    wait "$1" 2>/dev/null || true
}
stop_copier() { stop_pid "$COPIER_PID"; COPIER_PID=; }

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

# run_copier SUFFIX [COPIED_FILE] -> "seconds=… copied=… bytesRead=… …" on stdout; with
# COPIED_FILE, the run's `copied` events are written there, one JSON a line.
run_copier() {
    local tasks line
    tasks=$(tasks_file "$1" "$(uuidgen)")
    line=$(bench_kafka run "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$RESULTS_TOPIC" "$tasks" 600 ${2:+"$2"} 2>>"$OUT/copier-results.log") ||
        fail "copier run failed: $(tail -1 "$OUT/copier-results.log") (see $OUT/copier.log)"
    echo "$line"
}

# --- checks and cleanup on `new` -------------------------------------------------------------------

# check_targets SUFFIX: every target has the source's size and a protected `snap`.
check_targets() {
    local suffix=$1 id size name info
    while IFS=$'\t' read -r id size name; do
        info=$(rbd_new --format json info "images/$id.$suffix@snap") || fail "no images/$id.$suffix@snap on new"
        [ "$(jq -r .size <<<"$info")" = "$size" ] || fail "images/$id.$suffix: size $(jq -r .size <<<"$info"), source $size"
        [ "$(jq -r .protected <<<"$info")" = true ] || fail "images/$id.$suffix@snap is not protected"
    done <"$OUT/set.tsv"
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
    while IFS=$'\t' read -r id _ <&3; do remove_target "$id.$1"; done 3<"$OUT/set.tsv"
}

# On any exit: the script's own cleanup, then stop our copier, remove whatever of this run is left
# on `new` (images and manifest objects), our topic and group, and the image set unless it is kept.
on_exit() {
    local rc=$? name
    trap - EXIT
    if declare -F bench_on_exit >/dev/null; then bench_on_exit || true; fi
    stop_copier
    for name in $(rbd_new_admin ls images 2>/dev/null | grep -E "\.(seed|copier)-bench-$RUN_ID" | grep -v 'glance-migrator-partial$' || true); do
        remove_target "$name"
    done
    for name in $(rados --conf "$GM_CEPH_NEW_ADMIN_CONF" -p images ls 2>/dev/null |
            grep -E "^glance-migrator\.manifest\..*\.(seed|copier)-bench-$RUN_ID" || true); do
        rados --conf "$GM_CEPH_NEW_ADMIN_CONF" -p images rm "$name" 2>/dev/null || true
    done
    bench_kafka cleanup "$GM_KAFKA_BOOTSTRAP" "$TASK_TOPIC" "$GROUP" >>"$OUT/kafka.log" 2>&1 || true
    [ "$DROP_SET" = 1 ] && [ -f "$OUT/set-made.ids" ] && drop_set
    [ $rc -eq 0 ] || say "exit $rc; logs in $OUT"
    exit $rc
}
