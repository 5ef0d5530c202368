#!/usr/bin/env bash
# The local stack of glance-migrator on one Debian 12 machine, as root, without Docker, shaped as an
# OpenStack control plane: Glance's database on a 3-node MariaDB Galera cluster (the ledger on it
# too, or on a server of its own with GM_LEDGER_SERVER=separate), Kafka (KRaft), two Ceph Pacific
# clusters `old` and `new`, Keystone (uwsgi, its database on Galera too), and two real Glance API
# nodes on `old`, running as the glance user, authenticating through Keystone.
#
#   stack.sh up [--hosts N]   install what is missing, start everything, write $STATE/stack.env;
#                             with --hosts N (kept for the stack's life; 0 goes back), the copier runs
#                             on N container hosts (copier-1 … copier-N) instead of on this machine
#   stack.sh host-start NAME [VAR=VALUE...]  one more copier host (configuration overrides given), its URL printed
#   stack.sh down             stop exactly the processes `up` (and migrate.sh) started
#   stack.sh status           what runs where
#   stack.sh reset            down, then wipe all state (data, keys, topics)
#   stack.sh release          down, then delete the databases and Glance's files kept outside the
#                             state dir (CI: a clone's stack is never started again); the state dir
#                             keeps its logs, and only `reset` makes a stack from it again
#   stack.sh seed [MIB]       upload the mixed seed set through Glance (sizes scale with MIB, default 4)
#   stack.sh seed-clones      clone children on `old` (a Nova disk, Cinder volumes) for two seeded
#                             images, listed in $STATE/seed/clones; once per stack state
#   stack.sh glance-restart [NODE]  restart a Glance node (api-1, api-2), or each in turn
#
# Fault injection, one component at a time:
#   stack.sh kill COMPONENT     SIGKILL to it (and its process group), as a crash; `start` recovers
#   stack.sh stop COMPONENT     stop it gracefully: SIGTERM, SIGKILL after 30 s
#   stack.sh start COMPONENT    start it again as `up` does (a service: as migrate.sh starts the four)
#   stack.sh freeze COMPONENT   SIGSTOP: it hangs, holding its connections, until thawed
#   stack.sh thaw COMPONENT     SIGCONT
#   stack.sh cut HOST           a copier host cut off the network (it runs on); `reconnect HOST` ends it
#   stack.sh host-remove HOST   a copier host stopped (drained) and removed
# COMPONENT: mariadb-1, mariadb-2, mariadb-3 (Galera nodes), mariadb-ledger (with a separate ledger),
# kafka, keystone, glance-api-1, glance-api-2, ceph-old-mon, ceph-old-mgr, ceph-old-osd, ceph-new-mon,
# ceph-new-mgr, ceph-new-osd, planner-service, copier-service, verifier-service, cutover-service,
# each copier host by its name (kill/stop/freeze/thaw act on its container);
# `mariadb` stands for every database server (a whole outage), `glance-api` for both Glance nodes;
# kill, stop, freeze and thaw also take any other name with a pid file in $STATE/pids.
#
# State lives in $GM_STACK_DIR (default: .stack/ in the repository); Kafka's jars are cached in
# $GM_CACHE_DIR (default: /var/cache/glance-migrator).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
# shellcheck source=lib/ceph.sh
. "$here/lib/ceph.sh"
# shellcheck source=lib/mariadb.sh
. "$here/lib/mariadb.sh"
# shellcheck source=lib/kafka.sh
. "$here/lib/kafka.sh"
# shellcheck source=lib/keystone-token.sh
. "$here/lib/keystone-token.sh"
# shellcheck source=lib/keystone.sh
. "$here/lib/keystone.sh"
# shellcheck source=lib/glance.sh
. "$here/lib/glance.sh"
# shellcheck source=lib/seed.sh
. "$here/lib/seed.sh"
# shellcheck source=lib/services.sh
. "$here/lib/services.sh"

# Left in the state dir by `up`: what tells `reset` the directory is the stack's to delete.
STATE_MARKER=.glance-migrator-stack

