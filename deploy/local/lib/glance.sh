# shellcheck shell=bash
# Real Glance APIs (Debian's glance-api, Zed) as a control plane runs them: two nodes, api-1 and
# api-2, on ports of their own, each with its own configuration dir, running as the `glance` system
# user, each talking to another node of the Galera cluster. Authenticated through the stack's
# Keystone, as in production: the `keystone` pipeline (keystonemiddleware's auth_token, as user
# `glance` of project `service`), so every request needs a token (X-Auth-Token; lib/keystone-token.sh
# issues them); without one Glance answers 401. One rbd store, named $GLANCE_STORE, on the `old` cluster.
#
# Glance reads its config (with its database and Keystone passwords), Ceph conf and keyring from
# $RUNTIME/glance (owned by glance, mode 600/750), never from the state dir or its secrets, which
# stay root's.

GLANCE_STORE=ceph
GLANCE_USER=glance
GLANCE_NODES=(api-1 api-2)

glance_home() { echo "$RUNTIME/glance"; }
glance_node_index() { echo "${1#api-}"; }
glance_node_dir() { echo "$(glance_home)/$1"; }
glance_node_conf() { echo "$(glance_node_dir "$1")/glance-api.conf"; }
glance_node_port() { echo $((GLANCE_PORT + $(glance_node_index "$1") - 1)); }
glance_node_url() { echo "http://127.0.0.1:$(glance_node_port "$1")"; }
# Each node's database connection goes to the Galera node of its own number.
glance_node_db_port() { mariadb_node_port "$(glance_node_index "$1")"; }
glance_node_check() { in_list "$1" "${GLANCE_NODES[@]}" || die "no Glance node '$1'; one of: ${GLANCE_NODES[*]}"; }

# glance_install FILE MODE DEST: FILE copied to DEST, owned by glance.
glance_install() { install -o "$GLANCE_USER" -g "$GLANCE_USER" -m "$2" "$1" "$3"; }

glance_configure() {
    local node=$1 dir ceph client
    dir=$(glance_node_dir "$node"); ceph=$dir/ceph; client=$STATE/clients/old/glance
    install -d -o root -g root -m 755 "$RUNTIME"
    install -d -o "$GLANCE_USER" -g "$GLANCE_USER" -m 750 "$(glance_home)" "$dir" "$ceph" \
        "$dir"/{staging,tasks,lock,cache,log}
    # Kept when it exists: a cutover rewrites the store's section of this file and the files in ceph/.
    # (A stack whose Glance ran without Keystone needs a reset for its nodes to authenticate.)
    [ -f "$(glance_node_conf "$node")" ] && return 0
    glance_install "$client/ceph.client.glance.keyring" 600 "$ceph/ceph.client.glance.keyring"
    sed "s|^keyring = .*|keyring = $ceph/ceph.client.glance.keyring|" "$client/ceph.conf" >"$dir/ceph.conf.new"
    glance_install "$dir/ceph.conf.new" 640 "$ceph/ceph.conf"
    rm -f "$dir/ceph.conf.new"
    (umask 077; cat >"$dir/glance-api.conf.new") <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $(glance_node_port "$node")
workers = 2
enabled_backends = $GLANCE_STORE:rbd
show_image_direct_url = true
show_multiple_locations = true
image_cache_dir = $dir/cache
log_file = $dir/log/glance-api.log
use_stderr = false

[database]
connection = mysql+pymysql://glance:$(secret_get db-glance)@127.0.0.1:$(glance_node_db_port "$node")/glance

[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini

# No memcached: each worker caches validated tokens in memory for token_cache_time seconds (a revoked
# token is refused at the latest that long after its revocation).
[keystone_authtoken]
www_authenticate_uri = $(keystone_url | sed 's|/v3$||')
auth_url = $(keystone_url | sed 's|/v3$||')
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $(secret_get keystone-glance)
region_name = $KEYSTONE_REGION
token_cache_time = 60
service_token_roles_required = true

[glance_store]
default_backend = $GLANCE_STORE

[$GLANCE_STORE]
rbd_store_ceph_conf = $ceph/ceph.conf
rbd_store_user = glance
rbd_store_pool = $POOL
rbd_store_chunk_size = 8
store_description = Images in Ceph

[os_glance_staging_store]
filesystem_store_datadir = $dir/staging

[os_glance_tasks_store]
filesystem_store_datadir = $dir/tasks

[oslo_concurrency]
lock_path = $dir/lock
CONF
    chown "$GLANCE_USER:$GLANCE_USER" "$dir/glance-api.conf.new"
    mv "$dir/glance-api.conf.new" "$(glance_node_conf "$node")"
}

glance_answers() { curl -fsS -o /dev/null "$(glance_node_url "$1")/versions"; }

glance_db_sync() {
    local marker=$STATE/glance-db-synced
    [ -f "$marker" ] && return 0
    runuser -u "$GLANCE_USER" -- glance-manage --config-file "$(glance_node_conf api-1)" db_sync \
        >"$STATE/glance-db-sync.log" 2>&1 || die "glance-manage db_sync failed (see $STATE/glance-db-sync.log)"
    touch "$marker"
}

glance_node_up() {
    local node=$1
    glance_configure "$node"
    process_running "glance-$node" || process_spawn "glance-$node" "$(glance_node_dir "$node")/log/glance-api.stdout" \
        setpriv --reuid="$GLANCE_USER" --regid="$GLANCE_USER" --init-groups \
        /usr/bin/glance-api --config-file "$(glance_node_conf "$node")"
    wait_for "Glance API $node" 90 glance_answers "$node"
}

glance_up() {
    local node
    for node in "${GLANCE_NODES[@]}"; do glance_configure "$node"; done
    glance_db_sync
    # The only write the migrator may make to Glance's database: the cutover's location rewrite.
    mariadb_root -e "GRANT UPDATE ON glance.image_locations TO 'migrator_glance'@'127.0.0.1'"
    for node in "${GLANCE_NODES[@]}"; do glance_node_up "$node"; done
}

glance_node_down() { process_stop "glance-$1"; }
glance_down() {
    local node
    for node in "${GLANCE_NODES[@]}"; do glance_node_down "$node"; done
}

# What Glance's operators run after a config change; the cutover service is configured with it.
# glance_restart [NODE]: one node, or all of them one after the other.
glance_restart() {
    local node
    if [ -n "${1:-}" ]; then
        glance_node_check "$1"; glance_node_down "$1"; glance_node_up "$1"
        return
    fi
    for node in "${GLANCE_NODES[@]}"; do glance_node_down "$node"; glance_node_up "$node"; done
}
