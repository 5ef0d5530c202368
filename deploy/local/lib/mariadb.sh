# shellcheck shell=bash
# Glance's database as OpenStack control planes run it: a MariaDB Galera cluster of three nodes
# (Debian's mariadb-server with galera-4), each on its own port and data dir, started without
# systemd. The ledger lives on the same cluster, or on a standalone server of its own when the
# stack is brought up with GM_LEDGER_SERVER=separate. Root logs in through each node's socket only.
#
# The nodes run as the `mysql` user, as Debian runs MariaDB: a node that joins copies its state
# over rsync (SST), whose daemon drops to `nobody` when started by root and then cannot write the
# data dir. Their data dirs sit under $RUNTIME (mysql's own, mode 700), not under the state dir.

GALERA_NODES=(1 2 3)
GALERA_CLUSTER=glance-migrator
# Galera's own ports per node n: group communication 14560+n, IST 14570+n, SST 14580+n.
GALERA_PORT_BASE=${GM_GALERA_PORT_BASE:-14560}
# Where the ledger lives is chosen when the stack is made, and kept (a later `up` follows it).
LEDGER_SERVER=${GM_LEDGER_SERVER:-$(cat "$STATE/ledger-server" 2>/dev/null || echo cluster)}
LEDGER_PORT=${GM_LEDGER_PORT:-13309}
# The ledger's schema has triggers (its audit trail is append-only), and a server that logs binary
# (every Galera node does) lets only SUPER create them unless it trusts routine creators.
MARIADB_TRUST_ROUTINE_CREATORS=--log-bin-trust-function-creators=ON
# Small buffer pools: three nodes (four with a separate ledger) share this machine with Ceph.
MARIADB_BUFFER_POOL=64M
GALERA_GCACHE=32M # what a node that was down catches up from (IST); beyond, it copies all (SST)

mariadb_node_port() { echo $((MARIADB_PORT + $1 - 1)); }
mariadb_node_dir() { echo "$RUNTIME/mariadb-$1"; }
mariadb_node_socket() { echo "$(mariadb_node_dir "$1")/mysqld.sock"; }
mariadb_ledger_dir() { echo "$RUNTIME/mariadb-ledger"; }

# mariadb_node_root N ARGS...: the mariadb client as root on node N (1, 2, 3 or `ledger`).
mariadb_node_root() {
    local node=$1 socket; shift
    if [ "$node" = ledger ]; then socket=$(mariadb_ledger_dir)/mysqld.sock; else socket=$(mariadb_node_socket "$node"); fi
    mariadb --no-defaults --socket="$socket" -uroot "$@"
}
# shellcheck disable=SC2120 # called with arguments elsewhere (glance.sh)
mariadb_root() { mariadb_node_root 1 "$@"; }

galera_address() { echo "127.0.0.1:$((GALERA_PORT_BASE + $1))"; }
galera_cluster_address() {
    local n addresses=()
    for n in "${GALERA_NODES[@]}"; do addresses+=("$(galera_address "$n")"); done
    local IFS=,; echo "gcomm://${addresses[*]}"
}

# mariadb_server_args DIR PORT: what every server of the stack is started with.
mariadb_server_args() {
    echo --no-defaults --user=mysql --datadir="$1/data" --socket="$1/mysqld.sock" --pid-file="$1/mariadbd.pid" \
        --bind-address=127.0.0.1 --port="$2" --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
        --innodb-buffer-pool-size=$MARIADB_BUFFER_POOL $MARIADB_TRUST_ROUTINE_CREATORS
}

# galera_args N: node N's Galera settings (row-based binlog and interleaved auto-increment locks,
# as Galera requires).
galera_args() {
    local n=$1
    echo --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
        --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-name=$GALERA_CLUSTER \
        --wsrep-cluster-address="$(galera_cluster_address)" --wsrep-node-name="node-$n" \
        --wsrep-node-address="$(galera_address "$n")" \
        "--wsrep-provider-options=gmcast.listen_addr=tcp://$(galera_address "$n");ist.recv_addr=127.0.0.1:$((GALERA_PORT_BASE + 10 + n));gcache.size=$GALERA_GCACHE" \
        --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$((GALERA_PORT_BASE + 20 + n))"
}

