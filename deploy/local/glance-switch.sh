#!/usr/bin/env bash
# The command switch (cutover.glance.switch-kind=command) for the local stack's Glance fleet: what an
# operator's Helm upgrade or kolla-ansible reconfigure does elsewhere, done here with files and the
# stack's restart commands, so the command switch is tested end to end against real Glance nodes.
#
#   glance-switch.sh apply     points every node's store at the target (CUTOVER_* from the cutover
#                              service: see README, "The command switch"), node by node: Ceph conf
#                              and keyring written into <node dir>/ceph/<cluster>/ with the owner and
#                              group of its glance-api.conf, the store's section edited, the node
#                              restarted and answering before the next; prints backup.<NODE>=<file>
#   glance-switch.sh restore   puts each node's glance-api.conf back from CUTOVER_BACKUP_<NODE>,
#                              node by node, each restarted and answering before the next
#
# Idempotent per CUTOVER_TAG: a second apply keeps the first backup (the config before the switch).
# The nodes come from stack.env ($GM_STACK_ENV, else .stack/stack.env of this repository):
# GM_GLANCE_NODES, and per node GM_GLANCE_API_<N>_CONF, _RESTART and _URL. No key is ever printed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
env_file=${GM_STACK_ENV:-$here/../../.stack/stack.env}
# How long a node may take to answer /versions after its restart command returned.
READY_SECONDS=120
# A client conf names mons and its keyring (group-readable); a keyring holds a key (owner only).
CONF_MODE=640
KEYRING_MODE=600
DIR_MODE=750

die() { echo "glance-switch: $*" >&2; exit 1; }

[ -f "$env_file" ] || die "no stack.env at $env_file (set GM_STACK_ENV)"

