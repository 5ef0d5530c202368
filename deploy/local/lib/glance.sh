# shellcheck shell=bash
# A real Glance API (Debian's glance-api, Zed) on 127.0.0.1 without Keystone: the
# `unauthenticated-context` pipeline, so requests carry X-Roles / X-Tenant-Id headers. One rbd
# store, named $GLANCE_STORE, on the `old` cluster.

GLANCE_STORE=ceph
glance_dir() { echo "$STATE/glance"; }
glance_conf() { echo "$(glance_dir)/glance-api.conf"; }

glance_configure() {
    local dir; dir=$(glance_dir)
    mkdir -p "$dir"/{staging,tasks,lock,cache}
    # Kept when it exists: a cutover rewrites the store's section of this file.
    [ -f "$(glance_conf)" ] && return 0
    cat >"$(glance_conf)" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $GLANCE_PORT
workers = 2
enabled_backends = $GLANCE_STORE:rbd
show_image_direct_url = true
show_multiple_locations = true
image_cache_dir = $dir/cache
log_file = $dir/glance-api.log
use_stderr = false

[database]
connection = mysql+pymysql://glance:$(secret_get db-glance)@127.0.0.1:$MARIADB_PORT/glance

[paste_deploy]
flavor =
config_file = /etc/glance/glance-api-paste.ini

[glance_store]
default_backend = $GLANCE_STORE

[$GLANCE_STORE]
rbd_store_ceph_conf = $STATE/clients/old/glance/ceph.conf
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
    chmod 600 "$(glance_conf)"
}

glance_answers() { curl -fsS -o /dev/null "http://127.0.0.1:$GLANCE_PORT/versions"; }

glance_up() {
    local dir; dir=$(glance_dir)
    glance_configure
    if [ ! -f "$dir/db-synced" ]; then
        glance-manage --config-file "$(glance_conf)" db_sync >"$dir/db_sync.log" 2>&1 ||
            die "glance-manage db_sync failed (see $dir/db_sync.log)"
        touch "$dir/db-synced"
    fi
    # The only write the migrator may make to Glance's database: the cutover's location rewrite.
    mariadb_root -e "GRANT UPDATE ON glance.image_locations TO 'migrator'@'127.0.0.1'"
    process_running glance-api || process_spawn glance-api "$dir/glance-api.stdout" \
        /usr/bin/glance-api --config-file "$(glance_conf)"
    wait_for "Glance API" 90 glance_answers
}

glance_down() { process_stop glance-api; }

# What Glance's operators run after a config change; the cutover service is configured with it.
glance_restart() { glance_down; glance_up; }
