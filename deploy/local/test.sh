#!/usr/bin/env bash
# README's test command: a fresh local stack (installing what is missing), the main job end to end
# (e2e.sh), then every test, unit and integration, against the stack. Exits non-zero on any failure.
# The stack is reset first: tests leave images behind, and the end-to-end run needs a clean Glance.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/deploy/local/stack.sh" reset
"$repo/deploy/local/stack.sh" up
"$repo/deploy/local/e2e.sh"
cd "$repo"
mvn -B -Dstyle.color=never verify "$@"
