# shellcheck shell=bash
# Keystone (Debian, Zed) as OpenStack control planes run it: the identity service every OpenStack API
# (Glance here) validates tokens against, under uwsgi on 127.0.0.1:$KEYSTONE_PORT, its database
# `keystone` on the stack's Galera cluster (node 1), fernet tokens. It runs as root from the state
# dir: $STATE/keystone holds keystone.conf (with the database password, mode 600), the fernet and
# credential key repositories (mode 700) and its logs.
#
# Debian's `python3-keystone` (keystone-manage, /usr/bin/keystone-wsgi-public), not its `keystone`
# package: that one brings an init script and debconf questions that set up a Keystone of the
# machine's own in /etc/keystone with Apache; the stack starts its own under uwsgi instead.
#
# Bootstrapped (once per stack state) with the admin user on project `admin`, region $KEYSTONE_REGION
# and the identity endpoint; then, idempotently through Keystone's REST API: project `service` with
# users `glance` and `migrator` (role admin on it: Glance's keystonemiddleware user; the migrator's
# services validate tokens and read every image through Glance with it), project `ops` with user
# `operator` (admin) and `auditor` (reader only); the catalog's image service (Glance's api-1).
# Passwords in $STATE/secrets/keystone-<user> (what the file holds, less a final newline);
# $STATE/secrets/clouds.yaml has the clouds gm-operator, gm-auditor and gm-migrator.

KEYSTONE_REGION=RegionOne
KEYSTONE_OPS_PROJECT=ops
# user:project:role, made by keystone_accounts (admin is bootstrap's).
KEYSTONE_ACCOUNTS=(glance:service:admin migrator:service:admin "operator:$KEYSTONE_OPS_PROJECT:admin"
    "auditor:$KEYSTONE_OPS_PROJECT:reader")

