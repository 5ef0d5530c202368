# shellcheck shell=bash
# Seed images: a mixed set uploaded through Glance's HTTP API, as users would have made it.
# SCALE_MIB scales every size: a few MiB for tests, thousands for benchmarks.
# As the stack's `operator` (admin on project ops), with a Keystone token (lib/keystone-token.sh,
# sourced before this file).

glance_api() {
    local auth; auth=$(keystone_token_file operator) || die "no Keystone token for the operator"
    curl -fsS -H @"$auth" "$@"
}

glance_url() { echo "http://127.0.0.1:$GLANCE_PORT/v2/images${1:-}"; }

seed_create() { # NAME [ID] -> image id
    local body
    body=$(jq -nc --arg name "$1" --arg id "${2:-}" \
        '{name: $name, disk_format: "raw", container_format: "bare"} + (if $id == "" then {} else {id: $id} end)')
    glance_api -X POST -H 'Content-Type: application/json' -d "$body" "$(glance_url)" | jq -r .id
}

seed_upload() { # ID FILE
    glance_api -X PUT -H 'Content-Type: application/octet-stream' -T "$2" "$(glance_url "/$1/file")" >/dev/null
}

# dense FILE BYTES: random data throughout.
seed_dense() { head -c "$2" /dev/urandom >"$1"; }

# disk_like FILE BYTES: mostly zeros, with a boot area and data scattered as a fresh OS disk has.
seed_disk_like() {
    local file=$1 bytes=$2 mib=$((1024 * 1024)) spot
    truncate -s 0 "$file"; truncate -s "$bytes" "$file"
    dd if=/dev/urandom of="$file" bs=64K count=16 conv=notrunc status=none
    for spot in 3 7 11 13; do # fractions of 16: data here and there, holes between
        dd if=/dev/urandom of="$file" bs=64K count=4 seek=$((bytes * spot / 16 / 65536)) conv=notrunc status=none
    done
    [ "$bytes" -gt "$mib" ] || truncate -s "$bytes" "$file"
}

seed_one() { # NAME FILE -> id
    local id; id=$(seed_create "$1"); seed_upload "$id" "$2"; echo "$id"
}

# An image written partly with the rbd CLI (thin in RBD, as Glance with thin provisioning leaves
# it) and registered through Glance's location API: it has no recorded hash.
seed_sparse_registered() { # NAME BYTES
    local id file fsid conf=$STATE/ceph/old/ceph.conf
    id=$(uuidgen); file=$1.img
    fsid=$(cat "$STATE/ceph/old/fsid")
    seed_disk_like "$TMP/$file" "$2"
    rbd --conf "$conf" import --image-format 2 --object-size 8M "$TMP/$file" "$POOL/$id" >/dev/null 2>&1
    rbd --conf "$conf" snap create "$POOL/$id@snap" >/dev/null
    rbd --conf "$conf" snap protect "$POOL/$id@snap"
    seed_create "$1" "$id" >/dev/null
    glance_api -X PATCH -H 'Content-Type: application/openstack-images-v2.1-json-patch' \
        -d "$(jq -nc --arg url "rbd://$fsid/$POOL/$id/snap" --arg store "$GLANCE_STORE" \
            '[{op: "add", path: "/locations/-", value: {url: $url, metadata: {store: $store}}}]')" \
        "$(glance_url "/$id")" >/dev/null
    echo "$id"
}

seed_images() {
    local scale=${1:-4} tag mib=$((1024 * 1024)) id
    TMP=$STATE/seed-tmp; mkdir -p "$TMP"
    tag=$(date +%H%M%S)
    log "seeding images into Glance (scale ${scale} MiB, tag $tag)"
    seed_dense "$TMP/dense-a" $((scale * 3 * mib));            seed_one "dense-a-$tag" "$TMP/dense-a"
    seed_dense "$TMP/dense-b" $((scale * mib + 12345));        seed_one "dense-b-$tag" "$TMP/dense-b"
    seed_disk_like "$TMP/disk-a" $((scale * 8 * mib));         seed_one "disk-like-a-$tag" "$TMP/disk-a"
    seed_disk_like "$TMP/disk-b" $((scale * 4 * mib + 4096));  seed_one "disque-système-ü-$tag" "$TMP/disk-b"
    seed_dense "$TMP/tiny" 3001;                               seed_one "tiny-$tag" "$TMP/tiny"
    : >"$TMP/empty";                                           seed_one "zero-byte-$tag" "$TMP/empty"
    seed_sparse_registered "sparse-registered-$tag" $((scale * 4 * mib))
    seed_create "queued-$tag"
    seed_dense "$TMP/deleted" $((scale * mib))
    id=$(seed_one "deleted-$tag" "$TMP/deleted"); glance_api -X DELETE "$(glance_url "/$id")"; echo "$id"
    seed_dense "$TMP/deactivated" $((scale * mib))
    id=$(seed_one "deactivated-$tag" "$TMP/deactivated")
    glance_api -X POST "$(glance_url "/$id/actions/deactivate")"; echo "$id"
    rm -rf "$TMP"
    log "seeded 11 images"
}

# Clone children on `old` for two seeded images, as Nova and Cinder make them when instances and
# volumes are booted from Glance images: the oldest dense-a-* gets an instance disk
# vms/<uuid>_disk and a volume volumes/volume-<uuid>, the oldest disk-like-a-* a volume only. They
# keep the source cluster from being retired (the plan, the status, the cutover's dry run and
# `glance-migrator dependents` name them). Listed in $STATE/seed/clones, one `image_id pool/name` a
# line. Once per stack state: the names are chosen and written first, then each clone is made if it
# is not there yet, so a run cut short finishes the same set; a lock keeps two runs apart.
SEED_CLONES_FILE=seed/clones

seed_oldest_active() { # NAME_REGEX -> id of the oldest active image whose name matches
    glance_api "$(glance_url "?limit=1000&sort_key=created_at&sort_dir=asc")" |
        jq -r --arg re "$1" '[.images[] | select(.status == "active" and (.name // "" | test($re)))][0].id // empty'
}

seed_clones() {
    local list=$STATE/$SEED_CLONES_FILE conf=$STATE/ceph/old/ceph.conf disk volume image spec lock
    mkdir -p "$STATE/seed"
    exec {lock}>"$STATE/seed/clones.lock"
    flock "$lock"
    if [ -f "$list" ]; then
        log "clone children already seeded ($list)"; flock -u "$lock"; return 0
    fi
    if [ ! -s "$list.tmp" ]; then
        disk=$(seed_oldest_active '^dense-a-[0-9]{6}$')
        volume=$(seed_oldest_active '^disk-like-a-[0-9]{6}$')
        if [ -z "$disk" ] || [ -z "$volume" ]; then
            die "no seeded dense-a-* and disk-like-a-* image to clone: seed first"
        fi
        printf '%s vms/%s_disk\n%s volumes/volume-%s\n%s volumes/volume-%s\n' \
            "$disk" "$(uuidgen)" "$disk" "$(uuidgen)" "$volume" "$(uuidgen)" >"$list.tmp"
    fi
    while read -r image spec; do
        rbd --conf "$conf" info "$spec" >/dev/null 2>&1 ||
            rbd --conf "$conf" clone "$POOL/$image@snap" "$spec" ||
            die "could not clone old:$POOL/$image@snap to $spec"
    done <"$list.tmp"
    mv "$list.tmp" "$list"
    flock -u "$lock"
    log "seeded $(wc -l <"$list") clone children on old ($list)"
}
