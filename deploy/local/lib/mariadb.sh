# shellcheck shell=bash
# MariaDB from Debian's package, started without systemd on its own data dir and port, holding
# Glance's database and the migrator's ledger. Root logs in through the socket only.

mariadb_dir() { echo "$STATE/mariadb"; }
# shellcheck disable=SC2120 # called with arguments elsewhere (glance.sh, wait_for)
mariadb_root() { mariadb --no-defaults --socket="$(mariadb_dir)/mysqld.sock" -uroot "$@"; }

mariadb_up() {
    local dir; dir=$(mariadb_dir)
    mkdir -p "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
        log "initialising MariaDB in $dir/data"
        mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
            --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 ||
            die "mariadb-install-db failed (see $dir/install.log)"
    fi
    process_running mariadb || process_spawn mariadb "$dir/mariadbd.log" /usr/sbin/mariadbd --no-defaults --user=root \
        --datadir="$dir/data" --socket="$dir/mysqld.sock" --pid-file="$dir/mariadbd.pid" \
        --bind-address=127.0.0.1 --port="$MARIADB_PORT" --log-error="$dir/error.log" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
    wait_for "MariaDB" 60 mariadb_root -e 'SELECT 1'
    mariadb_create_users
}

# Glance owns `glance`; the migrator reads it through a read-only user and keeps its own ledger.
# The cutover's right to rewrite location rows is granted once Glance's schema exists (glance.sh).
mariadb_create_users() {
    local glance_pw ro_pw rw_pw
    glance_pw=$(secret_get db-glance); ro_pw=$(secret_get db-migrator-ro); rw_pw=$(secret_get db-migrator)
    require_word "$glance_pw" "the password in $STATE/secrets/db-glance"
    require_word "$ro_pw" "the password in $STATE/secrets/db-migrator-ro"
    require_word "$rw_pw" "the password in $STATE/secrets/db-migrator"
    mariadb_root <<SQL
CREATE DATABASE IF NOT EXISTS glance CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS glance_migrator CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'glance'@'127.0.0.1' IDENTIFIED BY '$glance_pw';
GRANT ALL ON glance.* TO 'glance'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'migrator_ro'@'127.0.0.1' IDENTIFIED BY '$ro_pw';
ALTER USER 'migrator_ro'@'127.0.0.1' ACCOUNT UNLOCK;
GRANT SELECT ON glance.* TO 'migrator_ro'@'127.0.0.1';
CREATE USER IF NOT EXISTS 'migrator'@'127.0.0.1' IDENTIFIED BY '$rw_pw';
GRANT ALL ON glance_migrator.* TO 'migrator'@'127.0.0.1';
GRANT SELECT ON glance.* TO 'migrator'@'127.0.0.1';
SQL
}

mariadb_down() { process_stop mariadb; }
