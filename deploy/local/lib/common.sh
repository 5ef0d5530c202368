# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are read by the scripts that source this file
# Shared by the stack's scripts: paths, ports, and starting/stopping the processes the stack owns.
# Every process is started in the foreground of its own session with a pid file under $STATE/pids,
# so `down` stops exactly what `up` started and nothing else.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
STATE=${GM_STACK_DIR:-$REPO/.stack}
CACHE=${GM_CACHE_DIR:-/var/cache/glance-migrator}
ENV_FILE=$STATE/stack.env

KAFKA_VERSION=4.1.2
MARIADB_PORT=${GM_MARIADB_PORT:-13306}
KAFKA_PORT=${GM_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${GM_KAFKA_CONTROLLER_PORT:-19093}
GLANCE_PORT=${GM_GLANCE_PORT:-19292}
# Monitor ports (msgr2, msgr1) per cluster; OSDs and mgrs pick free ports in Ceph's own range.
OLD_MON_PORTS=${GM_OLD_MON_PORTS:-13300,16789}
NEW_MON_PORTS=${GM_NEW_MON_PORTS:-23300,26789}
# bluestore on a sparse file under the state dir keeps data across down/up; memstore (all in RAM)
# is faster but loses everything when its OSD stops.
OSD_OBJECTSTORE=${GM_OSD_OBJECTSTORE:-bluestore}
# The capacity of each OSD (a sparse file for bluestore, RAM for memstore).
OSD_BYTES=${GM_OSD_BYTES:-42949672960} # 40 GiB, sparse: room for the mixed benchmark at the size issue 3 asks for
POOL=images
STOP_GRACE_SECONDS=30

log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pid_file() { echo "$STATE/pids/$1.pid"; }

process_running() {
    local pf; pf=$(pid_file "$1")
    [ -f "$pf" ] && kill -0 "$(cat "$pf")" 2>/dev/null
}

# process_spawn NAME LOGFILE CMD...: start CMD in the background, detached, remembered by NAME.
process_spawn() {
    local name=$1 logfile=$2; shift 2
    mkdir -p "$STATE/pids" "$(dirname "$logfile")"
    setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
    echo $! >"$(pid_file "$name")"
}

# process_stop NAME: SIGTERM, wait for a clean exit, then SIGKILL.
process_stop() {
    local name=$1 pf pid waited=0
    pf=$(pid_file "$name")
    [ -f "$pf" ] || return 0
    pid=$(cat "$pf")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt $((STOP_GRACE_SECONDS * 10)) ]; do
            sleep 0.1; waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name did not stop in ${STOP_GRACE_SECONDS}s; killing it"
            kill -KILL "$pid" 2>/dev/null
        fi
    fi
    rm -f "$pf"
}

# wait_for WHAT SECONDS CMD...: retry CMD until it succeeds or time runs out.
wait_for() {
    local what=$1 seconds=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "$what not ready after ${seconds}s"
        sleep 0.2
    done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# secret_get NAME: a random password kept under the state dir, made on first use.
secret_get() {
    local f=$STATE/secrets/$1
    if [ ! -s "$f" ]; then
        mkdir -p "$STATE/secrets"; chmod 700 "$STATE/secrets"
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '+/=' >"$f")
    fi
    cat "$f"
}
