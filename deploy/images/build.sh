#!/usr/bin/env bash
# The services' container images, built offline from Debian packages (no registry is pulled or
# reachable): a base image (Debian bookworm, OpenJDK 17 JRE, librbd1 and librados2, user `migrator`
# uid 10001) imported from a rootfs that mmdebstrap makes, and one image per service on it in the
# Quarkus fast-jar layout, all tagged with the project version.
#
# Usage: deploy/images/build.sh [SERVICE...]   (default: the four services; they must be built: mvn package)
#
# The rootfs is cached under $GM_CACHE_DIR/images (default /var/cache/glance-migrator/images) by a
# key of what goes into it, so a second build on the machine takes seconds; the base image is
# imported again only when its rootfs changed.
set -euo pipefail
images_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=deploy/images/lib/images.sh
. "$images_dir/lib/images.sh"

images_build "$@"