keystone_dir() { echo "$STATE/keystone"; }
keystone_conf() { echo "$(keystone_dir)/keystone.conf"; }
keystone_url() { echo "http://127.0.0.1:$KEYSTONE_PORT/v3"; }
keystone_password_file() { echo "$STATE/secrets/keystone-$1"; }
# keystone_project USER: the project each of the stack's users works in.
keystone_project() {
    local account
    [ "$1" = admin ] && { echo admin; return; }
    for account in "${KEYSTONE_ACCOUNTS[@]}"; do
        [ "${account%%:*}" = "$1" ] && { account=${account#*:}; echo "${account%%:*}"; return; }
    done
    die "no Keystone user '$1' in the stack"
}

# keystone_db_create: Keystone's database and user on the Galera cluster, as mariadb.sh makes Glance's.
keystone_db_create() {
    local pw; pw=$(secret_get db-keystone)
    require_word "$pw" "the password in $STATE/secrets/db-keystone"
    mariadb_root <<SQL
CREATE DATABASE IF NOT EXISTS keystone CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'keystone'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL ON keystone.* TO 'keystone'@'127.0.0.1';
SQL
}

keystone_configure() {
    local dir; dir=$(keystone_dir)
    install -d -m 700 "$dir" "$dir/fernet-keys" "$dir/credential-keys" "$dir/log"
    (umask 077; cat >"$(keystone_conf).new") <<CONF
[DEFAULT]
log_file = $dir/log/keystone.log
use_stderr = false

[database]
connection = mysql+pymysql://keystone:$(secret_get db-keystone)@127.0.0.1:$(mariadb_node_port 1)/keystone

[identity]
max_password_length = 72

[token]
provider = fernet
expiration = 3600

[fernet_tokens]
key_repository = $dir/fernet-keys

[fernet_receipts]
key_repository = $dir/fernet-keys

[credential]
key_repository = $dir/credential-keys

[oslo_policy]
enforce_scope = false
CONF
    mv "$(keystone_conf).new" "$(keystone_conf)"
}

keystone_manage() { keystone-manage --config-file "$(keystone_conf)" "$@"; }

# keystone_setup: keys, schema and bootstrap, each once per stack state (marker files).
keystone_setup() {
    local dir log; dir=$(keystone_dir); log=$dir/log/keystone-manage.log
    if [ ! -f "$dir/fernet-keys/0" ]; then
        keystone_manage fernet_setup --keystone-user root --keystone-group root >>"$log" 2>&1 ||
            die "keystone-manage fernet_setup failed (see $log)"
    fi
    if [ ! -f "$dir/credential-keys/0" ]; then
        keystone_manage credential_setup --keystone-user root --keystone-group root >>"$log" 2>&1 ||
            die "keystone-manage credential_setup failed (see $log)"
    fi
    chmod 700 "$dir/fernet-keys" "$dir/credential-keys"
    if [ ! -f "$STATE/keystone-db-synced" ]; then
        keystone_manage db_sync >>"$log" 2>&1 || die "keystone-manage db_sync failed (see $log)"
        touch "$STATE/keystone-db-synced"
    fi
    if [ ! -f "$STATE/keystone-bootstrapped" ]; then
        secret_get keystone-admin >/dev/null
        # The password from the environment, not the command line.
        OS_BOOTSTRAP_PASSWORD=$(cat "$(keystone_password_file admin)") keystone_manage bootstrap \
            --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
            --bootstrap-region-id "$KEYSTONE_REGION" --bootstrap-public-url "$(keystone_url)" \
            --bootstrap-internal-url "$(keystone_url)" --bootstrap-admin-url "$(keystone_url)" \
            >>"$log" 2>&1 || die "keystone-manage bootstrap failed (see $log)"
        touch "$STATE/keystone-bootstrapped"
    fi
}

keystone_answers() { curl -fsS -o /dev/null "$(keystone_url)"; }

# uwsgi's plain HTTP socket keeps no connection alive: `Connection: close` tells clients that reuse
# connections (the openstack CLI, Java's HttpClient) to open a new one for each request. The state
# dir in its command line (--chdir) lets `reset`/`release` find a keystone no pid file knows.
keystone_start() {
    local dir; dir=$(keystone_dir)
    process_running keystone || process_spawn keystone "$dir/log/uwsgi.log" \
        env OS_KEYSTONE_CONFIG_DIR="$dir" OS_KEYSTONE_CONFIG_FILES=keystone.conf \
        uwsgi --plugin python3 --http-socket "127.0.0.1:$KEYSTONE_PORT" --wsgi-file /usr/bin/keystone-wsgi-public \
        --processes 2 --threads 1 --master --die-on-term --lazy-apps --need-app --buffer-size 65535 \
        --add-header "Connection: close" --chdir "$dir"
    wait_for "Keystone" 60 keystone_answers
}

# keystone_admin_api METHOD PATH [JSON]: Keystone's API as the admin (the response body on stdout). The
# JSON may hold a password: curl reads it from its standard input, never from its command line.
keystone_admin_api() {
    local header; header=$(keystone_token_file_for admin "$(keystone_url)" admin "$(keystone_password_file admin)" admin)
    if [ $# -ge 3 ]; then
        printf '%s' "$3" | curl -fsS -X "$1" -H @"$header" -H 'Content-Type: application/json' -d @- "$(keystone_url)$2"
    else
        curl -fsS -X "$1" -H @"$header" "$(keystone_url)$2"
    fi
}

# keystone_id KIND NAME: the id of the project, user or role NAME ('' when there is none).
keystone_id() {
    keystone_admin_api GET "/$1s?name=$2" | jq -r --arg kind "$1s" '.[$kind][0].id // empty'
}

# keystone_ensure KIND NAME JSON: the id of KIND NAME, made from JSON when missing.
keystone_ensure() {
    local id; id=$(keystone_id "$1" "$2")
    [ -n "$id" ] || id=$(keystone_admin_api POST "/$1s" "$3" | jq -r ".$1.id")
    if [ -z "$id" ] || [ "$id" = null ]; then die "could not make Keystone $1 '$2'"; fi
    echo "$id"
}

# keystone_accounts: the stack's projects, users (password kept in sync with its secret file) and
# their roles.
keystone_accounts() {
    local account user project role project_id user_id role_id body
    keystone_id role reader | grep -q . || die "Keystone has no role 'reader' after bootstrap"
    keystone_id role member | grep -q . || die "Keystone has no role 'member' after bootstrap"
    for account in "${KEYSTONE_ACCOUNTS[@]}"; do
        IFS=: read -r user project role <<<"$account"
        project_id=$(keystone_ensure project "$project" \
            "$(jq -nc --arg name "$project" '{project: {name: $name, domain_id: "default", description: "glance-migrator local stack"}}')")
        secret_get "keystone-$user" >/dev/null
        body=$(jq -nc --arg name "$user" --rawfile pw "$(keystone_password_file "$user")" --arg project "$project_id" \
            '{user: {name: $name, domain_id: "default", password: ($pw | rtrimstr("\n")), default_project_id: $project,
              enabled: true}}')
        user_id=$(keystone_id user "$user")
        if [ -z "$user_id" ]; then
            user_id=$(keystone_admin_api POST /users "$body" | jq -r .user.id)
        elif [ ! -f "$(keystone_dir)/user-$user.synced" ] ||
            [ "$(keystone_password_file "$user")" -nt "$(keystone_dir)/user-$user.synced" ]; then
            keystone_admin_api PATCH "/users/$user_id" "$body" >/dev/null
        fi
        touch "$(keystone_dir)/user-$user.synced"
        role_id=$(keystone_id role "$role")
        [ -n "$role_id" ] || die "Keystone has no role '$role'"
        keystone_admin_api PUT "/projects/$project_id/users/$user_id/roles/$role_id" >/dev/null
    done
}

# keystone_catalog TYPE NAME URL: service NAME of TYPE in the catalog, with its public and internal
# endpoints at URL in $KEYSTONE_REGION (what the openstack CLI finds Glance by).
keystone_catalog() {
    local type=$1 name=$2 url=$3 service_id interface endpoint
    service_id=$(keystone_admin_api GET "/services?type=$type" | jq -r --arg name "$name" '[.services[] | select(.name == $name)][0].id // empty')
    [ -n "$service_id" ] || service_id=$(keystone_admin_api POST /services \
        "$(jq -nc --arg type "$type" --arg name "$name" '{service: {type: $type, name: $name, enabled: true}}')" | jq -r .service.id)
    for interface in public internal; do
        endpoint=$(keystone_admin_api GET "/endpoints?service_id=$service_id&interface=$interface" |
            jq -r --arg url "$url" --arg region "$KEYSTONE_REGION" \
                '[.endpoints[] | select(.region_id == $region)][0] | if . == null then "" else "\(.id) \(.url)" end')
        if [ -z "$endpoint" ]; then
            keystone_admin_api POST /endpoints "$(jq -nc --arg s "$service_id" --arg i "$interface" --arg url "$url" \
                --arg region "$KEYSTONE_REGION" '{endpoint: {service_id: $s, interface: $i, url: $url, region_id: $region}}')" >/dev/null
        elif [ "${endpoint#* }" != "$url" ]; then
            keystone_admin_api PATCH "/endpoints/${endpoint%% *}" "$(jq -nc --arg url "$url" '{endpoint: {url: $url}}')" >/dev/null
        fi
    done
}

# keystone_clouds_yaml: $STATE/secrets/clouds.yaml for the openstack CLI (OS_CLIENT_CONFIG_FILE).
keystone_clouds_yaml() {
    local file=$STATE/secrets/clouds.yaml user
    (
        umask 077
        {
            echo "# Written by deploy/local/stack.sh up: the local stack's Keystone users, for openstack --os-cloud."
            echo "clouds:"
            for user in operator auditor migrator; do
                echo "  gm-$user:"
                echo "    auth:"
                echo "      auth_url: $(keystone_url)"
                echo "      username: $user"
                echo "      password: '$(cat "$(keystone_password_file "$user")")'"
                echo "      project_name: $(keystone_project "$user")"
                echo "      user_domain_name: Default"
                echo "      project_domain_name: Default"
                echo "    identity_api_version: 3"
                echo "    region_name: $KEYSTONE_REGION"
                echo "    interface: public"
            done
        } >"$file.tmp"
        mv "$file.tmp" "$file"
    )
}

keystone_up() {
    keystone_db_create
    keystone_configure
    keystone_setup
    keystone_start
    keystone_accounts
    keystone_catalog image glance "$(glance_node_url api-1)"
    keystone_clouds_yaml
}

keystone_down() { process_stop keystone; }

# keystone_env: the stack.env lines that name Keystone, its users and their password files.
keystone_env() {
    local user U
    echo "GM_KEYSTONE_URL=$(keystone_url)"
    echo "GM_KEYSTONE_REGION=$KEYSTONE_REGION"
    echo "GM_KEYSTONE_CLOUDS=$STATE/secrets/clouds.yaml"
    for user in admin migrator operator auditor; do
        U=${user^^}
        echo "GM_KEYSTONE_${U}_USER=$user"
        echo "GM_KEYSTONE_${U}_PASSWORD_FILE=$(keystone_password_file "$user")"
        echo "GM_KEYSTONE_${U}_PROJECT=$(keystone_project "$user")"
    done
}