PACKAGES=(ceph-mon ceph-mgr ceph-osd ceph-common glance-api python3-rbd python3-rados mariadb-server galera-4
    rsync curl jq uuid-runtime openjdk-17-jdk-headless maven
    # Keystone from python3-keystone, not the `keystone` package (its init script and debconf set up a
    # Keystone of the machine's own; see lib/keystone.sh), under uwsgi; and the OpenStack client.
    python3-keystone uwsgi-core uwsgi-plugin-python3 python3-openstackclient)

ensure_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    # A JDK or Maven installed otherwise (not from Debian) serves as well.
    if command -v javac >/dev/null; then missing=("${missing[@]/openjdk-17-jdk-headless}"); fi
    if command -v mvn >/dev/null; then missing=("${missing[@]/maven}"); fi
    read -r -a missing <<<"${missing[*]}"
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >"$STATE/apt.log" 2>&1 ||
        die "apt-get install failed (see $STATE/apt.log)"
}

write_env() {
    local tmp=$ENV_FILE.tmp c node
    {
        echo "# Written by deploy/local/stack.sh up: every endpoint, fsid and key path of the local stack."
        echo "# Read by the shell (values of several words are in single quotes) and by LocalStack."
        echo "GM_STACK_DIR=$STATE"
        echo "GM_STACK_SCRIPT=$here/stack.sh"
        echo "GM_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
        echo "GM_HOST_ADDRESS=$(host_address)"
        [ "$(host_address)" = 127.0.0.1 ] || echo "GM_KAFKA_FLEET_BOOTSTRAP=$(host_address):$KAFKA_FLEET_PORT"
        echo "GM_COPIER_HOSTS=$(fleet_hosts_wanted)"
        echo "GM_FLEET_NETWORK=$FLEET_NETWORK"
        echo "GM_FLEET_CEPH_DIR=$FLEET_CEPH_DIR"
        echo "GM_DB_NODES='$(for n in "${GALERA_NODES[@]}"; do printf '127.0.0.1:%s ' "$(mariadb_node_port "$n")"; done | sed 's/ $//')'"
        echo "GM_DB_HOST=127.0.0.1"
        echo "GM_DB_PORT=$(ledger_port)"
        echo "GM_LEDGER_SERVER=$LEDGER_SERVER"
        echo "GM_LEDGER_DB=glance_migrator"
        echo "GM_DB_USER=migrator"
        echo "GM_DB_PASSWORD_FILE=$STATE/secrets/db-migrator"
        echo "GM_GLANCE_DB_HOST=127.0.0.1"
        echo "GM_GLANCE_DB_PORT=$(mariadb_node_port 1)"
        echo "GM_GLANCE_DB=glance"
        echo "GM_DB_RO_USER=migrator_ro"
        echo "GM_DB_RO_PASSWORD_FILE=$STATE/secrets/db-migrator-ro"
        echo "GM_GLANCE_DB_WRITER_USER=migrator_glance"
        echo "GM_GLANCE_DB_WRITER_PASSWORD_FILE=$STATE/secrets/db-migrator-glance"
        echo "GM_DB_ROOT_SOCKET=$(mariadb_node_socket 1)"
        for n in "${GALERA_NODES[@]:1}"; do echo "GM_DB_ROOT_SOCKET_$n=$(mariadb_node_socket "$n")"; done
        [ "$LEDGER_SERVER" = cluster ] || echo "GM_LEDGER_ROOT_SOCKET=$(mariadb_ledger_dir)/mysqld.sock"
        echo "GM_PLANNER_TOKEN_FILE=$STATE/secrets/planner-token"
        echo "GM_CUTOVER_TOKEN_FILE=$STATE/secrets/cutover-token"
        keystone_env
        echo "GM_GLANCE_NODES='${GLANCE_NODES[*]}'"
        for node in "${GLANCE_NODES[@]}"; do
            local N; N=API_$(glance_node_index "$node")
            echo "GM_GLANCE_${N}_URL=$(glance_node_url "$node")"
            echo "GM_GLANCE_${N}_CONF=$(glance_node_conf "$node")"
            echo "GM_GLANCE_${N}_RESTART='$here/stack.sh glance-restart $node'"
        done
        echo "GM_GLANCE_URL=$(glance_node_url api-1)"
        echo "GM_GLANCE_CONF=$(glance_node_conf api-1)"
        echo "GM_GLANCE_USER=$GLANCE_USER"
        echo "GM_GLANCE_STORE=$GLANCE_STORE"
        echo "GM_POOL=$POOL"
        for c in old new; do
            local C=${c^^}
            echo "GM_CEPH_${C}_FSID=$(cat "$STATE/ceph/$c/fsid")"
            echo "GM_CEPH_${C}_ADMIN_CONF=$STATE/ceph/$c/ceph.conf"
            echo "GM_CEPH_${C}_GLANCE_CONF=$STATE/clients/$c/glance/ceph.conf"
            echo "GM_CEPH_${C}_RO_CONF=$STATE/clients/$c/migrator-ro/ceph.conf"
            echo "GM_CEPH_${C}_RO_USER=migrator-ro"
        done
        echo "GM_CEPH_NEW_RW_CONF=$STATE/clients/new/migrator/ceph.conf"
        echo "GM_CEPH_NEW_RW_USER=migrator"
    } >"$tmp"
    mv "$tmp" "$ENV_FILE"
}

