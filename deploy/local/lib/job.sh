# shellcheck shell=bash
# The main job's steps against the running services: plan, watch copy and verify, cut over, check.
# Glance is reached with Keystone tokens of the stack's `operator` (keystone_token_file), as users do.
# shellcheck source=keystone-token.sh
. "$(dirname "${BASH_SOURCE[0]}")/keystone-token.sh"

# job_cli ARGS…: the operator's CLI (deploy/local/glance-migrator, README "The CLI") with JSON out, as the
# main job's every call to the services goes: as the stack's Keystone user `operator` (the cloud
# gm-operator of stack.env's clouds.yaml), so the audit trail names who planned and cut over; with the
# static token files only on a stack without Keystone. The CLI reads its secrets from files itself (never
# an argument); a service's refusal is printed with its message, and the exit code says what failed.
job_cli() { job_as_operator "$REPO/deploy/local/glance-migrator" -o json "$@"; }

# job_as_operator COMMAND…: COMMAND with the CLI's credentials those of the stack's operator.
job_as_operator() {
    if [ -n "${GM_KEYSTONE_CLOUDS:-}" ]; then
        OS_CLIENT_CONFIG_FILE=$GM_KEYSTONE_CLOUDS OS_CLOUD=gm-operator "$@"
    else
        "$@"
    fi
}

human_bytes() { numfmt --to=iec --suffix=B "$1"; }

job_plan() { # -> migration id
    job_cli plan --source "old/$GM_POOL" --target "new/$GM_POOL" | jq -r .migrationId
}

# Watches the planner's status (the CLI's `status --watch`, one JSON status per refresh; it waits out a
# planner that does not answer for a while) until every in-scope image is verified (or failed): bytes,
# rate and ETA per phase as it goes. With GM_WATCH_TIMEOUT (seconds), gives up then, writing the images
# still open or failed to $STATE/last-migration.stuck. Sets COPY_SECONDS, VERIFY_SECONDS, TOTAL_BYTES, IMAGES.
# shellcheck disable=SC2034 # those four are the caller's to read
job_watch() {
    local id=$1 started=$SECONDS copied_at="" line status="{}" open="?" failed=0 total=0 copied verified rate eta counts="{}"
    local watch=("$REPO/deploy/local/glance-migrator" -o json status "$id" --watch)
    [ "${GM_WATCH_TIMEOUT:-0}" -le 0 ] || watch=(timeout "$GM_WATCH_TIMEOUT" "${watch[@]}")
    watch=(job_as_operator "${watch[@]}")
    while IFS= read -r line; do
        status=$line # the last status read stays for after the loop (read empties its variable at the end)
        open=$(jq '[.counts.planned, .counts.copying, .counts.copied, .counts.verifying] | map(. // 0) | add' <<<"$status")
        failed=$(jq '.counts.failed // 0' <<<"$status"); counts=$(jq -c '.counts' <<<"$status")
        total=$(jq '.bytes.total' <<<"$status"); copied=$(jq '.bytes.copied' <<<"$status")
        verified=$(jq '.bytes.verified' <<<"$status"); rate=$(jq '.rateBytesPerSecond' <<<"$status")
        eta=$(jq -r '.etaSeconds // "?"' <<<"$status")
        log "copied $(human_bytes "$copied") / $(human_bytes "$total") at $(human_bytes "$rate")/s, ETA ${eta}s;" \
            "verified $(human_bytes "$verified"); $counts$(job_copy_hosts "$status")"
        if [ -z "$copied_at" ] && [ "$copied" -ge "$total" ]; then copied_at=$SECONDS; fi
    done < <("${watch[@]}")
    if [ "$open" != 0 ]; then
        echo "$open $counts" >"$STATE/last-migration.stuck"
        die "images still not verified$([ "${GM_WATCH_TIMEOUT:-0}" -le 0 ] || echo " after ${GM_WATCH_TIMEOUT}s"): $counts"
    fi
    echo "$failed $counts" >"$STATE/last-migration.stuck"
    [ "$failed" -eq 0 ] || die "$failed images failed: $(jq -c '.failures' <<<"$status")"
    COPY_SECONDS=$(( ${copied_at:-$SECONDS} - started )); VERIFY_SECONDS=$(( SECONDS - ${copied_at:-$SECONDS} ))
    TOTAL_BYTES=$total; IMAGES=$(jq '.counts.verified // 0' <<<"$status")
}

# job_copy_hosts STATUS: "; copying: HOST N at RATE/s, ..." for the hosts copying now (nothing when none).
job_copy_hosts() {
    local host copies rate line=""
    while read -r host copies rate; do
        line+="${line:+, }$host $copies at $(human_bytes "$rate")/s"
    done < <(jq -r '.inFlight[] | select(.copies > 0 or .copyBytesPerSecond > 0) | "\(.host) \(.copies) \(.copyBytesPerSecond)"' <<<"$1")
    [ -z "$line" ] || echo "; copying: $line"
}

job_cutover() {
    job_cli cutover "$1" | jq -c .
}

job_replan() {
    job_cli replan "$1" | jq -c .
}