# mariadb_init DIR: a data dir of its own for one server, owned by mysql.
mariadb_init() {
    local dir=$1
    mkdir -p "$dir"; chown mysql:mysql "$dir"; chmod 700 "$dir"
    [ -d "$dir/data/mysql" ] && return 0
    log "initialising MariaDB in $dir/data"
    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 ||
        die "mariadb-install-db failed (see $dir/install.log)"
}

# galera_start N [--wsrep-new-cluster]: start node N (it joins the running nodes, or founds the cluster).
galera_start() {
    local n=$1 dir; shift
    dir=$(mariadb_node_dir "$n")
    process_running "mariadb-$n" && return 0
    # shellcheck disable=SC2046 # the argument lists are single words each
    process_spawn "mariadb-$n" "$dir/mariadbd.log" /usr/sbin/mariadbd $(mariadb_server_args "$dir" "$(mariadb_node_port "$n")") \
        --log-error="$dir/error.log" $(galera_args "$n") "$@"
}

galera_synced() {
    [ "$(mariadb_node_root "$1" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2)" = Synced ]
}

# galera_safe_node: the node the cluster must be founded from again when none runs: the one that
# stopped last (Galera marks it safe_to_bootstrap), else, after a crash of all, the one whose
# recovered position is furthest; node 1 for a cluster never started.
galera_safe_node() {
    local n state best='' best_seqno=-2 seqno
    for n in "${GALERA_NODES[@]}"; do
        state=$(mariadb_node_dir "$n")/data/grastate.dat
        [ -f "$state" ] && grep -q '^safe_to_bootstrap: 1' "$state" && { echo "$n"; return; }
    done
    for n in "${GALERA_NODES[@]}"; do
        state=$(mariadb_node_dir "$n")/data/grastate.dat
        [ -f "$state" ] || continue
        seqno=$(galera_recover "$n")
        [[ $seqno =~ ^-?[0-9]+$ ]] || die "could not read Galera node $n's recovered position (see its recover.log)"
        if [ "$seqno" -gt "$best_seqno" ]; then best=$n; best_seqno=$seqno; fi
    done
    if [ -z "$best" ]; then echo 1; return; fi
    log "no Galera node stopped cleanly: founding the cluster again from node $best (position $best_seqno)"
    sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(mariadb_node_dir "$best")/data/grastate.dat"
    echo "$best"
}

# galera_recover N: node N's last committed seqno, read from its storage ("Recovered position:
# <uuid>:<seqno>", with ",<gtid>..." after it when GTIDs are on).
galera_recover() {
    local dir log
    dir=$(mariadb_node_dir "$1"); log=$dir/recover.log
    : >"$log"; chown mysql:mysql "$log"
    # shellcheck disable=SC2046
    /usr/sbin/mariadbd $(mariadb_server_args "$dir" "$(mariadb_node_port "$1")") --log-error="$log" \
        $(galera_args "$1") --wsrep-recover >/dev/null 2>&1 || true
    sed -n 's/.*WSREP: Recovered position: *[^:]*:\(-\{0,1\}[0-9]\{1,\}\).*/\1/p' "$log" | tail -1
}

galera_up() {
    local n founder='' running=0
    for n in "${GALERA_NODES[@]}"; do
        mariadb_init "$(mariadb_node_dir "$n")"
        process_running "mariadb-$n" && running=$((running + 1))
    done
    if [ $running -eq 0 ]; then
        founder=$(galera_safe_node)
        galera_start "$founder" --wsrep-new-cluster
        wait_for "MariaDB Galera node $founder" 60 galera_synced "$founder"
    fi
    for n in "${GALERA_NODES[@]}"; do galera_start "$n"; done
    for n in "${GALERA_NODES[@]}"; do wait_for "MariaDB Galera node $n" 120 galera_synced "$n"; done
}