stack_up() {
    local started=$SECONDS
    [ ! -f "$STATE/released" ] || die "this stack's databases were released: '$0 reset', then up"
    mkdir -p "$STATE"
    touch "$STATE/$STATE_MARKER"
    case ${1:-} in
        --hosts) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--hosts takes a number of copier hosts"; echo "$2" >"$STATE/copier-hosts" ;;
        '') ;;
        *) usage ;;
    esac
    ensure_packages
    host_address_up
    fleet_enabled && fleet_network_up
    mariadb_up
    ceph_up old "$OLD_MON_PORTS"
    ceph_up new "$NEW_MON_PORTS"
    kafka_up
    keystone_up
    glance_up
    secret_get planner-token >/dev/null
    secret_get cutover-token >/dev/null
    write_env
    log "stack up in $((SECONDS - started))s; endpoints in $ENV_FILE"
}

stack_down() {
    services_down; fleet_down; glance_down; keystone_down; kafka_down; ceph_down new; ceph_down old; mariadb_down
    log "stack down"
}

# The stack's named processes: what status lists and fault injection starts.
COMPONENTS=(mariadb-1 mariadb-2 mariadb-3 ceph-old-mon ceph-old-mgr ceph-old-osd ceph-new-mon ceph-new-mgr
    ceph-new-osd kafka keystone glance-api-1 glance-api-2 "${SERVICES[@]}")
[ "$LEDGER_SERVER" = cluster ] || COMPONENTS=(mariadb-ledger "${COMPONENTS[@]}")
# Names that stand for several components, and the components, in the order they stop.
COMPONENT_GROUPS=(mariadb glance-api)
group_members() {
    case $1 in
        mariadb) [ "$LEDGER_SERVER" = cluster ] || echo mariadb-ledger; printf 'mariadb-%s\n' 3 2 1 ;;
        glance-api) printf 'glance-%s\n' "${GLANCE_NODES[@]}" ;;
    esac
}

stack_status() {
    local name pid
    for name in "${COMPONENTS[@]}"; do
        if pid=$(process_pid "$name"); then printf '%-17s running  pid %s\n' "$name" "$pid"
        else printf '%-17s stopped\n' "$name"; fi
    done
    fleet_status
    if [ -f "$ENV_FILE" ]; then grep -E '_(FSID|BOOTSTRAP|URL|PORT)=' "$ENV_FILE" || true; fi
    # Healthy only when everything runs.
    for name in "${COMPONENTS[@]}"; do
        in_list "$name" "${SERVICES[@]}" || [[ $name == ceph-*-m* ]] || process_running "$name" || return 3
    done
}

