#!/usr/bin/env bash
# README's test command: brings the local stack up (installing what is missing), then runs every
# test, unit and integration, against it. Exits non-zero on any failure.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/deploy/local/stack.sh" up
cd "$repo"
mvn -B -Dstyle.color=never verify "$@"
