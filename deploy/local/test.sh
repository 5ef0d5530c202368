#!/usr/bin/env bash
# README's test command: every script checked by shellcheck, a fresh local stack with three copier
# hosts (installing what is missing; the images built), the main job end to end (e2e.sh), then every
# test, unit and integration, against the stack. Exits non-zero on any failure.
# The stack is reset first: tests leave images behind, and the end-to-end run needs a clean Glance.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)

# Shellcheck (from Debian, installed when missing, as stack.sh installs the stack's packages).
if ! dpkg-query -W -f='${Status}' shellcheck 2>/dev/null | grep -q 'ok installed'; then
    echo "[test] installing shellcheck" >&2
    apt_log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends shellcheck >"$apt_log" 2>&1 ||
        { echo "[test] ERROR: apt-get install shellcheck failed (see $apt_log)" >&2; exit 1; }
    rm -f "$apt_log"
fi
# Every shell script of the repository; .shellcheckrc makes it follow what they source.
(cd "$repo" && shellcheck deploy/local/*.sh deploy/local/glance-migrator deploy/local/lib/*.sh deploy/images/*.sh deploy/images/lib/*.sh \
    deploy/kubernetes/overlays/example/*.sh deploy/kubernetes/src/test/resources/dev/glancemigrator/kubernetes/*.sh bench/*.sh .ci/run) ||
    { echo "[test] ERROR: shellcheck found problems in the scripts (above)" >&2; exit 1; }

"$repo/deploy/local/stack.sh" reset
# Three copier hosts (containers): the main job, its faults and the fleet tests run across them.
"$repo/deploy/local/stack.sh" up --hosts 3
"$repo/deploy/local/e2e.sh"
cd "$repo"
mvn -B -Dstyle.color=never verify "$@"
