# shellcheck shell=bash
# Faults injected at random into a running migration, each through stack.sh (so the chaos run keeps
# working when the stack grows). Faults on one component never overlap (a lock per component); a
# fault's log line is "<epoch> <kind> <what happened>" in $CHAOS_LOG.

CHAOS_KINDS=(kill-planner kill-copier kill-verifier kill-cutover kafka-restart mariadb-outage galera-node-kill
    copier-freeze glance-db-outage-for-verifier)
# With copier hosts (`stack.sh up --hosts N`), the copier faults strike one host at random, and a
# host may also be cut off the network.
fleet_enabled && CHAOS_KINDS+=(copier-host-cut-off)
CHAOS_FREEZE_SECONDS=60       # longer than the copier's Kafka session (10 s) and Ceph watch (30 s) timeouts
CHAOS_CUT_OFF_SECONDS=60      # likewise
CHAOS_GLANCE_DB_SECONDS=30    # the verifier's read-only user refused meanwhile
CHAOS_KAFKA_DOWN_SECONDS=5
CHAOS_GALERA_NODE_SECONDS=20  # one node of three down: the services on it wait, the cluster goes on

chaos_stack() { "$REPO/deploy/local/stack.sh" "$@"; }

chaos_note() { echo "$(date +%s) $*" >>"$CHAOS_LOG"; }

# chaos_locked COMPONENT CMD...: CMD while holding COMPONENT's fault lock. CMD runs without the
# lock's descriptor: a process it starts (the component itself) must not hold the lock for good.
chaos_locked() {
    local component=$1; shift
    mkdir -p "$STATE/chaos"
    (
        flock 9
        "$@" 9>&-
    ) 9>"$STATE/chaos/$component.lock"
}

# chaos_copier: the copier a copier fault strikes: a host at random, or the copier on this machine.
chaos_copier() {
    if fleet_enabled; then echo "copier-$((1 + RANDOM % $(fleet_hosts_wanted)))"; else echo copier-service; fi
}

# A killed service is started again until it runs and answers, as its supervisor (systemd,
# Kubernetes) would: one started during a database outage may exit, or stay unready, until it ends.
chaos_kill_service() { # NAME [KIND]
    local kind=${2:-kill-${1%-service}}
    chaos_note "$kind" "SIGKILL $1"
    chaos_stack kill "$1" || true
    sleep 1
    until chaos_stack start "$1"; do sleep 5; done
    chaos_note "$kind" "started"
}

# chaos_restore CMD...: a fault's way back, tried until it works, and also run if the fault is cut
# short (the run killed): no fault outlives the chaos run.
chaos_restore() {
    trap - EXIT INT TERM
    until "$@"; do sleep 5; done
}

chaos_kafka_restart() {
    chaos_note kafka-restart "stop"
    trap 'chaos_restore chaos_stack start kafka' EXIT INT TERM
    chaos_stack stop kafka
    sleep "$CHAOS_KAFKA_DOWN_SECONDS"
    chaos_restore chaos_stack start kafka
    chaos_note kafka-restart "started"
}

chaos_mariadb_outage() { # SECONDS
    chaos_note mariadb-outage "SIGKILL, down ${1}s"
    trap 'chaos_restore chaos_stack start mariadb' EXIT INT TERM
    chaos_stack kill mariadb
    sleep "$1"
    chaos_restore chaos_stack start mariadb
    chaos_note mariadb-outage "started"
}

# One Galera node killed and started again: the cluster keeps its quorum, the services talking to
# that node see their database go away, and the node catches up (IST) when it comes back.
chaos_galera_node_kill() {
    local node
    node=mariadb-$((1 + RANDOM % 3))
    chaos_note galera-node-kill "SIGKILL $node, down ${CHAOS_GALERA_NODE_SECONDS}s"
    # shellcheck disable=SC2064 # the node is chosen now, and the trap must start that one
    trap "chaos_restore chaos_stack start $node" EXIT INT TERM
    chaos_stack kill "$node"
    sleep "$CHAOS_GALERA_NODE_SECONDS"
    chaos_restore chaos_stack start "$node"
    chaos_note galera-node-kill "started"
}

chaos_copier_freeze() { # COPIER
    chaos_note copier-freeze "$1 frozen for ${CHAOS_FREEZE_SECONDS}s"
    chaos_stack freeze "$1" || return 0
    # shellcheck disable=SC2064 # the copier is chosen now, and the trap must thaw that one
    trap "chaos_stack thaw $1" EXIT INT TERM
    sleep "$CHAOS_FREEZE_SECONDS"
    trap - EXIT INT TERM
    chaos_stack thaw "$1" || true # killed meanwhile: its restart is not frozen
    chaos_note copier-freeze "SIGCONT"
}

