# The four services, run from their Quarkus builds against the local stack: configuration comes
# from the endpoints file as environment variables; the services read the passwords and API tokens
# from the secret files it names, so no secret is in their environment (/proc/<pid>/environ).

SERVICES=(planner-service copier-service verifier-service cutover-service)

service_port() { awk -F= '$1 == "quarkus.http.port" {print $2}' "$REPO/$1/src/main/resources/application.properties"; }

service_ready() { curl -fsS "http://127.0.0.1:$(service_port "$1")/q/health/ready" | jq -e '.status == "UP"'; }

services_build() {
    log "building the services"
    (cd "$REPO" && mvn -B -q -Dstyle.color=never package -DskipTests) || die "the build failed"
}

services_up() {
    local svc
    (
        set -a
        # shellcheck source=/dev/null
        . "$ENV_FILE"
        set +a
        for svc in "${SERVICES[@]}"; do
            running "$svc" || spawn "$svc" "$STATE/services/$svc.log" \
                java -jar "$REPO/$svc/target/quarkus-app/quarkus-run.jar"
        done
    )
    for svc in "${SERVICES[@]}"; do
        wait_for "$svc" 120 service_ready "$svc"
        log "$svc ready on port $(service_port "$svc") (log: $STATE/services/$svc.log)"
    done
}

service_url() { echo "http://127.0.0.1:$(service_port "$1")"; }

services_down() {
    local svc
    for svc in "${SERVICES[@]}"; do stop "$svc"; done
}
