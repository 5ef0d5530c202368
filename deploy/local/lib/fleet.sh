# shellcheck shell=bash
# Copier hosts: copier-service in containers (deploy/images), each with its own network namespace,
# host name and address on a podman network of the stack's own, reaching Ceph and Kafka at the
# stack's host address (common.sh). `stack.sh up --hosts N` asks for N of them (kept in the state
# dir); the services then run the copier on those hosts instead of on this machine.
#   copier-N          the hosts `up --hosts N` asks for (copier-1 … copier-N)
#   any other name    a host added by hand or by a test (`stack.sh host-start NAME [VAR=VALUE…]`)
# Traffic is only between the stack's containers and this machine: the network's forwarding to
# anywhere else is rejected.

# shellcheck source=deploy/images/lib/images.sh
. "$REPO/deploy/images/lib/images.sh"

FLEET_NETWORK=gm-$STACK_ID
FLEET_SUBNET=${GM_FLEET_SUBNET:-10.214.$STACK_OCTET.0/24}
FLEET_LABEL=dev.glancemigrator.stack=$STACK_ID
# Inside every host: the clusters' confs and keyrings, mounted read-only, one directory per cluster.
FLEET_CEPH_DIR=/etc/glance-migrator/ceph
# A container stopped is given what a copier's drain takes (its drain grace, 30 s by default) and more.
FLEET_STOP_SECONDS=45
# Copies run in process-wide threads: a host gets the memory and CPU a copier needs, no more.
FLEET_MEMORY=1g

fleet_hosts_wanted() { cat "$STATE/copier-hosts" 2>/dev/null || echo 0; }

fleet_enabled() { [ "$(fleet_hosts_wanted)" -gt 0 ]; }

fleet_container() { echo "gm-$STACK_ID-$1"; }

# fleet_reject_rule iptables-ACTION: the rule that keeps the network's traffic to the stack.
fleet_reject_rule() {
    iptables "$1" FORWARD -s "$FLEET_SUBNET" ! -d "$FLEET_SUBNET" \
        -m comment --comment "$FLEET_NETWORK: only this machine" -j REJECT
}

fleet_network_up() {
    [ "$(host_address)" != 127.0.0.1 ] ||
        die "this stack's clusters were made on 127.0.0.1, which no container reaches: copier hosts need a" \
            "stack made since they exist ('stack.sh reset', then 'up --hosts N'); without hosts it runs as before"
    images_install_tools
    podman network exists "$FLEET_NETWORK" ||
        podman network create --subnet "$FLEET_SUBNET" --label "$FLEET_LABEL" "$FLEET_NETWORK" >/dev/null ||
        die "could not create the podman network $FLEET_NETWORK ($FLEET_SUBNET)"
    fleet_reject_rule -C 2>/dev/null || fleet_reject_rule -I
}

# fleet_ceph_conf CLUSTER USER: the client's conf and keyring as a host sees them, owned by the
# images' user (the keyring stays unreadable to anyone else).
fleet_ceph_conf() {
    local cluster=$1 user=$2 src=$STATE/clients/$1/$2 dir=$STATE/fleet/ceph/$1-$2
    mkdir -p "$dir"
    sed "s|^keyring = .*|keyring = $FLEET_CEPH_DIR/$cluster/ceph.client.$user.keyring|" "$src/ceph.conf" >"$dir/ceph.conf"
    install -m 600 -o "$IMAGES_UID" -g "$IMAGES_UID" "$src/ceph.client.$user.keyring" "$dir/"
    chown "$IMAGES_UID:$IMAGES_UID" "$dir/ceph.conf"
    echo "$dir"
}

fleet_host_url() {
    local address
    address=$(podman inspect --format "{{(index .NetworkSettings.Networks \"$FLEET_NETWORK\").IPAddress}}" \
        "$(fleet_container "$1")" 2>/dev/null) && [ -n "$address" ] || return 1
    echo "http://$address:$(service_port copier-service)"
}

fleet_host_ready() { curl -fsS --max-time 2 "$(fleet_host_url "$1")/q/health/ready" | jq -e '.status == "UP"'; }

fleet_host_running() { [ "$(podman inspect --format '{{.State.Status}}' "$(fleet_container "$1")" 2>/dev/null)" = running ]; }

