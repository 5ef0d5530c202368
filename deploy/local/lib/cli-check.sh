# shellcheck shell=bash
# cli_check MIGRATION: the glance-migrator CLI against the running planner and cutover services, after
# MIGRATION completed (sourced by e2e.sh, which shares its migration): `status --watch` on a real
# terminal (a detached tmux session on a server of its own, its screen captured and asserted), the
# JSON of status, images and events parsed, the exit codes of a usage error, an unknown migration and
# a service that does not answer, and no token value anywhere in what the CLI printed.
# Needs REPO, log and die (common.sh), jq and tmux.

cli_check() {
    local id=$1 cli=$REPO/deploy/local/glance-migrator dir socket rc deadline screen verified image token
    dir=$(mktemp -d)
    socket=gm-cli-check-$$
    # The build (when the jar is missing) happens here, not inside the timed tmux session.
    "$cli" --version >/dev/null || die "cli: the CLI does not run"

    # status --watch on a terminal: a finished migration's screen is drawn once and the command exits 0.
    tmux -L "$socket" -f /dev/null new-session -d -s cli-check -x 120 -y 40 \
        "'$cli' status --watch --interval 1 '$id' 2>'$dir/watch.err'; echo \$? >'$dir/watch.rc'; sleep 300"
    deadline=$((SECONDS + 60))
    until [ -s "$dir/watch.rc" ]; do
        [ $SECONDS -lt $deadline ] || { tmux -L "$socket" kill-server; die "cli: status --watch did not end in 60s"; }
        sleep 0.5
    done
    tmux -L "$socket" capture-pane -p -t cli-check >"$dir/watch.screen"
    tmux -L "$socket" kill-server
    screen=$(<"$dir/watch.screen")
    rc=$(<"$dir/watch.rc")
    [ "$rc" = 0 ] || die "cli: status --watch exited $rc: $(cat "$dir/watch.err")"$'\n'"$screen"

    # The JSON of status, parsed: a completed migration, every byte verified.
    "$cli" --output json status "$id" >"$dir/status.json" 2>"$dir/status.err" || die "cli: status -o json failed"
    jq -e --arg id "$id" '.id == $id and .counts.verified > 0 and ([.counts.planned, .counts.copying,
        .counts.copied, .counts.verifying] | map(. // 0) | add) == 0 and .bytes.verified == .bytes.total' \
        "$dir/status.json" >/dev/null || die "cli: status -o json is not that of the completed migration"
    verified=$(jq '.counts.verified' "$dir/status.json")
    grep -Eq '^copied +\[#{40}\] 100\.0%' <<<"$screen" || die "cli: no full copied bar on the watch screen:"$'\n'"$screen"
    grep -Eq '^verified +\[#{40}\] 100\.0%' <<<"$screen" || die "cli: no full verified bar on the watch screen:"$'\n'"$screen"
    grep -q "finished: $verified verified, 0 failed" <<<"$screen" ||
        die "cli: the watch screen does not count $verified verified images:"$'\n'"$screen"

    # Not on a terminal, --watch with JSON: one status object per line.
    "$cli" status --watch -o json "$id" >"$dir/watch.json" 2>"$dir/watch-json.err" || die "cli: status --watch -o json failed"
    jq -e -s --arg id "$id" 'length >= 1 and all(.[]; .id == $id)' "$dir/watch.json" >/dev/null ||
        die "cli: status --watch -o json is not one status object per line"

    # images: every verified image, in one page object.
    "$cli" images "$id" --state verified --all -o json >"$dir/images.json" 2>"$dir/images.err" || die "cli: images -o json failed"
    jq -e --argjson n "$verified" '.total == $n and (.items | length) == $n and all(.items[]; .state == "verified")' \
        "$dir/images.json" >/dev/null || die "cli: images --state verified --all does not list the $verified verified images"
    "$cli" images "$id" >"$dir/images.txt" 2>>"$dir/images.err" || die "cli: images failed"
    grep -q '^IMAGE  *NAME  *SIZE  *STATE' "$dir/images.txt" || die "cli: images prints no table: $(head -3 "$dir/images.txt")"

    # events IMAGE: the image's audit trail, each event with its place in Kafka.
    image=$(jq -r '.items[0].imageId' "$dir/images.json")
    "$cli" events "$image" "$id" -o json >"$dir/events.json" 2>"$dir/events.err" || die "cli: events -o json failed"
    jq -e --arg image "$image" '.total > 0 and all(.items[]; .imageId == $image and (.topic | length) > 0
        and .partition >= 0 and .offset >= 0) and any(.items[]; .type == "verified")' "$dir/events.json" >/dev/null ||
        die "cli: events of $image lack their topic, partition, offset or the verified event"
    "$cli" events "$image" "$id" >"$dir/events.txt" 2>>"$dir/events.err" || die "cli: events failed"
    grep -q 'TOPIC  *PARTITION  *OFFSET' "$dir/events.txt" || die "cli: events prints no table"

    # The cutover journal, through the cutover service's token.
    "$cli" cutover-status "$id" -o json >"$dir/cutover.json" 2>"$dir/cutover.err" || die "cli: cutover-status failed"
    jq -e --arg id "$id" '.migrationId == $id and (.runs | length) >= 1' "$dir/cutover.json" >/dev/null ||
        die "cli: cutover-status does not show the migration's runs"

    # Exit codes: 2 for a usage error, 1 with the service's message for an unknown migration, 3 for no answer.
    rc=0; "$cli" status --no-such-option >"$dir/usage.out" 2>"$dir/usage.err" || rc=$?
    [ "$rc" = 2 ] || die "cli: a usage error exited $rc, not 2"
    rc=0; "$cli" cleanup "$id" >"$dir/cleanup.out" 2>"$dir/cleanup.err" || rc=$?
    [ "$rc" = 2 ] || die "cli: cleanup without --apply exited $rc, not 2"
    rc=0; "$cli" status 00000000-0000-4000-8000-000000000000 >"$dir/unknown.out" 2>"$dir/unknown.err" || rc=$?
    [ "$rc" = 1 ] || die "cli: an unknown migration exited $rc, not 1"
    grep -q 'answered 404.*no migration 00000000-0000-4000-8000-000000000000' "$dir/unknown.err" ||
        die "cli: an unknown migration's message is not the planner's: $(cat "$dir/unknown.err")"
    rc=0; "$cli" cutover-status 00000000-0000-4000-8000-000000000000 >"$dir/unknown-cutover.out" \
        2>"$dir/unknown-cutover.err" || rc=$?
    [ "$rc" = 1 ] || die "cli: an unknown migration exited $rc from the cutover service, not 1"
    rc=0; "$cli" --planner-url http://127.0.0.1:9 status "$id" >"$dir/down.out" 2>"$dir/down.err" || rc=$?
    [ "$rc" = 3 ] || die "cli: a planner that does not answer exited $rc, not 3"
    # Java frames anywhere, and an exception's class name in the errors' messages (images' failure
    # reasons, in the other outputs, may name one legitimately).
    if grep -lE '^\s+at [A-Za-z0-9_.$]+\(' "$dir"/*.err "$dir"/*.out "$dir"/*.txt "$dir/watch.screen" ||
        grep -l 'Exception' "$dir"/{usage,cleanup,unknown,unknown-cutover,down}.err; then
        die "cli: a stack trace in the CLI's output (files above, in $dir)"
    fi

    # No token value in anything the CLI printed.
    for token in "$GM_PLANNER_TOKEN_FILE" "$GM_CUTOVER_TOKEN_FILE"; do
        if grep -rqF -- "$(<"$token")" "$dir"; then die "cli: a token value in the CLI's output (in $dir)"; fi
    done
    rm -rf "$dir"
    log "cli: status --watch drew the bars and $verified verified images on a terminal; JSON, exit codes and tokens checked"
}

# cli_check_dependents_and_clean_up MIGRATION: after MIGRATION's cutover completed, with the seed's clone
# children on the old cluster ($STATE/seed/clones: "image-id pool/name" per clone): the migration's images
# (as the copier reported them to the planner) and the main job's dry run ($STATE/last-migration.dry-run.json)
# name every clone, `dependents` (listed live) names every one under its parent, `cleanup-plan` keeps their
# parents on the source; then, with leftovers planted on the target
# (a staging image, a marked copy and a manifest object no Glance image has, beside an unmarked image that
# is not ours), `cleanup --apply --only target-leftovers` removes exactly what the plan listed as leftovers
# and the unmarked image stays. Images Glance references staying intact is proven by the downloads after.
cli_check_dependents_and_clean_up() {
    local id=$1 dir clones image spec stray foreign rbd_new
    dir=$(mktemp -d)
    clones=$STATE/seed/clones
    [ -s "$clones" ] || die "cli: the seed made no clone children ($clones)"

    job_cli dependents "$id" >"$dir/dependents.json" || die "cli: dependents failed"
    job_cli cleanup-plan "$id" >"$dir/plan.json" || die "cli: cleanup-plan failed"
    job_cli images "$id" --all >"$dir/images.json" || die "cli: images failed"
    while read -r image spec; do
        # The migration's own view (the planner's ledger, as the copier reported when it copied the image).
        jq -e --arg image "$image" --arg spec "$spec" 'any(.items[]; .imageId == $image
            and any((.dependents // [])[]; (.pool + "/" + .image) == $spec))' "$dir/images.json" >/dev/null ||
            die "cli: the migration's images do not name $spec under image $image"
        jq -e --arg image "$image" --arg spec "$spec" 'any(.items[]; .imageId == $image
            and any(.dependents[]; (.pool + "/" + .image) == $spec))' "$dir/dependents.json" >/dev/null ||
            die "cli: dependents does not name $spec under image $image: $(cat "$dir/dependents.json")"
        jq -e --arg image "$image" --arg spec "$spec" 'any(.warnings[]; .imageId == $image and (.detail | contains($spec)))' \
            "$STATE/last-migration.dry-run.json" >/dev/null || die "cli: the dry run did not warn of $spec (image $image)"
        jq -e --arg image "$image" --arg spec "$spec" '(any(.source.kept[]; .imageId == $image
            and any(.reasons[]; contains($spec)))) and (all(.source.removable[]; .imageId != $image))' "$dir/plan.json" \
            >/dev/null || die "cli: cleanup-plan does not keep image $image for its clone $spec"
    done <"$clones"
    [ "$(jq '.dependents' "$dir/dependents.json")" -eq "$(wc -l <"$clones")" ] ||
        die "cli: dependents counts $(jq '.dependents' "$dir/dependents.json") clones, the seed made $(wc -l <"$clones")"

    # Leftovers planted on the target, as a crashed attempt or an image deleted since the plan leaves them:
    # the staging image of one of the migration's images, a copy marked for the migration that Glance does
    # not reference (its snapshot protected, as the copier leaves it) with its manifest; and an image that
    # is not the migrator's.
    rbd_new=(rbd --conf "$GM_CEPH_NEW_ADMIN_CONF")
    stray=$(uuidgen); foreign=not-ours-$(uuidgen)
    image=$(job_cli images "$id" --state verified --size 1 | jq -r '.items[0].imageId')
    "${rbd_new[@]}" create --size 1M "$GM_POOL/$image.glance-migrator-partial"
    "${rbd_new[@]}" create --size 1M "$GM_POOL/$stray"
    "${rbd_new[@]}" image-meta set "$GM_POOL/$stray" glance-migrator.source "old/$GM_POOL/$stray@snap" >/dev/null
    "${rbd_new[@]}" image-meta set "$GM_POOL/$stray" glance-migrator.migration "$id" >/dev/null
    "${rbd_new[@]}" image-meta set "$GM_POOL/$stray" glance-migrator.state complete >/dev/null
    "${rbd_new[@]}" snap create "$GM_POOL/$stray@snap" >/dev/null 2>&1
    "${rbd_new[@]}" snap protect "$GM_POOL/$stray@snap"
    echo leftover | rados --conf "$GM_CEPH_NEW_ADMIN_CONF" -p "$GM_POOL" put "glance-migrator.manifest.$stray" -
    "${rbd_new[@]}" create --size 1M "$GM_POOL/$foreign"

    job_cli cleanup-plan "$id" >"$dir/plan.json" || die "cli: cleanup-plan failed"
    jq -e --arg staging "$image.glance-migrator-partial" --arg stray "$stray" '[.target.leftovers[] | .kind + " " + .name]
        | (index("staging-image " + $staging) != null) and (index("unreferenced-copy " + $stray) != null)
        and (index("manifest-object glance-migrator.manifest." + $stray) != null)' "$dir/plan.json" >/dev/null ||
        die "cli: cleanup-plan does not list the planted leftovers: $(jq -c .target "$dir/plan.json")"
    if jq -e --arg foreign "$foreign" 'any(.target.leftovers[]; .name | contains($foreign))' "$dir/plan.json" >/dev/null; then
        die "cli: cleanup-plan lists $foreign, an image the migrator did not make"
    fi
    job_cli cleanup "$id" --apply --only target-leftovers >"$dir/applied.json" || die "cli: cleanup --apply failed"
    [ "$(jq -c '[.target.leftovers[].name] | sort' "$dir/plan.json")" = "$(jq -c '[.removed[].name] | sort' "$dir/applied.json")" ] ||
        die "cli: cleanup removed $(jq -c '[.removed[].name]' "$dir/applied.json"), the plan listed $(jq -c '[.target.leftovers[].name]' "$dir/plan.json")"
    "${rbd_new[@]}" info "$GM_POOL/$foreign" >/dev/null 2>&1 || die "cli: cleanup removed $foreign, which was not the migrator's"
    ! "${rbd_new[@]}" info "$GM_POOL/$stray" >/dev/null 2>&1 || die "cli: cleanup left the marked copy $stray"
    "${rbd_new[@]}" rm "$GM_POOL/$foreign" >/dev/null 2>&1
    log "cli: the migration's images, the dry run, dependents and cleanup-plan named all $(wc -l <"$clones") clones on old;" \
        "cleanup removed the $(jq '.removed | length' "$dir/applied.json") leftovers of the plan and nothing else"
    rm -rf "$dir"
}

# cli_check_identity MIGRATION: who may do what, against the stack's real Keystone, after the main job
# (which ran as the Keystone user `operator`, job_cli) completed MIGRATION: no credentials, a forged
# token and a revoked one are 401 at both services; Keystone down is 503 (never a verdict); the auditor
# (role `reader` only) reads both services through the CLI and the audit trail, and is refused a re-plan
# and a cutover dry run (403, exit 1, nothing re-planned); the audit trail names the operator (user,
# project, `keystone`) on the plan and on every cutover event of the migration.
# Needs keystone-token.sh, services.sh and stack.env's variables.
cli_check_identity() {
    local id=$1 cli=$REPO/deploy/local/glance-migrator planner cutover dir url code rc page=0 plans cutovers before deadline
    [ -n "${GM_KEYSTONE_CLOUDS:-}" ] || die "identity: stack.env names no Keystone (GM_KEYSTONE_CLOUDS)"
    planner=$(service_url planner-service); cutover=$(service_url cutover-service); dir=$(mktemp -d)

    for url in "$planner/migrations/$id" "$cutover/migrations/$id/cutover"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
        [ "$code" = 401 ] || die "identity: $url answered $code without credentials, not 401"
        code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Auth-Token: gAAAAAforged' "$url")
        [ "$code" = 401 ] || die "identity: $url answered $code to a forged token, not 401"
    done
    # A token revoked before the services saw it (one they validated is refused within gm.keystone.cache-time,
    # KeystoneCallersTest): issued apart from the scripts' cached one (its cache in $dir), revoked by its own user.
    GM_STACK_DIR=$dir keystone_token_file_for revoked-check "$GM_KEYSTONE_URL" "$GM_KEYSTONE_OPERATOR_USER" \
        "$GM_KEYSTONE_OPERATOR_PASSWORD_FILE" "$GM_KEYSTONE_OPERATOR_PROJECT" >"$dir/revoked.path" ||
        die "identity: no token for the operator"
    sed 's/^X-Auth-Token:/X-Subject-Token:/' "$(<"$dir/revoked.path")" >"$dir/subject.header"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H @"$(<"$dir/revoked.path")" -H @"$dir/subject.header" \
        "$GM_KEYSTONE_URL/auth/tokens")
    [ "$code" = 204 ] || die "identity: Keystone answered $code to the token's revocation, not 204"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H @"$(<"$dir/revoked.path")" "$planner/migrations/$id")
    [ "$code" = 401 ] || die "identity: the planner answered $code to a revoked token, not 401"

    # Keystone down is an outage, not a verdict: a token the planner has not validated yet is answered 503
    # (with Retry-After), and the same token is accepted once Keystone is back.
    GM_STACK_DIR=$dir keystone_token_file_for outage-check "$GM_KEYSTONE_URL" "$GM_KEYSTONE_AUDITOR_USER" \
        "$GM_KEYSTONE_AUDITOR_PASSWORD_FILE" "$GM_KEYSTONE_AUDITOR_PROJECT" >"$dir/outage.path" ||
        die "identity: no token for the auditor"
    "$GM_STACK_SCRIPT" stop keystone
    code=$(curl -s -o /dev/null -w '%{http_code}' -H @"$(<"$dir/outage.path")" "$planner/migrations/$id")
    "$GM_STACK_SCRIPT" start keystone
    [ "$code" = 503 ] || die "identity: the planner answered $code while Keystone was down, not 503"
    # Back: answered 200 within a few seconds (the service may wait a moment before it asks Keystone again).
    deadline=$((SECONDS + 30))
    until code=$(curl -s -o /dev/null -w '%{http_code}' -H @"$(<"$dir/outage.path")" "$planner/migrations/$id") &&
        [ "$code" = 200 ]; do
        { [ "$code" = 503 ] && [ $SECONDS -lt $deadline ]; } ||
            die "identity: the planner answered $code to a valid token once Keystone was back, not 200"
        sleep 1
    done

    # The auditor reads, and may not change anything.
    before=$(job_cli status "$id" | jq -c '[.plannedBy, .replannedBy]')
    OS_CLIENT_CONFIG_FILE=$GM_KEYSTONE_CLOUDS "$cli" --os-cloud gm-auditor -o json status "$id" >"$dir/auditor.json" ||
        die "identity: the auditor cannot read the migration's status"
    rc=0; OS_CLIENT_CONFIG_FILE=$GM_KEYSTONE_CLOUDS "$cli" --os-cloud gm-auditor replan "$id" >/dev/null \
        2>"$dir/auditor-replan.err" || rc=$?
    { [ "$rc" = 1 ] && grep -q 403 "$dir/auditor-replan.err"; } ||
        die "identity: the auditor's re-plan exited $rc, not 1 with a 403: $(cat "$dir/auditor-replan.err")"
    OS_CLIENT_CONFIG_FILE=$GM_KEYSTONE_CLOUDS "$cli" --os-cloud gm-auditor -o json cutover-status "$id" >/dev/null ||
        die "identity: the auditor cannot read the cutover's journal"
    rc=0; OS_CLIENT_CONFIG_FILE=$GM_KEYSTONE_CLOUDS "$cli" --os-cloud gm-auditor cutover "$id" --dry-run >/dev/null \
        2>"$dir/auditor-dry-run.err" || rc=$?
    { [ "$rc" = 1 ] && grep -q 403 "$dir/auditor-dry-run.err"; } ||
        die "identity: the auditor's cutover dry run exited $rc, not 1 with a 403: $(cat "$dir/auditor-dry-run.err")"
    [ "$(job_cli status "$id" | jq -c '[.plannedBy, .replannedBy]')" = "$before" ] ||
        die "identity: the auditor's refused re-plan changed who re-planned"
    job_cli status "$id" >"$dir/status.json"
    jq -e --arg by "${GM_KEYSTONE_OPERATOR_USER}@${GM_KEYSTONE_OPERATOR_PROJECT}" '.plannedBy == $by' "$dir/status.json" \
        >/dev/null || die "identity: the status does not say the operator planned: $(jq -c '{plannedBy, replannedBy}' "$dir/status.json")"

    # The audit trail, as the auditor reads it: the plan and every cutover event name the operator,
    # authenticated by Keystone.
    while :; do
        curl -fsS -H @"$(keystone_token_file auditor)" "$planner/migrations/$id/events?page=$page&size=500" \
            >"$dir/events.$page.json" || die "identity: the auditor cannot read the audit trail"
        [ "$(jq '.items | length' "$dir/events.$page.json")" -gt 0 ] || break
        page=$((page + 1))
    done
    jq -s '[.[].items[] | select(.type == "migration-planned" or (.type | startswith("cutover-")))]' \
        "$dir"/events.*.json >"$dir/acts.json"
    plans=$(jq '[.[] | select(.type == "migration-planned")] | length' "$dir/acts.json")
    cutovers=$(jq '[.[] | select(.type | startswith("cutover-"))] | length' "$dir/acts.json")
    { [ "$plans" -gt 0 ] && [ "$cutovers" -gt 0 ]; } ||
        die "identity: the audit trail holds $plans plan and $cutovers cutover events of the migration"
    jq -e --arg user "$GM_KEYSTONE_OPERATOR_USER" --arg project "$GM_KEYSTONE_OPERATOR_PROJECT" 'all(.[];
        .event.actor.userName == $user and .event.actor.projectName == $project and .event.actor.authMethod == "keystone")' \
        "$dir/acts.json" >/dev/null ||
        die "identity: events that do not name the operator: $(jq -c --arg user "$GM_KEYSTONE_OPERATOR_USER" \
            '[.[] | select(.event.actor.userName != $user) | {type, actor: .event.actor}]' "$dir/acts.json")"
    rm -rf "$dir"
    log "identity: 401 without, with a forged and with a revoked token, 503 while Keystone was down; the auditor reads and is refused changes;" \
        "$plans plan and $cutovers cutover events name ${GM_KEYSTONE_OPERATOR_USER}@${GM_KEYSTONE_OPERATOR_PROJECT} (keystone)"
}