# The ledger on a standalone server of its own (GM_LEDGER_SERVER=separate).
ledger_server_up() {
    local dir; dir=$(mariadb_ledger_dir)
    mariadb_init "$dir"
    # shellcheck disable=SC2046
    process_running mariadb-ledger || process_spawn mariadb-ledger "$dir/mariadbd.log" /usr/sbin/mariadbd \
        $(mariadb_server_args "$dir" "$LEDGER_PORT") --log-error="$dir/error.log"
    wait_for "MariaDB (the ledger's server)" 60 mariadb_node_root ledger -e 'SELECT 1'
}

ledger_node() { if [ "$LEDGER_SERVER" = separate ]; then echo ledger; else echo 1; fi; }
ledger_port() { if [ "$LEDGER_SERVER" = separate ]; then echo "$LEDGER_PORT"; else mariadb_node_port 1; fi; }

mariadb_up() {
    case $LEDGER_SERVER in cluster | separate) ;; *) die "GM_LEDGER_SERVER must be 'cluster' or 'separate'" ;; esac
    if [ -f "$STATE/ledger-server" ] && [ "$(cat "$STATE/ledger-server")" != "$LEDGER_SERVER" ]; then
        die "this stack keeps its ledger on '$(cat "$STATE/ledger-server")', not '$LEDGER_SERVER': reset it to change that"
    fi
    echo "$LEDGER_SERVER" >"$STATE/ledger-server"
    [ ! -d "$STATE/mariadb/data" ] ||
        die "$STATE holds a stack made before Glance's database became a Galera cluster: run '$0 reset', then up"
    galera_up
    [ "$LEDGER_SERVER" = cluster ] || ledger_server_up
    mariadb_create_users
}

# Glance owns `glance`; the migrator reads it through a read-only user, the cutover rewrites its
# location rows through a user of its own (granted once Glance's schema exists: glance.sh), and the
# ledger's user has rights on the ledger only, which may live on another server.
mariadb_create_users() {
    local glance_pw ro_pw rw_pw writer_pw
    glance_pw=$(secret_get db-glance); ro_pw=$(secret_get db-migrator-ro); rw_pw=$(secret_get db-migrator)
    writer_pw=$(secret_get db-migrator-glance)
    require_word "$glance_pw" "the password in $STATE/secrets/db-glance"
    require_word "$ro_pw" "the password in $STATE/secrets/db-migrator-ro"
    require_word "$rw_pw" "the password in $STATE/secrets/db-migrator"
    require_word "$writer_pw" "the password in $STATE/secrets/db-migrator-glance"
    mariadb_root <<SQL
CREATE DATABASE IF NOT EXISTS glance CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'glance'@'127.0.0.1' IDENTIFIED BY '$glance_pw';
GRANT ALL ON glance.* TO 'glance'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'migrator_ro'@'127.0.0.1' IDENTIFIED BY '$ro_pw';
ALTER USER 'migrator_ro'@'127.0.0.1' ACCOUNT UNLOCK;
GRANT SELECT ON glance.* TO 'migrator_ro'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'migrator_glance'@'127.0.0.1' IDENTIFIED BY '$writer_pw';
GRANT SELECT ON glance.* TO 'migrator_glance'@'127.0.0.1';
SQL
    mariadb_node_root "$(ledger_node)" <<SQL
CREATE DATABASE IF NOT EXISTS glance_migrator CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'migrator'@'127.0.0.1' IDENTIFIED BY '$rw_pw';
GRANT ALL ON glance_migrator.* TO 'migrator'@'127.0.0.1';
SQL
}

# The nodes stop one at a time, node 1 last: it is then the one Galera marks safe to found the
# cluster from on the next up.
mariadb_down() {
    local i
    process_stop mariadb-ledger
    for ((i = ${#GALERA_NODES[@]} - 1; i >= 0; i--)); do process_stop "mariadb-${GALERA_NODES[i]}"; done
}