# fleet_host_start NAME [VAR=VALUE...]: a copier host started afresh (a stopped one is replaced),
# with the copier's configuration from the endpoints file and the VAR=VALUE given (a test's
# settings); prints its URL once it is ready. Its log: $STATE/services/NAME.log.
fleet_host_start() {
    local name=$1 old new args=() kv; shift
    fleet_network_up
    [ -f "$ENV_FILE" ] || die "the stack was never up: run 'stack.sh up' first"
    # shellcheck source=/dev/null
    . "$ENV_FILE"
    podman image exists "$(image_name copier-service)" || images_build copier-service
    old=$(fleet_ceph_conf old migrator-ro); new=$(fleet_ceph_conf new migrator)
    for kv in "$@"; do args+=(--env "$kv"); done
    podman rm --force --time 0 "$(fleet_container "$name")" >/dev/null 2>&1 || true
    mkdir -p "$STATE/services"; : >"$STATE/services/$name.log"
    podman run --detach --name "$(fleet_container "$name")" --hostname "$name" --label "$FLEET_LABEL" \
        --network "$FLEET_NETWORK" --memory "$FLEET_MEMORY" --stop-timeout "$FLEET_STOP_SECONDS" \
        --log-driver k8s-file --log-opt "path=$STATE/services/$name.log" \
        --volume "$old:$FLEET_CEPH_DIR/old:ro" --volume "$new:$FLEET_CEPH_DIR/new:ro" \
        --env "GM_KAFKA_BOOTSTRAP=$GM_KAFKA_FLEET_BOOTSTRAP" --env "GM_POOL=$GM_POOL" \
        --env "GM_CEPH_OLD_RO_CONF=$FLEET_CEPH_DIR/old/ceph.conf" --env "GM_CEPH_OLD_RO_USER=migrator-ro" \
        --env "GM_CEPH_NEW_RW_CONF=$FLEET_CEPH_DIR/new/ceph.conf" --env "GM_CEPH_NEW_RW_USER=migrator" \
        "${args[@]}" "$(image_name copier-service)" >/dev/null ||
        die "could not start the copier host $name"
    fleet_host_await "$name"
    fleet_host_url "$name"
}

fleet_host_await() {
    local deadline=$((SECONDS + 120))
    until fleet_host_ready "$1" >/dev/null 2>&1; do
        fleet_host_running "$1" || die "copier host $1 exited before it was ready (log: $STATE/services/$1.log)"
        [ $SECONDS -lt $deadline ] || die "copier host $1 not ready after 120s (log: $STATE/services/$1.log)"
        sleep 0.5
    done
    log "copier host $1 ready at $(fleet_host_url "$1") (log: $STATE/services/$1.log)"
}

# fleet_up: the hosts `up --hosts N` asks for, on the copier's image built from the current jars.
fleet_up() {
    local n
    images_build copier-service
    for n in $(seq "$(fleet_hosts_wanted)"); do
        fleet_host_running "copier-$n" || fleet_host_start "copier-$n" >/dev/null
    done
}

fleet_names() { podman ps --all --filter "label=$FLEET_LABEL" --format '{{.Names}}' 2>/dev/null | sed "s/^gm-$STACK_ID-//"; }

fleet_is_host() { fleet_names | grep -qxF -- "$1"; }

# fleet_takes ACTION NAME: NAME is a copier host for ACTION: one that exists, or, to start, one
# of those `up --hosts N` names (copier-N).
fleet_takes() { fleet_is_host "$2" || { [ "$1" = start ] && [[ $2 == copier-[0-9]* ]]; }; }

# fleet_fault ACTION NAME: what stack.sh's fault injection does to a host.
#   kill/stop/freeze/thaw as for a process (freeze: the cgroup freezer, as SIGSTOP is for a process);
#   cut: its network interface removed (it runs on, cut off from Ceph and Kafka); reconnect: given back;
#   remove: stopped (drained) and removed.
fleet_fault() {
    local action=$1 name=$2 container; container=$(fleet_container "$2")
    case $action in
        kill) podman kill --signal KILL "$container" >/dev/null && log "copier host $name killed" ;;
        stop) podman stop --time "$FLEET_STOP_SECONDS" "$container" >/dev/null && log "copier host $name stopped" ;;
        start) fleet_host_start "$name" >/dev/null ;;
        freeze) podman pause "$container" >/dev/null && log "copier host $name frozen; 'thaw' resumes it" ;;
        thaw) podman unpause "$container" >/dev/null && log "copier host $name thawed" ;;
        cut)
            fleet_host_url "$name" | sed 's|^http://||; s|:.*||' >"$STATE/fleet/$name.address"
            podman network disconnect "$FLEET_NETWORK" "$container" && log "copier host $name cut off the network" ;;
        reconnect)
            # Back with the address it had: the blocklist entry its successor made (address and
            # nonce of its Ceph client) must still name it, or its writes in flight could land.
            podman network connect --ip "$(cat "$STATE/fleet/$name.address")" "$FLEET_NETWORK" "$container" &&
                log "copier host $name reconnected" ;;
        remove) podman rm --force --time "$FLEET_STOP_SECONDS" "$container" >/dev/null && log "copier host $name removed" ;;
    esac
}

fleet_status() {
    local name
    for name in $(fleet_names); do
        printf '%-17s %-8s %s\n' "$name" "$(podman inspect --format '{{.State.Status}}' "$(fleet_container "$name")")" \
            "$(fleet_host_url "$name" 2>/dev/null || echo 'cut off')"
    done
}

# fleet_hosts_down: every host stopped (drained first) and removed.
fleet_hosts_down() {
    command -v podman >/dev/null || return 0
    local names; names=$(fleet_names)
    [ -n "$names" ] || return 0
    # shellcheck disable=SC2046 # one container name per host
    podman rm --force --time "$FLEET_STOP_SECONDS" $(for n in $names; do fleet_container "$n"; done) >/dev/null || true
}

# fleet_down: the hosts, then the network and its rule.
fleet_down() {
    command -v podman >/dev/null || return 0
    fleet_hosts_down
    if podman network exists "$FLEET_NETWORK"; then podman network rm "$FLEET_NETWORK" >/dev/null || true; fi
    while fleet_reject_rule -C 2>/dev/null; do fleet_reject_rule -D; done
}
