# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings below are read by the scripts that source this file
# Shared by the stack's scripts: paths, ports, and starting/stopping the processes the stack owns.
# Every process is started in the foreground of its own session with a pid file under $STATE/pids,
# so `down` stops exactly what `up` started and nothing else.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
STATE=${GM_STACK_DIR:-$REPO/.stack}
CACHE=${GM_CACHE_DIR:-/var/cache/glance-migrator}
ENV_FILE=$STATE/stack.env
# What the stack's service users (mysql for the database nodes, glance for Glance) must own or read
# lives outside the state dir, which stays root's: a directory per state dir under /var/lib.
RUNTIME_ROOT=/var/lib/glance-migrator/stacks
# Names the stack's things outside its state dir: that directory, its podman network, its address.
STACK_ID=$(realpath -m -- "$STATE" | sha256sum | cut -c1-12)
RUNTIME=${GM_RUNTIME_DIR:-$RUNTIME_ROOT/$STACK_ID}
# One octet per stack (from its id) for its host address and its copier hosts' subnet, so stacks of
# different state dirs on one machine keep apart (GM_HOST_ADDRESS, GM_FLEET_SUBNET choose by hand).
STACK_OCTET=$((16#${STACK_ID:0:2}))

KAFKA_VERSION=4.1.2
MARIADB_PORT=${GM_MARIADB_PORT:-13306} # the first Galera node's; the others' follow it
KAFKA_PORT=${GM_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${GM_KAFKA_CONTROLLER_PORT:-19093}
KAFKA_FLEET_PORT=${GM_KAFKA_FLEET_PORT:-19094} # the listener copier hosts reach, on the host address
GLANCE_PORT=${GM_GLANCE_PORT:-19292} # the first Glance node's; the others' follow it
KEYSTONE_PORT=${GM_KEYSTONE_PORT:-15000}
# Monitor ports (msgr2, msgr1) per cluster; OSDs and mgrs pick free ports in Ceph's own range.
OLD_MON_PORTS=${GM_OLD_MON_PORTS:-13300,16789}
NEW_MON_PORTS=${GM_NEW_MON_PORTS:-23300,26789}
# bluestore on a sparse file under the state dir keeps data across down/up; memstore (all in RAM)
# is faster but loses everything when its OSD stops.
OSD_OBJECTSTORE=${GM_OSD_OBJECTSTORE:-bluestore}
# The capacity of each OSD (a sparse file for bluestore, RAM for memstore).
OSD_BYTES=${GM_OSD_BYTES:-42949672960} # 40 GiB, sparse: room for the mixed benchmark at its 1 GiB scale
POOL=images
STOP_GRACE_SECONDS=30

log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# NAME's pid file holds "PID STARTTIME": the start time (field 22 of /proc/PID/stat, clock ticks
# since boot) tells the process that was started from a later one that got the same pid. A file
# with the pid alone (written before start times were recorded) is still read, by pid only.
pid_file() { echo "$STATE/pids/$1.pid"; }

# pid_state PID: "STATE STARTTIME PGID" from /proc/PID/stat (fields 3, 22 and 5; counted after the
# last ')', since the command name in field 2 may hold spaces and parentheses). Fails when there
# is no such process.
pid_state() {
    local stat fields
    [[ ${1:-} =~ ^[0-9]+$ ]] || return 1
    { stat=$(<"/proc/$1/stat"); } 2>/dev/null || return 1
    read -r -a fields <<<"${stat##*) }"
    [ "${#fields[@]}" -ge 20 ] || return 1
    echo "${fields[0]} ${fields[19]} ${fields[2]}"
}

# pid_alive PID [STARTTIME]: PID is a live process (a zombie, which has exited but was not yet
# reaped by its parent, is not) and, given STARTTIME, the one that started then.
pid_alive() {
    local state start pgid
    read -r state start pgid <<<"$(pid_state "${1:-}")"
    case ${state:-} in ''|Z|X|x) return 1 ;; esac
    [ -z "${2:-}" ] || [ "$start" = "$2" ]
}

# pid_wait_gone PID STARTTIME SECONDS: wait until PID is no longer alive; fails if it still is.
pid_wait_gone() {
    local waited=0
    while pid_alive "$1" "$2"; do
        [ $waited -lt $(($3 * 10)) ] || return 1
        sleep 0.1; waited=$((waited + 1))
    done
}

# process_pid NAME: the pid of NAME's process while it runs. Fails when it does not: no pid file,
# the process has exited (a zombie included), or the pid now belongs to another program.
process_pid() {
    local pid='' start=''
    read -r pid start 2>/dev/null <"$(pid_file "$1")" || [ -n "$pid" ] || return 1
    pid_alive "$pid" "$start" || return 1
    echo "$pid"
}

process_running() { process_pid "$1" >/dev/null; }

# process_spawn NAME LOGFILE CMD...: start CMD in the background, detached, remembered by NAME.
process_spawn() {
    local name=$1 logfile=$2 pid state start pgid; shift 2
    mkdir -p "$STATE/pids" "$(dirname "$logfile")"
    setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
    pid=$!
    if read -r state start pgid <<<"$(pid_state "$pid")" && [ -n "$start" ]; then
        echo "$pid $start" >"$(pid_file "$name")"
    else
        rm -f "$(pid_file "$name")" # exited and reaped already: nothing runs under NAME
    fi
}

# process_signal NAME SIGNAL: send SIGNAL to NAME's process and, when it leads its own process
# group (process_spawn starts each in a session of its own), to every process of that group too,
# such as Glance's workers. Fails when NAME is not running.
process_signal() {
    local name=$1 signal=$2 pid='' start='' state now pgid
    read -r pid start 2>/dev/null <"$(pid_file "$name")" || true
    pid_alive "$pid" "$start" || return 1
    read -r state now pgid <<<"$(pid_state "$pid")"
    if [ "$pgid" = "$pid" ]; then
        kill -"$signal" -- "-$pid" 2>/dev/null
    else
        kill -"$signal" "$pid" 2>/dev/null
    fi
}

# process_kill NAME: SIGKILL, as a crash would, and wait until it is gone. The pid file stays, as
# after a crash; process_running tells it from a live process, so a start is not held up by it.
process_kill() {
    local name=$1 pid='' start=''
    read -r pid start 2>/dev/null <"$(pid_file "$name")" || true
    process_signal "$name" KILL || die "$name is not running"
    pid_wait_gone "$pid" "$start" 10 || die "$name (pid $pid) is still there 10s after SIGKILL"
}

# process_stop NAME: SIGTERM (with SIGCONT, in case it is frozen), wait for a clean exit, then
# SIGKILL. A process that has exited, a zombie, or a pid now another program's counts as stopped.
process_stop() {
    local name=$1 pf pid='' start=''
    pf=$(pid_file "$name")
    [ -f "$pf" ] || return 0
    read -r pid start <"$pf" || true
    if pid_alive "$pid" "$start"; then
        kill -TERM "$pid" 2>/dev/null || true
        process_signal "$name" CONT || true
        if ! pid_wait_gone "$pid" "$start" "$STOP_GRACE_SECONDS"; then
            log "$name did not stop in ${STOP_GRACE_SECONDS}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            pid_wait_gone "$pid" "$start" 10 || log "$name (pid $pid) is still there 10s after SIGKILL"
        fi
    fi
    rm -f "$pf"
}

# Values go into SQL only once checked against these (dying with WHAT named otherwise): no value
# can then end a quoted string or add a statement.
# require_uuid VALUE WHAT: VALUE is a UUID (Glance's image ids, Ceph's fsids).
require_uuid() {
    [[ $1 =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]] ||
        die "$2 is not a UUID: $(printf %q "$1")"
}
# require_word VALUE WHAT: VALUE is letters, digits, '_' and '-' only (identifiers, the generated
# passwords; the value itself is not shown).
require_word() {
    [[ $1 =~ ^[A-Za-z0-9_-]+$ ]] || die "$2 may hold only letters, digits, '_' and '-'"
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

# host_address: where Ceph's daemons and Kafka's fleet listener listen, the one address copier hosts
# (containers, with a loopback of their own) reach this machine at. Not the podman bridge's gateway:
# that exists only while a container runs on the network. An address of the stack's own on this
# machine's loopback interface, chosen before the clusters are made (their monitor maps hold it),
# kept in the state dir and added again by every `up`. A stack whose clusters were made before
# (on 127.0.0.1) keeps 127.0.0.1 and runs as it did, without copier hosts.
host_address() {
    if [ -s "$STATE/host-address" ]; then cat "$STATE/host-address"
    elif [ -f "$STATE/ceph/old/fsid" ]; then echo 127.0.0.1
    else echo "${GM_HOST_ADDRESS:-10.213.$STACK_OCTET.1}"; fi
}

# host_address_up: the host address on the loopback interface, before anything listens on it.
host_address_up() {
    local address; address=$(host_address)
    [ "$address" != 127.0.0.1 ] || return 0
    mkdir -p "$STATE"; echo "$address" >"$STATE/host-address"
    ip -4 addr show dev lo | grep -qF " $address/32 " || ip addr add "$address/32" dev lo ||
        die "could not add the stack's host address $address to the loopback interface"
}

host_address_release() {
    local address; address=$(host_address)
    [ "$address" = 127.0.0.1 ] || ip addr del "$address/32" dev lo 2>/dev/null || true
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
