# shellcheck shell=bash
# Shared by bench/many.sh, bench/e2e.sh and bench/window.sh (sourced after lib.sh): the services'
# APIs, the procedure this replaces as a whole (copy, cmp, the SQL REPLACE of the fsid, Glance's
# config switched and Glance restarted), and what puts the stack back between repetitions.

# A failure inside $(…) ends the caller too: the phases run in command substitutions, and a bench
# that went on after a failed copy would time a switch of images it never copied.
shopt -s inherit_errexit

SERVICES=(planner-service copier-service verifier-service cutover-service)
# shellcheck disable=SC2153 # REPO is lib.sh's, sourced before this file
service_port() { awk -F= '$1 == "quarkus.http.port" {print $2}' "$REPO/$1/src/main/resources/application.properties"; }
PLANNER=http://127.0.0.1:$(service_port planner-service)
CUTOVER=http://127.0.0.1:$(service_port cutover-service)
STATUS_POLL=0.25 # s between status reads while the services work (a bench may read less often)
TOOL_THREADS=32  # threads of many_images.py for the bench's own work (making, removing), not measured

many_images() { "$REPO/bench/many_images.py" --threads "$TOOL_THREADS" "$@"; }

# run_options ARGS...: -r REPS (default 3), --keep, --reuse, --only a|b (one side alone: for trying a
# change, never for a reported ratio); anything else is the script's usage.
# Sets REPS KEEP REUSE METHODS, the run's RUN_ID and its output dir OUT (made), and the exit handler.
# shellcheck disable=SC2034 # REPS, REUSE and METHODS are the sourcing script's to read
run_options() {
    REPS=3 KEEP=0 REUSE=0 METHODS="a b"
    while [ $# -gt 0 ]; do
        case $1 in
            -r) REPS=$2; shift 2 ;;
            --keep) KEEP=1; shift ;;
            --reuse) REUSE=1; shift ;;
            --only) [[ ${2:-} =~ ^[ab]$ ]] || usage; METHODS=$2; shift 2 ;;
            *) usage ;;
        esac
    done
    RUN_ID=$(date -u +%Y%m%dT%H%M%S)-$$
    OUT=/tmp/glance-migrator-bench/$RUN_ID
    mkdir -p "$OUT" "$SETS_DIR"
    trap migration_bench_exit EXIT
    trap 'exit 130' INT TERM
}