# setting KEY: one value of stack.env, read as data (never sourced); a value of several words is
# in single quotes there, which are not part of it.
setting() {
    local value
    value=$(sed -n "s/^$1=//p" "$env_file" | tail -n 1)
    value=${value#\'}; value=${value%\'}
    [ -n "$value" ] || die "stack.env has no $1"
    printf '%s\n' "$value"
}

# node_key NODE: api-1 -> API_1, as stack.env and CUTOVER_BACKUP_<NAME> spell it.
node_key() { printf '%s\n' "$1" | tr 'a-z-' 'A-Z_'; }

# owned_copy SRC DEST MODE REFERENCE: SRC written to DEST atomically, owned as REFERENCE, with MODE.
owned_copy() {
    local src=$1 dest=$2 mode=$3 reference=$4 temp
    temp=$(mktemp "$(dirname "$dest")/.$(basename "$dest").XXXXXX")
    cat "$src" >"$temp"
    chown --reference="$reference" "$temp"
    chmod "$mode" "$temp"
    mv -f "$temp" "$dest"
}

# set_store_keys FILE SECTION KEY=VALUE...: prints FILE with each KEY set in [SECTION] (replaced where
# it is, else added at the end of the section); every other line as it was.
set_store_keys() {
    local file=$1 section=$2
    shift 2
    grep -q "^[[:space:]]*\[$section\][[:space:]]*$" "$file" || die "$file has no [$section] section"
    awk -v section="$section" -v pairs="$(printf '%s\n' "$@")" '
        BEGIN {
            n = split(pairs, list, "\n")
            for (i = 1; i <= n; i++) {
                if (list[i] == "") continue
                eq = index(list[i], "="); key = substr(list[i], 1, eq - 1)
                want[key] = substr(list[i], eq + 1); order[++count] = key
            }
        }
        function add_missing(   i) {
            for (i = 1; i <= count; i++) if (!(order[i] in done)) { print order[i] " = " want[order[i]]; done[order[i]] = 1 }
        }
        /^[[:space:]]*\[/ {
            if (inside) add_missing()
            printf "%s", blank; blank = ""
            line = $0; gsub(/^[[:space:]]*\[|\][[:space:]]*$/, "", line); inside = (line == section)
            print; next
        }
        # Blank lines at the end of the section are held, so that added keys go before them.
        inside && /^[[:space:]]*$/ { blank = blank $0 "\n"; next }
        { printf "%s", blank; blank = "" }
        inside && /^[[:space:]]*[A-Za-z0-9_.-]+[[:space:]]*[=:]/ {
            key = $0; sub(/^[[:space:]]*/, "", key); sub(/[[:space:]]*[=:].*$/, "", key)
            if (key in want) { print key " = " want[key]; done[key] = 1; next }
        }
        { print }
        END { if (inside) add_missing(); printf "%s", blank }
    ' "$file"
}

# restart_node NODE: its restart command from stack.env, then /versions must answer.
restart_node() {
    local node=$1 key url deadline
    key=$(node_key "$node")
    url=$(setting "GM_GLANCE_${key}_URL")
    sh -c "$(setting "GM_GLANCE_${key}_RESTART")" >/dev/null || die "the restart command of $node failed"
    deadline=$((SECONDS + READY_SECONDS))
    until curl -fsS -o /dev/null "$url/versions"; do
        [ $SECONDS -lt $deadline ] || die "$node did not answer at $url/versions within ${READY_SECONDS}s"
        sleep 1
    done
}

apply_node() {
    local node=$1 conf dir keyring backup work
    conf=$(setting "GM_GLANCE_$(node_key "$node")_CONF")
    dir=$(dirname "$conf")/ceph/$CUTOVER_TARGET_CLUSTER
    keyring=$dir/ceph.client.$CUTOVER_TARGET_USER.keyring
    backup=$conf.cutover-$CUTOVER_TAG.bak
    install -d -o "$(stat -c %U "$conf")" -g "$(stat -c %G "$conf")" -m "$DIR_MODE" "$(dirname "$dir")" "$dir"
    owned_copy "$CUTOVER_TARGET_KEYRING" "$keyring" "$KEYRING_MODE" "$conf"
    work=$(mktemp)
    if grep -q '^[[:space:]]*keyring[[:space:]]*=' "$CUTOVER_TARGET_CEPH_CONF"; then
        sed "s|^\([[:space:]]*keyring[[:space:]]*=\).*|\1 $keyring|" "$CUTOVER_TARGET_CEPH_CONF" >"$work"
    else
        sed "/^\[global\]/a keyring = $keyring" "$CUTOVER_TARGET_CEPH_CONF" >"$work"
    fi
    owned_copy "$work" "$dir/ceph.conf" "$CONF_MODE" "$conf"
    # The first apply of this tag keeps the config from before the switch; a re-run keeps that one.
    [ -e "$backup" ] || cp -p "$conf" "$backup"
    set_store_keys "$conf" "$CUTOVER_GLANCE_STORE" "rbd_store_ceph_conf=$dir/ceph.conf" \
        "rbd_store_user=$CUTOVER_TARGET_USER" "rbd_store_pool=$CUTOVER_TARGET_POOL" >"$work"
    owned_copy "$work" "$conf" "$(stat -c %a "$conf")" "$conf"
    rm -f "$work"
    restart_node "$node"
    echo "$node: on $CUTOVER_TARGET_CLUSTER ($CUTOVER_TARGET_FSID) pool $CUTOVER_TARGET_POOL, restarted, answers"
    echo "backup.$(node_key "$node")=$backup"
}

restore_node() {
    local node=$1 conf backup_var backup
    conf=$(setting "GM_GLANCE_$(node_key "$node")_CONF")
    backup_var=CUTOVER_BACKUP_$(node_key "$node")
    backup=${!backup_var:-}
    [ -n "$backup" ] || die "no $backup_var: apply reported no backup for $node"
    [ -f "$backup" ] || die "the backup of $node is gone: $backup"
    owned_copy "$backup" "$conf" "$(stat -c %a "$conf")" "$conf"
    restart_node "$node"
    echo "$node: config restored from $backup, restarted, answers"
}

action=${1:-${CUTOVER_ACTION:-}}
read -r -a nodes <<<"$(setting GM_GLANCE_NODES)"
case $action in
    apply)
        : "${CUTOVER_TAG:?}" "${CUTOVER_TARGET_CLUSTER:?}" "${CUTOVER_TARGET_CEPH_CONF:?}" "${CUTOVER_TARGET_KEYRING:?}"
        : "${CUTOVER_TARGET_USER:?}" "${CUTOVER_TARGET_POOL:?}" "${CUTOVER_GLANCE_STORE:?}" "${CUTOVER_TARGET_FSID:?}"
        for node in "${nodes[@]}"; do apply_node "$node"; done ;;
    restore)
        for node in "${nodes[@]}"; do restore_node "$node"; done ;;
    *) die "usage: $0 apply|restore (with the cutover service's CUTOVER_* environment)" ;;
esac
