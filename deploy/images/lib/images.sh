# shellcheck shell=bash
# Building the images (build.sh) and naming them (the stack's fleet, the benchmarks): sourced.

IMAGES_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
IMAGES_CACHE=${GM_CACHE_DIR:-/var/cache/glance-migrator}/images
IMAGES_SERVICES=(planner-service copier-service verifier-service cutover-service)
# Debian's packages for the base: the JRE, and the Ceph client libraries the services load through
# JNA (librbd1 brings librados2); Ceph Pacific as on the hosts (bookworm's 16.2).
IMAGES_PACKAGES=openjdk-17-jre-headless,librbd1,ca-certificates
IMAGES_SUITES=(bookworm bookworm-updates)
IMAGES_MIRROR=${GM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGES_SECURITY_MIRROR=${GM_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# The services' user in every image (and the owner of what they may write): a fixed uid, so that
# mounted files and Kubernetes' runAsUser can name it.
IMAGES_UID=10001
export CONTAINERS_CONF=$IMAGES_REPO/deploy/images/containers.conf

images_log() { printf '[images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
images_die() { images_log "ERROR: $*"; exit 1; }

# The project version, from the root pom (its first <version> is the project's own).
images_version() { sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$IMAGES_REPO/pom.xml" | head -1; }

image_name() { echo "localhost/glance-migrator/$1:$(images_version)"; }

images_install_tools() {
    command -v podman >/dev/null && command -v mmdebstrap >/dev/null && command -v runc >/dev/null && return 0
    images_log "installing podman, buildah, mmdebstrap, runc"
    local apt_log; apt_log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q podman buildah mmdebstrap runc; } >"$apt_log" 2>&1 ||
        images_die "apt-get install failed (see $apt_log)"
    rm -f "$apt_log"
}

# The base rootfs's cache key: everything that decides its content but the mirror's day.
images_rootfs_key() {
    printf '%s\n' "$IMAGES_PACKAGES" "${IMAGES_SUITES[*]}" "$IMAGES_UID" "$(declare -f images_make_rootfs)" |
        sha256sum | cut -c1-16
}

images_make_rootfs() {
    local out=$1 sources
    sources=$(for suite in "${IMAGES_SUITES[@]}"; do echo "deb $IMAGES_MIRROR $suite main"; done
              echo "deb $IMAGES_SECURITY_MIRROR bookworm-security main")
    # No recommends, no docs (man pages stay: the JRE's alternatives link them): a runtime, not a
    # workstation. The user is made inside the rootfs; hooks get its path as $1 (hence single quotes).
    # shellcheck disable=SC2016
    mmdebstrap --format=tar --variant=apt --include="$IMAGES_PACKAGES" \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --customize-hook="chroot \"\$1\" groupadd --system --gid $IMAGES_UID migrator" \
        --customize-hook="chroot \"\$1\" useradd --system --uid $IMAGES_UID --gid $IMAGES_UID --home-dir /deployments --create-home --shell /usr/sbin/nologin migrator" \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
        bookworm "$out" <<<"$sources"
}

# images_base: the base image, imported from the cached rootfs (made when missing).
images_base() {
    local key tar base
    key=$(images_rootfs_key); tar=$IMAGES_CACHE/rootfs-$key.tar; base=$(image_name base)
    if [ ! -s "$tar" ]; then
        mkdir -p "$IMAGES_CACHE"
        images_log "making the base rootfs with mmdebstrap (once per machine: cached as $tar)"
        images_make_rootfs "$tar.partial" >"$IMAGES_CACHE/mmdebstrap.log" 2>&1 ||
            images_die "mmdebstrap failed (see $IMAGES_CACHE/mmdebstrap.log)"
        mv "$tar.partial" "$tar"
    fi
    if [ "$(podman image inspect --format '{{index .Labels "dev.glancemigrator.rootfs"}}' "$base" 2>/dev/null)" != "$key" ]; then
        images_log "importing $base"
        podman import --quiet \
            --change "LABEL dev.glancemigrator.rootfs=$key" \
            --change "ENV LANG=C.UTF-8" \
            --change "USER $IMAGES_UID" --change "WORKDIR /deployments" \
            "$tar" "$base" >/dev/null
    fi
    echo "$base"
}

images_build() {
    local base svc services=("$@")
    [ ${#services[@]} -gt 0 ] || services=("${IMAGES_SERVICES[@]}")
    images_install_tools
    base=$(images_base)
    for svc in "${services[@]}"; do
        [ -f "$IMAGES_REPO/$svc/target/quarkus-app/quarkus-run.jar" ] ||
            images_die "$svc is not built: mvn package -DskipTests first"
        images_log "building $(image_name "$svc")"
        podman build --quiet --pull=never --file "$IMAGES_REPO/deploy/images/Containerfile" \
            --build-arg BASE="$base" --build-arg SERVICE="$svc" --build-arg VERSION="$(images_version)" \
            --tag "$(image_name "$svc")" "$IMAGES_REPO" >/dev/null ||
            images_die "podman build of $svc failed"
    done
}