# state_dir_check: $STATE may be deleted: it is not /, $HOME, the repository or a directory above
# one of them, and it is a stack state dir (holding the marker `up` leaves, or named *.stack) or
# does not exist. Dies otherwise.
state_dir_check() {
    local resolved named d
    [ -n "$STATE" ] || die "refusing to reset: the state dir is empty"
    resolved=$(realpath -m -- "$STATE")
    [ "$resolved" != / ] || die "refusing to reset: the state dir is /"
    for d in "${HOME:-}" "$REPO"; do
        [ -n "$d" ] || continue
        d=$(realpath -m -- "$d")
        case $d/ in "$resolved/"*) die "refusing to reset: the state dir $STATE is or holds $d" ;; esac
    done
    [ -e "$STATE" ] || return 0
    [ -d "$STATE" ] || die "refusing to reset: the state dir $STATE is not a directory"
    [ -f "$STATE/$STATE_MARKER" ] && return 0
    case ${resolved##*/} in *.stack) return 0 ;; esac
    named=$(realpath -s -m -- "$STATE") # the name as given, symbolic links not followed
    case ${named##*/} in *.stack) return 0 ;; esac
    die "refusing to reset $STATE: not a stack state dir (no $STATE_MARKER, which 'up' leaves," \
        "and not named *.stack); delete it by hand if it is one"
}

# stragglers_stop: processes of this stack that no pid file knows any more (a Glance node whose start
# timed out and was started again, say), found by the state or runtime dir in their command lines.
# Only for release and reset, which delete those dirs: a straggler would keep a port of the next stack.
stragglers_stop() {
    local pattern pids
    pattern="$(regex_literal "$RUNTIME/")|$(regex_literal "$STATE/")"
    pids=$(pgrep -f -- "$pattern" | grep -vx "$$" | xargs) || true
    [ -z "$pids" ] && return 0
    log "stopping processes left over from this stack: $pids"
    # shellcheck disable=SC2086 # one pid per word
    kill -KILL $pids 2>/dev/null || true
}

# regex_literal TEXT: TEXT as an extended regular expression matching exactly it.
# shellcheck disable=SC2001 # a class of characters, which ${//} cannot replace in one go
regex_literal() { sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; }

stack_release() {
    stack_down
    stragglers_stop
    case $RUNTIME in "$RUNTIME_ROOT"/*) rm -rf "$RUNTIME" ;; *) die "not deleting $RUNTIME (not under $RUNTIME_ROOT)" ;; esac
    host_address_release
    [ ! -d "$STATE" ] || touch "$STATE/released"
    log "released $RUNTIME; $STATE keeps the logs ('reset' before the next 'up')"
}

stack_reset() {
    state_dir_check
    stack_down
    stragglers_stop
    host_address_release
    rm -rf "$STATE"
    case $RUNTIME in "$RUNTIME_ROOT"/*) rm -rf "$RUNTIME" ;; *) log "left $RUNTIME (not under $RUNTIME_ROOT)" ;; esac
    log "state wiped: $STATE and $RUNTIME"
}

# components_with_pids: COMPONENTS, then every other name that has a pid file (extra instances).
components_with_pids() {
    local pf name
    printf '%s\n' "${COMPONENTS[@]}"
    for pf in "$STATE"/pids/*.pid; do
        [ -e "$pf" ] || continue
        name=$(basename "$pf" .pid)
        in_list "$name" "${COMPONENTS[@]}" || echo "$name"
    done
}

in_list() { # WORD LIST...: WORD is one of LIST
    local word=$1 item; shift
    for item in "$@"; do [ "$item" = "$word" ] && return 0; done
    return 1
}

# component_check ACTION NAME: NAME is a component ACTION takes; exits 2 listing them otherwise.
component_check() {
    local action=$1 name=$2 valid
    if [ "$action" = start ]; then valid=("${COMPONENTS[@]}"); else mapfile -t valid < <(components_with_pids); fi
    valid+=("${COMPONENT_GROUPS[@]}")
    in_list "$name" "${valid[@]}" && return 0
    fleet_takes "$action" "$name" && return 0
    if [ "$action" = start ] && [ -f "$(pid_file "$name")" ]; then
        log "ERROR: '$name' has a pid file, but start knows only the stack's own components: ${valid[*]}"
    else
        log "ERROR: unknown component '$name' for $action; one of: ${valid[*]}"
    fi
    exit 2
}

# component_start NAME: start one component again exactly as `up` (services: services_up) does.
component_start() {
    local name=$1 cluster daemon
    [ -f "$ENV_FILE" ] || die "the stack was never up: run '$0 up' first"
    case $name in
        mariadb) mariadb_up ;;
        mariadb-ledger) ledger_server_up ;;
        mariadb-[0-9])
            local n=${name#mariadb-} others=0 m
            for m in "${GALERA_NODES[@]}"; do [ "$m" = "$n" ] || ! process_running "mariadb-$m" || others=1; done
            [ $others -eq 1 ] || die "no other Galera node runs for $name to join: 'start mariadb' founds the cluster again"
            galera_start "$n"
            wait_for "MariaDB Galera node $n" 120 galera_synced "$n" ;;
        kafka) kafka_up ;;
        keystone) keystone_start ;;
        glance-api) glance_up ;;
        glance-api-[0-9]) glance_node_up "${name#glance-}" ;;
        ceph-*-*)
            cluster=${name#ceph-}; daemon=${cluster#*-}; cluster=${cluster%%-*}
            [ -f "$(ceph_dir "$cluster")/fsid" ] || die "ceph '$cluster' was never bootstrapped: run '$0 up'"
            case $daemon in
                mon) ceph_start_mon "$cluster" ;;
                mgr) ceph_start_mgr "$cluster" ;;
                osd)
                    ceph_start_osd "$cluster"
                    wait_for "ceph '$cluster' placement groups" 90 ceph_pgs_active "$cluster" ;;
            esac ;;
        *) service_start "$name" ;;
    esac
    log "$name started"
}

# component_freeze NAME: SIGSTOP, and wait until it is stopped.
component_freeze() {
    local name=$1 pid state waited=0
    process_signal "$name" STOP || die "$name is not running"
    pid=$(process_pid "$name") || die "$name exited"
    until read -r state _ <<<"$(pid_state "$pid")" && [ "$state" = T ]; do
        [ $waited -lt 50 ] || die "$name (pid $pid) is not stopped 5s after SIGSTOP"
        sleep 0.1; waited=$((waited + 1))
    done
    log "$name frozen (SIGSTOP); 'thaw' resumes it"
}

# fault ACTION NAME: one fault-injection subcommand.
fault() {
    local action=$1 name=${2:-} member
    [ -n "$name" ] || { log "ERROR: $action needs a COMPONENT"; usage; }
    component_check "$action" "$name"
    if in_list "$name" "${COMPONENT_GROUPS[@]}" && [ "$action" != start ]; then
        for member in $(group_members "$name"); do
            # A member already down is part of the outage asked for; stop tolerates it by itself.
            [ "$action" = stop ] || process_running "$member" || continue
            fault_one "$action" "$member"
        done
        return
    fi
    fault_one "$action" "$name"
}

fault_one() {
    local action=$1 name=$2
    if fleet_takes "$action" "$name"; then fleet_fault "$action" "$name"; return; fi
    case $action in
        kill) process_kill "$name"; log "$name killed (SIGKILL)" ;;
        stop) process_stop "$name"; log "$name stopped" ;;
        start) component_start "$name" ;;
        freeze) component_freeze "$name" ;;
        thaw) process_signal "$name" CONT || die "$name is not running"; log "$name thawed (SIGCONT)" ;;
    esac
}

usage() { sed -n '2,39p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

case "${1:-}" in
    up) stack_up "${@:2}" ;;
    down) stack_down ;;
    status) stack_status ;;
    reset) stack_reset ;;
    release) stack_release ;;
    seed) [ -f "$ENV_FILE" ] || die "the stack is not up: run '$0 up' first"; seed_images "${2:-4}" ;;
    seed-clones) [ -f "$ENV_FILE" ] || die "the stack is not up: run '$0 up' first"; seed_clones ;;
    glance-restart) [ -f "$ENV_FILE" ] || die "the stack is not up: run '$0 up' first"; glance_restart "${2:-}" ;;
    kill | stop | start | freeze | thaw) fault "$1" "${2:-}" ;;
    cut | reconnect | host-remove)
        fleet_is_host "${2:-}" || die "$1 takes a copier host: one of $(fleet_names | xargs)"
        fleet_fault "${1#host-}" "$2" ;;
    host-start) [ -n "${2:-}" ] || usage; fleet_host_start "${@:2}" ;;
    *) usage ;;
esac
