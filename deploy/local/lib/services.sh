# shellcheck shell=bash
# The four services, run from their Quarkus builds against the local stack: configuration comes
# from the endpoints file as environment variables; the services read the passwords and API tokens
# from the secret files it names, so no secret is in their environment (/proc/<pid>/environ).

SERVICES=(planner-service copier-service verifier-service cutover-service)

# shellcheck source=deploy/local/lib/fleet.sh
. "$REPO/deploy/local/lib/fleet.sh"

service_port() { awk -F= '$1 == "quarkus.http.port" {print $2}' "$REPO/$1/src/main/resources/application.properties"; }

service_ready() { curl -fsS "http://127.0.0.1:$(service_port "$1")/q/health/ready" | jq -e '.status == "UP"'; }

services_build() {
    log "building the services"
    (cd "$REPO" && mvn -B -q -Dstyle.color=never package -DskipTests) || die "the build failed"
}

service_jar() { echo "$REPO/$1/target/quarkus-app/quarkus-run.jar"; }

# services_env: the services' environment, exported into this shell (so call it in a subshell):
# the endpoints file only; the services read passwords and tokens from the files it names.
services_env() {
    set -a
    # shellcheck source=/dev/null
    . "$ENV_FILE"
    set +a
}

# service_db_node NAME: the Galera node a service talks to. A control plane's services spread over
# its nodes; here they do too, so every run crosses nodes (a lock or a read that only holds on one
# node fails here as it would there).
service_db_node() {
    case $1 in
        verifier-service) echo 2 ;;
        cutover-service) echo 3 ;;
        *) echo 1 ;;
    esac
}

# service_on_hosts NAME: the service runs on the copier hosts (`up --hosts N`), not on this machine.
service_on_hosts() { [ "$1" = copier-service ] && fleet_enabled; }

# service_spawn NAME: start the service from its build, unless it runs (in services_env's
# environment, pointed at the service's own Galera node).
service_spawn() {
    service_on_hosts "$1" && return 0
    process_running "$1" && return 0
    (
        local nodes
        read -r -a nodes <<<"$GM_DB_NODES"
        GM_GLANCE_DB_PORT=${nodes[$(service_db_node "$1") - 1]##*:}
        [ "$GM_LEDGER_SERVER" = separate ] || GM_DB_PORT=$GM_GLANCE_DB_PORT
        export GM_GLANCE_DB_PORT GM_DB_PORT
        process_spawn "$1" "$STATE/services/$1.log" java -jar "$(service_jar "$1")"
    )
}

service_await() { # NAME: until it is ready; fails at once if it exits meanwhile (see its log)
    if service_on_hosts "$1"; then fleet_up; return; fi
    local deadline=$((SECONDS + 120))
    until service_ready "$1" >/dev/null 2>&1; do
        process_running "$1" || die "$1 exited before it was ready (log: $STATE/services/$1.log)"
        [ $SECONDS -lt $deadline ] || die "$1 not ready after 120s"
        sleep 0.5
    done
    log "$1 ready on port $(service_port "$1") (log: $STATE/services/$1.log)"
}

services_up() {
    local svc
    (
        services_env
        for svc in "${SERVICES[@]}"; do service_spawn "$svc"; done
    )
    for svc in "${SERVICES[@]}"; do service_await "$svc"; done
}

# service_start NAME: one service, started as services_up starts each.
service_start() {
    [ -f "$(service_jar "$1")" ] || die "$1 is not built ($(service_jar "$1")): migrate.sh builds it"
    (
        services_env
        service_spawn "$1"
    )
    service_await "$1"
}

service_url() { echo "http://127.0.0.1:$(service_port "$1")"; }

services_down() {
    local svc
    for svc in "${SERVICES[@]}"; do process_stop "$svc"; done
    fleet_hosts_down
}