# cpu_sample: every process's CPU time so far (user + system, in clock ticks), one line per stack
# part: "label ticks". The labels group the stack's processes by what they are (a service, an OSD of
# a cluster, the Galera nodes, ...); the difference of two samples is what a run cost each part.
cpu_sample() {
    local stat pid args
    for stat in /proc/[0-9]*/stat; do
        pid=${stat#/proc/}; pid=${pid%/stat}
        args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
        [ -n "$args" ] || continue
        awk -v a="$args" '{ sub(/^.*\) /, ""); print a "\t" $12 + $13 }' "$stat" 2>/dev/null || true
    done | awk -F'\t' '
        { a = $1; l = "" }
        a ~ /planner-service\/target\/quarkus-app/ { l = "planner" } a ~ /copier-service\/target\/quarkus-app/ { l = "copier" }
        a ~ /verifier-service\/target\/quarkus-app/ { l = "verifier" } a ~ /cutover-service\/target\/quarkus-app/ { l = "cutover" }
        a ~ /^ceph-osd.*\/old\// { l = "osd-old" } a ~ /^ceph-osd.*\/new\// { l = "osd-new" }
        a ~ /^ceph-mon/ { l = "ceph-mon" } a ~ /^ceph-mgr/ { l = "ceph-mgr" }
        a ~ /mariadbd/ { l = "mariadb" } a ~ /kafka\.Kafka/ { l = "kafka" }
        a ~ /keystone/ { l = "keystone" } a ~ /glance-api/ { l = "glance" }
        l != "" { t[l] += $2 } END { for (l in t) print l, t[l] }'
}

# cpu_per_item BEFORE AFTER ITEMS -> "label ms" per item, largest first, for every part that used
# any: where the run's CPU went (samples from cpu_sample).
cpu_per_item() {
    local hz; hz=$(getconf CLK_TCK)
    awk -v n="$3" -v hz="$hz" 'NR == FNR { before[$1] = $2; next } { d = $2 - before[$1]; if (d > 0) printf "%s %.1f\n", $1, d * 1000 / hz / n }' \
        "$1" "$2" | sort -k2 -rn
}

# osd_ops CLUSTER -> operations its OSD has served so far (its admin socket's perf counters): the
# difference of two reads is what a run asked of that cluster, a count that does not vary with the
# machine's noise as times and CPU do.
osd_ops() {
    stack_ceph "$1" daemon osd.0 perf dump | jq '.osd.op'
}

# stack_ceph CLUSTER ARGS...: the ceph CLI as the stack's admin of CLUSTER (old, new).
stack_ceph() {
    ceph --conf "${GM_STACK_DIR:-$REPO/.stack}/ceph/$1/ceph.conf" "${@:2}"
}

# await_snaptrim: until neither cluster's OSD trims snapshots any more. Removing a run's copies queues
# their snapshots for trimming, which the OSD does in the background for minutes: the next method
# would pay for the last one's cleanup (measured: (b) 167 s right after (a)'s 1,000 removals).
await_snaptrim() {
    local cluster waited=0
    for cluster in old new; do
        while stack_ceph "$cluster" pg ls snaptrim snaptrim_wait 2>/dev/null |
            grep -q '^[0-9]'; do
            sleep 5
            waited=$((waited + 5))
        done
    done
    [ "$waited" = 0 ] || say "waited ${waited}s for the OSDs to trim removed snapshots"
}

# results_median METHOD COLUMN -> the median of that column of $OUT/results.tsv over METHOD's rows.
results_median() {
    awk -F'\t' -v m="$1" -v c="$2" '$2 == m { print $c }' "$OUT/results.tsv" | median
}

# bearer_headers TOKEN_FILE -> a temporary header file that carries the token (the caller removes it):
# a token goes in a header file, never on a command line.
bearer_headers() {
    local headers
    headers=$(mktemp)
    printf 'Authorization: Bearer %s\n' "$(<"$1")" >"$headers"
    echo "$headers"
}

# service_api TOKEN_FILE METHOD URL [BODY]
service_api() {
    local headers rc=0
    headers=$(bearer_headers "$1")
    curl -fsS -X "$2" -H @"$headers" -H 'Content-Type: application/json' ${4:+-d "$4"} "$3" || rc=$?
    rm -f "$headers"
    return $rc
}
planner_api() { service_api "$GM_PLANNER_TOKEN_FILE" "$1" "$PLANNER$2" "${3:-}"; }
cutover_api() { service_api "$GM_CUTOVER_TOKEN_FILE" "$1" "$CUTOVER$2" "${3:-}"; }

# services_running: the four services up as the main job runs them (built first if a jar is missing).
services_running() {
    local svc missing=0
    for svc in "${SERVICES[@]}"; do [ -f "$REPO/$svc/target/quarkus-app/quarkus-run.jar" ] || missing=1; done
    if [ "$missing" = 1 ]; then
        say "building the services"
        (cd "$REPO" && mvn -B -q -o package -pl "$(IFS=,; echo "${SERVICES[*]}")" -am -DskipTests) >"$OUT/build.log" 2>&1 ||
            fail "build failed (see $OUT/build.log)"
    fi
    for svc in "${SERVICES[@]}"; do
        "$GM_STACK_SCRIPT" start "$svc" >>"$OUT/services.log" 2>&1 || fail "$svc did not start (see $OUT/services.log)"
    done
}

# plan_migration -> migration id: every image Glance holds on old's pool, to new's.
plan_migration() {
    planner_api POST /migrations \
        "{\"source\":{\"cluster\":\"old\",\"pool\":\"$GM_POOL\"},\"target\":{\"cluster\":\"new\",\"pool\":\"$GM_POOL\"}}" |
        jq -er .migrationId || fail "planning failed"
}

# await_verified MIGRATION [EXPECTED]: reads the status every STATUS_POLL s until nothing is open;
# fails on any failure, or unless EXPECTED images are in scope. Prints "copied_s verified_s", each
# from the call.
await_verified() {
    local t0 status open copied in_scope t_copied=''
    t0=$(now)
    while true; do
        status=$(planner_api GET "/migrations/$1") || { sleep 1; continue; }
        read -r open copied in_scope < <(jq -r '.counts as $c | [
            ([$c.planned, $c.copying, $c.copied, $c.verifying] | map(. // 0) | add),
            ([$c.copied, $c.verifying, $c.verified] | map(. // 0) | add),
            ([$c.planned, $c.copying, $c.copied, $c.verifying, $c.verified, $c.failed] | map(. // 0) | add)] | @tsv' <<<"$status")
        [ -z "${2:-}" ] || [ "$in_scope" -eq "$2" ] ||
            fail "migration $1 has $in_scope images in scope, not $2: Glance on old holds other images (bench on a fresh stack)"
        [ "$(jq '.counts.failed // 0' <<<"$status")" -eq 0 ] || fail "failures in $1: $(jq -c .failures <<<"$status")"
        if [ -z "$t_copied" ] && [ "$copied" -eq "$in_scope" ]; then t_copied=$(elapsed "$t0"); fi
        [ "$open" -eq 0 ] && break
        sleep "$STATUS_POLL"
    done
    echo "${t_copied:-$(elapsed "$t0")} $(elapsed "$t0")"
}

# allocated_bytes SET -> bytes the source holds for SET's images (id<TAB>…) at their `snap`, in whole
# objects (`rbd du` asserts on this pool: DiffIterate.cc:341 on Pacific 16.2.15).
allocated_bytes() {
    many_images --conf "$GM_CEPH_OLD_ADMIN_CONF" allocated <"$1"
}

# data_floor SET -> "floor_s read_MBps write_MBps sha512_MBps allocated logical": what no copy and
# verification of SET can beat on this machine, measured now: the source reads every allocated byte
# (rbd bench read), the verification hashes every logical byte (SHA-512 on all cores); the two may
# overlap, so the floor is the larger.
data_floor() {
    local rates sha allocated logical
    rates=$(floor_rates "$1"); sha=$(sha512_floor_mbps)
    allocated=$(allocated_bytes "$1"); logical=$(awk -F'\t' '{ s += $2 } END { printf "%d", s }' "$1")
    awk -v r="${rates% *}" -v w="${rates#* }" -v h="$sha" -v a="$allocated" -v l="$logical" 'BEGIN {
        c = a / 1e6 / r; v = l / 1e6 / h; printf "%.3f %s %s %s %d %d\n", (c > v ? c : v), r, w, h, a, l }'
}

# --- Glance ----------------------------------------------------------------------------------------

glance_nodes() { echo "$GM_GLANCE_NODES"; }
glance_node_var() { local v=GM_GLANCE_${1^^}_$2; v=${v//-/_}; echo "${!v}"; }

# store_images -> "id<TAB>size" of every image Glance serves from old's pool (active or deactivated,
# with a live location there): what both procedures move.
store_images() {
    require_uuid "$GM_CEPH_OLD_FSID" "GM_CEPH_OLD_FSID"
    glance_sql "SELECT i.id, i.size FROM images i WHERE i.deleted = 0 AND i.status IN ('active', 'deactivated')
        AND EXISTS (SELECT 1 FROM image_locations l WHERE l.image_id = i.id AND l.deleted = 0
                    AND l.value LIKE CONCAT('rbd://', '$GM_CEPH_OLD_FSID', '/%'))
        ORDER BY i.size DESC, i.id"
}

# glance_serves_from CLUSTER ID: the image downloads through every Glance node, equal to its RBD data
# on that cluster (read with the rbd CLI), while the other cluster plays no part in the answer.
glance_serves_from() {
    local cluster=$1 id=$2 node url want got
    if [ "$cluster" = new ]; then want=$(rbd_new_ro export --no-progress "images/$id@snap" - | sha256sum)
    else want=$(rbd_old export --no-progress "images/$id@snap" - | sha256sum); fi
    for node in $(glance_nodes); do
        url=$(glance_node_var "$node" URL)
        got=$(curl -fsS -H @"$(glance_auth)" "$url/v2/images/$id/file" | sha256sum) ||
            fail "$node did not serve image $id"
        [ "$got" = "$want" ] || fail "$node served image $id different from its data on $cluster"
    done
    glance_sql "SELECT value FROM image_locations WHERE image_id = '$id' AND deleted = 0" |
        grep -q "^rbd://$(fsid_of "$cluster")/" || fail "image $id's location is not on $cluster"
}
fsid_of() { if [ "$1" = new ]; then echo "$GM_CEPH_NEW_FSID"; else echo "$GM_CEPH_OLD_FSID"; fi; }

# glance_point_at CLUSTER: what the old procedure's operator did: the new cluster's ceph.conf and
# keyring put beside Glance's own (ceph-new/, Glance's files), every node's rbd_store_ceph_conf
# pointed at them (back: at the stack's ceph/ceph.conf), then the nodes restarted one by one. The
# config file is rewritten in place, so it stays Glance's.
glance_point_at() {
    local node file dir conf client
    client=$(dirname "$GM_CEPH_NEW_GLANCE_CONF")
    for node in $(glance_nodes); do
        file=$(glance_node_var "$node" CONF); dir=$(dirname "$file")
        conf=$dir/ceph/ceph.conf
        if [ "$1" = new ]; then
            conf=$dir/ceph-new/ceph.conf
            install -d -o "$GM_GLANCE_USER" -g "$GM_GLANCE_USER" -m 750 "$dir/ceph-new"
            install -o "$GM_GLANCE_USER" -g "$GM_GLANCE_USER" -m 600 "$client/ceph.client.glance.keyring" "$dir/ceph-new/"
            sed "s|^keyring = .*|keyring = $dir/ceph-new/ceph.client.glance.keyring|" "$GM_CEPH_NEW_GLANCE_CONF" >"$OUT/ceph.conf.tmp"
            install -o "$GM_GLANCE_USER" -g "$GM_GLANCE_USER" -m 640 "$OUT/ceph.conf.tmp" "$conf"
        fi
        sed "s|^rbd_store_ceph_conf *=.*|rbd_store_ceph_conf = $conf|" "$file" >"$OUT/glance.conf.tmp"
        cat "$OUT/glance.conf.tmp" >"$file"
    done
    rm -f "$OUT/glance.conf.tmp" "$OUT/ceph.conf.tmp"
    "$GM_STACK_SCRIPT" glance-restart >>"$OUT/glance-restart.log" 2>&1 || fail "Glance did not restart (see $OUT/glance-restart.log)"
}

# --- the procedure this replaces, whole ----------------------------------------------------------

old_procedure_compare_one() { # ID TARGET: both exports compared, as the old procedure's `cmp` step
    set -euo pipefail
    cmp -s <(rbd_old export --no-progress "images/$1@snap" -) <(rbd_new export --no-progress "images/$2@snap" -)
}
export -f old_procedure_compare_one

# old_copy_and_compare SET SUFFIX -> "copy_s cmp_s": every image of SET (id<TAB>…) copied to
# images/<id>SUFFIX on new and snapshotted as Glance does, `nproc` at a time, then compared.
old_copy_and_compare() {
    local t0 t1 t2
    t0=$(now)
    cut -f1 "$1" | sed "s/.*/& &$2/" |
        xargs -P "$JOBS" -n 2 bash -c 'old_procedure_copy_one "$@"' _ 2>>"$OUT/old.log" || fail "(a) copy failed (see $OUT/old.log)"
    t1=$(now)
    cut -f1 "$1" | sed "s/.*/& &$2/" |
        xargs -P "$JOBS" -n 2 bash -c 'old_procedure_compare_one "$@"' _ 2>>"$OUT/old.log" || fail "(a) cmp found a difference (see $OUT/old.log)"
    t2=$(now)
    awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.3f %.3f\n", b - a, c - b }'
}

# old_switch CLUSTER -> "sql_s switch_s": the rows' fsid REPLACEd, then Glance pointed at CLUSTER.
old_switch() {
    local from to t0 t1
    from=$(fsid_of "$([ "$1" = new ] && echo old || echo new)"); to=$(fsid_of "$1")
    require_uuid "$from" "fsid"; require_uuid "$to" "fsid"
    t0=$(now)
    glance_sql "UPDATE image_locations SET value = REPLACE(value, '$from', '$to') WHERE deleted = 0"
    t1=$(now)
    glance_point_at "$1"
    awk -v a="$t0" -v b="$t1" -v c="$(now)" 'BEGIN { printf "%.3f %.3f\n", b - a, c - b }'
}

# old_procedure_whole STORE SAMPLE -> "copy cmp sql switch serving total" (s): the procedure this
# replaces on STORE (id<TAB>size), until SAMPLE downloads from new through every Glance node; then
# undone (rows and config back, Glance restarted, copies removed), not timed.
old_procedure_whole() {
    local t0 t1 copy switch
    t0=$(now)
    copy=$(old_copy_and_compare "$1" '')
    switch=$(old_switch new)
    t1=$(now)
    glance_serves_from new "$2"
    awk -v a="$t0" -v b="$t1" -v e="$(now)" -v c="$copy" -v s="$switch" 'BEGIN {
        split(c, p, " "); split(s, q, " "); printf "%.3f %.3f %.3f %.3f %.3f %.3f\n", p[1], p[2], q[1], q[2], e - b, e - a }'
    old_switch old >/dev/null
    remove_copies "$1"
}

# remove_copies SET [SUFFIX]: images/<id>SUFFIX of SET removed from new (snapshot, image, manifest).
remove_copies() {
    many_images --conf "$GM_CEPH_NEW_ADMIN_CONF" purge --suffix "${2:-}" <"$1" 2>>"$OUT/purge.log" ||
        fail "removing copies failed (see $OUT/purge.log)"
}

# migration_bench_exit: the exit handler of these benches: the script's bench_on_exit, then the
# outcome said.
migration_bench_exit() {
    local rc=$?
    trap - EXIT
    bench_on_exit || true
    [ $rc -eq 0 ] || say "exit $rc; logs in $OUT"
    exit $rc
}

# store_restored MIGRATION KEPT: on the way out, whatever happened: the migration's cutover runs
# rolled back, Glance back on old if rows are still on new, the copies of the store ($OUT/store.tsv)
# removed from new, and the images this run made ($OUT/made.ids, uploads during the run included)
# deleted through Glance unless kept (then KEPT names them for --reuse).
store_restored() {
    local id
    if [ -n "$1" ]; then rollback_all "$1" 2>/dev/null || true; fi
    if glance_sql "SELECT value FROM image_locations WHERE deleted = 0" 2>/dev/null | grep -q "^rbd://$GM_CEPH_NEW_FSID/"; then
        old_switch old >/dev/null || say "could not switch Glance back to old: do it by hand"
    fi
    if [ -f "$OUT/store.tsv" ]; then remove_copies "$OUT/store.tsv" || true; fi
    [ -f "$OUT/made.ids" ] || return 0
    if [ "$KEEP" = 1 ]; then cp "$OUT/made.ids" "$2"; return; fi
    while read -r id; do
        glance_delete "$id" >/dev/null || true
    done < <(grep -Eo '^[0-9a-f-]{36}$' "$OUT/made.ids")
    rm -f "$2"
}

# report_floor FLOOR (data_floor's line): the floor, said.
report_floor() {
    local floor read write sha allocated logical
    read -r floor read write sha allocated logical <<<"$1"
    echo "floor: ${floor}s = the larger of $allocated allocated bytes at ${read} MB/s (source read, rbd bench) and" \
        "$logical logical bytes at ${sha} MB/s (SHA-512, all cores); target write ${write} MB/s"
}

# rollback_all MIGRATION: every cutover run rolled back, the latest first; false when one is refused.
rollback_all() {
    local result
    while result=$(cutover_api POST "/migrations/$1/rollback" 2>>"$OUT/rollback.log"); do
        echo "$result" >>"$OUT/rollback.log"
        [ "$(jq -r .kind <<<"$result")" = delta ] || return 0
    done
    return 1
}
