# shellcheck shell=bash
# Two single-node Ceph Pacific clusters, `old` and `new`: one mon, one mgr and one OSD
# each, cephx on, on the stack's host address (common.sh) so that copier hosts reach them too. Follows Ceph's manual deployment steps; everything lives under
# $STATE/ceph/<cluster>, and clients get their conf + keyring pair under $STATE/clients/<cluster>/<user>.

ceph_dir() { echo "$STATE/ceph/$1"; }
ceph_admin() { local c=$1; shift; ceph --conf "$(ceph_dir "$c")/ceph.conf" --connect-timeout 15 "$@"; }

ceph_mon_host() {
    local v2=${2%%,*} v1=${2##*,} address; address=$(host_address)
    echo "[v2:$address:$v2,v1:$address:$v1]"
}

ceph_write_conf() {
    local cluster=$1 fsid=$2 mon_host=$3 dir; dir=$(ceph_dir "$cluster")
    cat >"$dir/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = $mon_host
mon initial members = a
public network = $(host_address)/32
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default size = 1
osd pool default min size = 1
osd crush chooseleaf type = 0
osd objectstore = $OSD_OBJECTSTORE
memstore device bytes = $OSD_BYTES
bluestore block create = true
bluestore block size = $OSD_BYTES
bluestore fsck on mount = false
osd memory target = 1073741824
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
keyring = $dir/ceph.client.admin.keyring
mon data = $dir/mon/\$id
mgr data = $dir/mgr/\$id
osd data = $dir/osd/\$id

[mon]
keyring = $dir/mon/\$id/keyring
[mgr]
keyring = $dir/mgr/\$id/keyring
[osd]
keyring = $dir/osd/\$id/keyring
[client]
# Several clients run at once: no shared admin socket, no shared log file.
admin socket =
log file =
CONF
}

ceph_bootstrap() {
    local cluster=$1 ports=$2 dir fsid mon_host osd_uuid osd_secret
    dir=$(ceph_dir "$cluster")
    rm -rf "$dir"; mkdir -p "$dir"/{run,log,mon,mgr/x,osd/0}
    fsid=$(uuidgen); mon_host=$(ceph_mon_host "$cluster" "$ports")
    ceph_write_conf "$cluster" "$fsid" "$mon_host"
    log "bootstrapping ceph cluster '$cluster' (fsid $fsid, mon $mon_host)"

    ceph-authtool --create-keyring "$dir/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
    ceph-authtool --create-keyring "$dir/ceph.client.admin.keyring" --gen-key -n client.admin \
        --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
    ceph-authtool "$dir/mon.keyring" --import-keyring "$dir/ceph.client.admin.keyring" >/dev/null
    monmaptool --create --addv a "$mon_host" --fsid "$fsid" "$dir/monmap" >/dev/null
    ceph-mon --conf "$dir/ceph.conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/mon.keyring"
    ceph_start_mon "$cluster"

    ceph_admin "$cluster" auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' \
        -o "$dir/mgr/x/keyring" 2>/dev/null
    ceph_start_mgr "$cluster"

    osd_uuid=$(uuidgen); osd_secret=$(ceph-authtool --gen-print-key)
    echo "{\"cephx_secret\": \"$osd_secret\"}" |
        ceph_admin "$cluster" osd new "$osd_uuid" -i - -n client.admin >/dev/null
    ceph-authtool --create-keyring "$dir/osd/0/keyring" --name osd.0 --add-key "$osd_secret" >/dev/null
    ceph-osd --conf "$dir/ceph.conf" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$dir/log/mkfs.log"
    ceph_start_osd "$cluster"

    ceph_admin "$cluster" osd pool create "$POOL" 16 16 >/dev/null 2>&1
    ceph_admin "$cluster" osd pool application enable "$POOL" rbd >/dev/null 2>&1
    rbd --conf "$dir/ceph.conf" pool init "$POOL"
    ceph_create_clients "$cluster"
    echo "$fsid" >"$dir/fsid"
}

ceph_start_mon() {
    local cluster=$1 dir; dir=$(ceph_dir "$cluster")
    process_running "ceph-$cluster-mon" || process_spawn "ceph-$cluster-mon" "$dir/log/mon.stdout" \
        ceph-mon -f --conf "$dir/ceph.conf" -i a
    wait_for "ceph '$cluster' monitor" 60 ceph_admin "$cluster" mon stat
}

ceph_start_mgr() {
    local cluster=$1 dir; dir=$(ceph_dir "$cluster")
    process_running "ceph-$cluster-mgr" || process_spawn "ceph-$cluster-mgr" "$dir/log/mgr.stdout" \
        ceph-mgr -f --conf "$dir/ceph.conf" -i x
}

ceph_osd_is_up() { ceph_admin "$1" osd stat -f json | jq -e '.num_up_osds == 1' >/dev/null; }

# Every placement group active: what clients' I/O waits for.
ceph_pgs_active() {
    ceph_admin "$1" pg stat -f json |
        jq -e '.pg_summary | .num_pgs > 0 and ([.num_pg_by_state[] | select(.name | test("^active")) | .num] | add) == .num_pgs' >/dev/null
}

ceph_start_osd() {
    local cluster=$1 dir; dir=$(ceph_dir "$cluster")
    process_running "ceph-$cluster-osd" || process_spawn "ceph-$cluster-osd" "$dir/log/osd.stdout" \
        ceph-osd -f --conf "$dir/ceph.conf" -i 0
    sleep 1
    process_running "ceph-$cluster-osd" ||
        die "the '$cluster' OSD exited (see $dir/log/osd.0.log); 'stack.sh reset' starts afresh."
    wait_for "ceph '$cluster' OSD" 60 ceph_osd_is_up "$cluster"
}

# A conf + keyring pair per client: what an operator hands to Glance or to the migrator.
ceph_create_client() {
    local cluster=$1 user=$2 mon osd mgr dir cdir
    mon=$3; osd=$4; mgr=$5
    dir=$(ceph_dir "$cluster"); cdir=$STATE/clients/$cluster/$user
    mkdir -p "$cdir"
    if [ -n "$mgr" ]; then
        ceph_admin "$cluster" auth get-or-create "client.$user" mon "$mon" osd "$osd" mgr "$mgr" \
            -o "$cdir/ceph.client.$user.keyring"
    else
        ceph_admin "$cluster" auth get-or-create "client.$user" mon "$mon" osd "$osd" \
            -o "$cdir/ceph.client.$user.keyring"
    fi
    chmod 600 "$cdir/ceph.client.$user.keyring"
    cat >"$cdir/ceph.conf" <<CONF
[global]
fsid = $(awk '$1 == "fsid" {print $3}' "$dir/ceph.conf")
mon host = $(awk '$1 == "mon" && $2 == "host" {print $4}' "$dir/ceph.conf")
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $cdir/ceph.client.$user.keyring
admin socket =
log file =
CONF
}

# Where Nova's instance disks (vms/<uuid>_disk) and Cinder's volumes (volumes/volume-<uuid>) live, as
# clones of Glance's snapshots: what keeps an old cluster alive after the cutover.
CLONE_POOLS="vms volumes"

# The migrator's read-only key reads every pool: to list an image's clone children, librbd reads each
# pool's list of (format 1) children and fails the whole listing with EPERM at a pool the key may not
# read (seen here: the mgr's device_health_metrics). Read-only all the same: no write cap, on either cluster.
ceph_read_only_caps() { echo 'profile rbd-read-only'; }

ceph_create_clients() {
    local cluster=$1
    ceph_create_client "$cluster" glance 'profile rbd' "profile rbd pool=$POOL" "profile rbd pool=$POOL"
    # The migrator only ever reads the source, and the verifier only reads either cluster.
    ceph_create_client "$cluster" migrator-ro 'profile rbd' "$(ceph_read_only_caps)" ""
    if [ "$cluster" = new ]; then
        ceph_create_client "$cluster" migrator 'profile rbd' "profile rbd pool=$POOL" "profile rbd pool=$POOL"
    fi
}

ceph_up() {
    local cluster=$1 ports=$2 dir; dir=$(ceph_dir "$cluster")
    if [ ! -f "$dir/fsid" ]; then
        ceph_bootstrap "$cluster" "$ports"
    else
        ceph_start_mon "$cluster"; ceph_start_mgr "$cluster"; ceph_start_osd "$cluster"
    fi
    wait_for "ceph '$cluster' placement groups (if they stay inactive, 'stack.sh reset' starts afresh)" 90 \
        ceph_pgs_active "$cluster"
    ceph_clone_pools "$cluster"
}

# The clone pools and the read-only key's caps on them, on a new stack and on one made before them.
ceph_clone_pools() {
    local cluster=$1 clone_pool made=0 dir; dir=$(ceph_dir "$cluster")
    for clone_pool in $CLONE_POOLS; do
        ceph_admin "$cluster" osd pool ls | grep -qx "$clone_pool" && continue
        ceph_admin "$cluster" osd pool create "$clone_pool" 8 8 >/dev/null 2>&1
        ceph_admin "$cluster" osd pool application enable "$clone_pool" rbd >/dev/null 2>&1
        rbd --conf "$dir/ceph.conf" pool init "$clone_pool"
        made=1
    done
    ceph_admin "$cluster" auth caps client.migrator-ro mon 'profile rbd' osd "$(ceph_read_only_caps)" >/dev/null 2>&1
    [ "$made" -eq 0 ] || wait_for "ceph '$cluster' placement groups of the clone pools" 90 ceph_pgs_active "$cluster"
}

ceph_down() {
    local cluster=$1
    process_stop "ceph-$cluster-osd"; process_stop "ceph-$cluster-mgr"; process_stop "ceph-$cluster-mon"
}