# A copier host cut off the network mid-copy: its tasks move to the other hosts (the Kafka session
# ends), the copies it held are taken over (its lock broken and its Ceph client blocklisted), and
# back on the network it writes nothing, reports nothing stale, and takes tasks again.
chaos_copier_host_cut_off() { # HOST
    chaos_note copier-host-cut-off "$1 cut off for ${CHAOS_CUT_OFF_SECONDS}s"
    chaos_stack cut "$1" || return 0
    # shellcheck disable=SC2064 # the host is chosen now, and the trap must reconnect that one
    trap "chaos_restore chaos_stack reconnect $1" EXIT INT TERM
    sleep "$CHAOS_CUT_OFF_SECONDS"
    chaos_restore chaos_stack reconnect "$1"
    chaos_note copier-host-cut-off "reconnected"
}

chaos_root_sql() { mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot -e "$1"; }

# Glance's database refuses the verifier (its read-only user is locked and its sessions killed)
# while the database itself, and everyone else's access, stays up.
chaos_glance_db_outage() {
    chaos_note glance-db-outage-for-verifier "migrator_ro locked for ${CHAOS_GLANCE_DB_SECONDS}s"
    trap "chaos_restore chaos_root_sql \"ALTER USER 'migrator_ro'@'127.0.0.1' ACCOUNT UNLOCK\"" EXIT INT TERM
    chaos_root_sql "ALTER USER 'migrator_ro'@'127.0.0.1' ACCOUNT LOCK; KILL CONNECTION USER 'migrator_ro'@'127.0.0.1'" ||
        true
    sleep "$CHAOS_GLANCE_DB_SECONDS"
    chaos_restore chaos_root_sql "ALTER USER 'migrator_ro'@'127.0.0.1' ACCOUNT UNLOCK"
    chaos_note glance-db-outage-for-verifier "unlocked"
}

# chaos_fault KIND MARIADB_SECONDS: one fault, in the foreground.
chaos_fault() {
    local copier
    case $1 in
        kill-planner) chaos_locked planner-service chaos_kill_service planner-service ;;
        kill-copier) copier=$(chaos_copier); chaos_locked "$copier" chaos_kill_service "$copier" kill-copier ;;
        kill-verifier) chaos_locked verifier-service chaos_kill_service verifier-service ;;
        kill-cutover) chaos_locked cutover-service chaos_kill_service cutover-service ;;
        kafka-restart) chaos_locked kafka chaos_kafka_restart ;;
        mariadb-outage) chaos_locked mariadb chaos_mariadb_outage "$2" ;;
        galera-node-kill) chaos_locked mariadb chaos_galera_node_kill ;;
        copier-freeze) copier=$(chaos_copier); chaos_locked "$copier" chaos_copier_freeze "$copier" ;;
        copier-host-cut-off) copier=$(chaos_copier); chaos_locked "$copier" chaos_copier_host_cut_off "$copier" ;;
        glance-db-outage-for-verifier) chaos_locked mariadb chaos_glance_db_outage ;;
    esac
}

# chaos_inject SECONDS: for SECONDS, starts faults of every kind in a random order, then at random,
# a few seconds apart (each runs in the background); returns once every fault it started is over.
# Runs of under five minutes keep MariaDB down 30 s, longer ones 30-90 s.
chaos_inject() {
    local seconds=$1 until=$((SECONDS + $1)) kinds=() kind db_down gap
    while [ $SECONDS -lt "$until" ]; do
        [ ${#kinds[@]} -gt 0 ] || mapfile -t kinds < <(printf '%s\n' "${CHAOS_KINDS[@]}" | shuf)
        kind=${kinds[0]}; kinds=("${kinds[@]:1}")
        db_down=30; [ "$seconds" -lt 300 ] || db_down=$((30 + RANDOM % 61))
        chaos_fault "$kind" "$db_down" &
        gap=$((3 + RANDOM % (seconds / 10 + 1)))
        sleep "$gap"
    done
    wait
}

# chaos_counts: "kind count" for every kind injected, from the log.
chaos_counts() {
    awk '$3 != "started" && $3 != "SIGCONT" && $3 != "unlocked" && $3 != "reconnected" {print $2}' "$CHAOS_LOG" | sort | uniq -c |
        awk '{print $2, $1}'
}