# job_cutover_state ID: the state of the migration's latest cutover run (not_started, journaled,
# db_switched, config_switched, completed, failed, ...). Asked many times a second while the uploader
# waits for the switch, so straight from the cutover's API with the operator's cached Keystone token:
# the CLI's JVM and a token issued per call would let the switch's window pass between two looks.
job_cutover_state() {
    curl -fsS -H @"$(keystone_token_file operator)" "$(service_url cutover-service)/migrations/$1/cutover" | jq -r .state
}

# job_upload_during_switch ID: what users do while Glance is being switched: once the migration's
# location rows are rewritten, uploads a small image through the last Glance node (still on the
# old cluster until the rollout reaches it) every second, until the cutover run completes or fails.
# Each upload's image id goes to $STATE/last-migration.uploads. Stops between two uploads once
# $STATE/last-migration.uploads.stop exists (never in the middle of one).
job_upload_during_switch() {
    local id=$1 run_state node url var file stop=$STATE/last-migration.uploads.stop
    node=${GM_GLANCE_NODES##* }; var=GM_GLANCE_${node^^}_URL; var=${var//-/_}; url=${!var}
    file=$(mktemp); : >"$STATE/last-migration.uploads"
    until [ -e "$stop" ] || { run_state=$(job_cutover_state "$id" 2>/dev/null) &&
        [[ $run_state =~ ^(db_switched|config_switched|completed|failed)$ ]]; }; do
        sleep 0.2
    done
    while [ ! -e "$stop" ] && [[ ${run_state:-} =~ ^(db_switched|config_switched)$ ]]; do
        head -c 65536 /dev/urandom >"$file"
        job_glance_upload "$url" "uploaded-during-switch" "$file" >>"$STATE/last-migration.uploads" || true
        sleep 1
        run_state=$(job_cutover_state "$id" 2>/dev/null) || run_state=db_switched
    done
    rm -f "$file"
}

# job_glance_upload URL NAME FILE -> image id: an image created and uploaded through that Glance node.
job_glance_upload() {
    local url=$1 id auth
    auth=$(keystone_token_file operator) || return 1
    id=$(curl -fsS -H @"$auth" -H 'Content-Type: application/json' \
        -d "{\"name\": \"$2\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}" "$url/v2/images" |
        jq -r .id) || return 1
    curl -fsS -H @"$auth" -H 'Content-Type: application/octet-stream' \
        -X PUT -T "$3" "$url/v2/images/$id/file" >/dev/null || return 1
    echo "$id"
}

# job_complete_left_on_source ID RESULT: nothing stays on the old cluster. When a cutover's result
# lists images still on the source (uploaded while Glance was being switched), they are re-planned,
# copied and verified, and a delta cutover moves their rows; repeated until none is left.
job_complete_left_on_source() {
    local id=$1 result=$2 left
    left=$(jq '.imagesLeftOnSource | length' <<<"$result")
    while [ "$left" -gt 0 ]; do
        log "$left images were uploaded to the old cluster during the switch: re-planning, copying, verifying them"
        job_replan "$id" >/dev/null || die "re-planning failed"
        (job_watch "$id") || die "the images left on the source were not verified" # keeps the first pass's figures
        result=$(job_cutover "$id") || die "the delta cutover failed"
        log "delta cutover: $result"
        DELTA_IMAGES=$((${DELTA_IMAGES:-0} + $(jq '.locationRows' <<<"$result")))
        left=$(jq '.imagesLeftOnSource | length' <<<"$result")
    done
}

# job_rollback_all ID: rolls back every run of the migration, the latest first (delta runs, then the
# cutover they followed).
job_rollback_all() {
    local result
    while result=$(job_rollback "$1"); do
        log "rolled back: $result"
        [ "$(jq -r .kind <<<"$result")" = delta ] || return 0
    done
    return 1
}

job_rollback() {
    job_cli rollback "$1" | jq -c .
}

# job_images_per_copy_host ID: "HOST COUNT" for every host that copied images of the migration.
job_images_per_copy_host() {
    job_cli images "$1" --all | jq -r '.items[] | select(.copyHost != null) | .copyHost' | sort | uniq -c | awk '{print $2, $1}'
}

# job_idle_copier_hosts ID: the copier hosts (copier-1 … copier-N) that copied no image of the migration.
job_idle_copier_hosts() {
    local copied n
    copied=$(job_images_per_copy_host "$1")
    for n in $(seq "$(fleet_hosts_wanted)"); do
        grep -q "^copier-$n " <<<"$copied" || echo "copier-$n"
    done
}

# job_await_hosts_at_work ID SECONDS: until every copier host has copied an image of the migration,
# or SECONDS have passed.
job_await_hosts_at_work() {
    local deadline=$((SECONDS + $2)) idle
    while idle=$(job_idle_copier_hosts "$1"); [ -n "$idle" ]; do
        [ $SECONDS -lt $deadline ] || { log "after $2s, still no copy by: $(xargs <<<"$idle")"; return 0; }
        sleep 0.5
    done
}

# Writes "image-id sha512" for every verified image of the migration that Glance serves (deactivated
# images refuse downloads by design): the SHA-512 Glance recorded at upload or, where none was
# recorded, that of the source snapshot's bytes.
job_expected_hashes() {
    local id=$1 batch image status recorded
    batch=$(job_cli images "$id" --state verified --all | jq -r '.items[].imageId') || return 1
    for image in $batch; do
        require_uuid "$image" "an image id the planner listed"
        read -r status recorded < <(mariadb --no-defaults --socket="$GM_DB_ROOT_SOCKET" -uroot -N "$GM_GLANCE_DB" \
            -e "SELECT status, COALESCE(os_hash_value, '') FROM images WHERE id = '$image'")
        if [ "$status" != active ]; then
            log "not downloading $image: Glance serves no download of a $status image"
            continue
        fi
        if [ -z "$recorded" ]; then
            recorded=$(rbd --conf "$GM_CEPH_OLD_ADMIN_CONF" export --no-progress "$GM_POOL/$image@snap" - |
                sha512sum | cut -d' ' -f1)
        fi
        echo "$image $recorded"
    done
}

# Downloads every image of an expected-hashes file through every Glance node and compares; the
# number of wrong downloads goes to $STATE/last-migration.wrong.
job_check_downloads() {
    local expected=$1 node url image recorded got n=0 wrong=0 var auth
    auth=$(keystone_token_file operator) || die "no Keystone token for the operator"
    for node in $GM_GLANCE_NODES; do
        var=GM_GLANCE_${node^^}_URL; var=${var//-/_}; url=${!var}
        while read -r image recorded; do
            got=$(curl -fsS -H @"$auth" "$url/v2/images/$image/file" | sha512sum | cut -d' ' -f1) || got="download failed"
            if [ "$got" != "$recorded" ]; then
                log "image $image downloads through $node with SHA-512 $got, expected $recorded"; wrong=$((wrong + 1))
            fi
            n=$((n + 1))
        done <"$expected"
    done
    echo "$wrong" >"$STATE/last-migration.wrong"
    [ "$n" -gt 0 ] || die "no verified image to download"
    [ "$wrong" -eq 0 ] || die "$wrong of $n downloads do not match their recorded SHA-512"
    log "all $n downloads ($(wc -l <"$expected") images through each of: $GM_GLANCE_NODES) match their recorded SHA-512"
}

# job_check_unauthenticated EXPECTED: every Glance node refuses to download the first image of an
# expected-hashes file without a token (401), as Keystone's auth_token middleware makes it.
job_check_unauthenticated() {
    local image node url var code
    read -r image _ <"$1" || die "no image in $1"
    for node in $GM_GLANCE_NODES; do
        var=GM_GLANCE_${node^^}_URL; var=${var//-/_}; url=${!var}
        code=$(curl -sS -o /dev/null -w '%{http_code}' "$url/v2/images/$image/file") || code="no answer"
        [ "$code" = 401 ] || die "Glance $node answered $code to a download of $image without a token, not 401"
    done
    log "every Glance node refuses a download without a token (401)"
}

# job_check_client_downloads EXPECTED: every image of an expected-hashes file downloaded with the real
# OpenStack client as the stack's operator (`openstack image save`, through the catalog's Glance,
# which checks the image's recorded checksum itself), JOB_CLIENT_PARALLEL at a time, each file's
# SHA-512 compared with the recorded one too. The number of wrong ones goes to
# $STATE/last-migration.client-wrong.
JOB_CLIENT_PARALLEL=$(nproc) # each client spends ~1 s of CPU starting
job_check_client_downloads() {
    local expected=$1 dir image n wrong clouds
    clouds=$(keystone_setting GM_KEYSTONE_CLOUDS) || die "no clouds.yaml for the openstack client"
    dir=$(mktemp -d "$STATE/client-downloads.XXXXXX")
    # One line per image: "ok ID", or "wrong ID WHY".
    # shellcheck disable=SC2016 # expanded by the inner shell
    OS_CLIENT_CONFIG_FILE=$clouds xargs -P "$JOB_CLIENT_PARALLEL" -L 1 sh -c '
        dir=$1 image=$2 recorded=$3
        if ! err=$(openstack --os-cloud gm-operator image save \
                --file "$dir/$image" "$image" 2>&1); then
            echo "wrong $image openstack image save failed: $(echo "$err" | tail -1)"
        elif [ "$(sha512sum <"$dir/$image" | cut -d" " -f1)" != "$recorded" ]; then
            echo "wrong $image its SHA-512 is not the recorded one"
        else
            echo "ok $image"
        fi
        rm -f "$dir/$image"' client-download "$dir" <"$expected" >"$dir/results"
    while read -r _ image why; do log "image $image: $why"; done < <(grep '^wrong ' "$dir/results" || true)
    n=$(wc -l <"$expected"); wrong=$((n - $(grep -c '^ok ' "$dir/results" || true)))
    rm -rf "$dir"
    echo "$wrong" >"$STATE/last-migration.client-wrong"
    [ "$n" -gt 0 ] || die "no verified image to download"
    [ "$wrong" -eq 0 ] || die "$wrong of $n images do not download right with openstack image save"
    log "all $n images download with openstack image save (its own checksum check) with their recorded SHA-512"
}
