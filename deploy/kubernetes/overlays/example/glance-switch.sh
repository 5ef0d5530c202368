#!/bin/sh
# The cutover's `command` switch (cutover.glance.switch-kind=command) for a Glance deployed by
# OpenStack-Helm's glance chart: the glance-api pods mount the Ceph client conf from the ConfigMap
# the value ceph_client.configmap names (volume ceph-etc) and Glance's key from the Secret secrets.rbd
# names (volume ceph-keyring). `apply` points those two volumes of the Deployment at the target's
# ConfigMap and Secret, which the operator created beforehand, and waits for the rollout; `restore`
# points them back. Pool and cephx user stay as they are (this script refuses a target that changes
# the pool); glance-api.conf (the chart's glance-etc Secret) is not touched.
#
# Runs in the cutover's container with its service account, whose Role (glance-switch-rbac.yaml) allows
# exactly this: get, list, watch and patch of that one Deployment, get of the target's ConfigMap.
# Contract (see the root README, "The command switch"): exit 0 when done; `backup.<name>=<value>`
# lines are journaled and come back to `restore` as CUTOVER_BACKUP_<NAME>; a failed apply undoes
# itself; a re-run of apply with the same CUTOVER_TAG reports the state from before its first run.
set -eu

ns=${GLANCE_SWITCH_NAMESPACE:-openstack}
deployment=${GLANCE_SWITCH_DEPLOYMENT:-glance-api}
conf_volume=ceph-etc
keyring_volume=ceph-keyring
# The names mounted before a switch, with its tag, kept on the Deployment until the switch is restored.
annotation=glance-migrator.dev/switched-from
# A failed apply may roll out twice (forward, then back): both inside the cutover's switch-timeout
# (10 minutes by default).
rollout_timeout=${GLANCE_SWITCH_ROLLOUT_TIMEOUT:-4m}

fail() { echo "glance-switch: $*" >&2; exit 1; }

command -v kubectl >/dev/null 2>&1 ||
    fail "kubectl is not on the PATH of the cutover's container (deploy/kubernetes/README.md: the cutover image)"

# The root filesystem is read-only: kubectl's discovery cache goes to /tmp (an emptyDir).
k() { kubectl --cache-dir "${TMPDIR:-/tmp}/kube-cache" -n "$ns" "$@"; }

# The ConfigMap and Secret the pods mount now, as "<configmap> <secret>".
mounted() {
    k get deployment "$deployment" -o jsonpath="{.spec.template.spec.volumes[?(@.name==\"$conf_volume\")].configMap.name} {.spec.template.spec.volumes[?(@.name==\"$keyring_volume\")].secret.secretName}"
}

# point_at CONFIGMAP SECRET ANNOTATION_JSON: one patch (the pod template changes, so Kubernetes rolls
# the pods out), then wait until every pod runs it. Explicit returns: callers test it, and a shell
# does not apply `set -e` inside a function called from a condition.
point_at() {
    k patch deployment "$deployment" --type strategic -p "$(printf \
        '{"metadata":{"annotations":{"%s":%s}},"spec":{"template":{"spec":{"volumes":[{"name":"%s","configMap":{"name":"%s"}},{"name":"%s","secret":{"secretName":"%s"}}]}}}}' \
        "$annotation" "$3" "$conf_volume" "$1" "$keyring_volume" "$2")" >/dev/null || return 1
    k rollout status deployment "$deployment" --timeout "$rollout_timeout" || return 1
}

apply() {
    target_conf=glance-ceph-$CUTOVER_TARGET_CLUSTER
    target_keyring=glance-ceph-$CUTOVER_TARGET_CLUSTER-keyring
    [ "$CUTOVER_TARGET_POOL" = "$GM_POOL" ] ||
        fail "the target pool $CUTOVER_TARGET_POOL is not Glance's pool $GM_POOL: change conf.glance.rbd.rbd_store_pool with Helm instead"
    k get configmap "$target_conf" -o jsonpath='{.data.ceph\.conf}' | grep -q "$CUTOVER_TARGET_FSID" ||
        fail "ConfigMap $ns/$target_conf holds no ceph.conf naming the target's fsid $CUTOVER_TARGET_FSID"

    recorded=$(k get deployment "$deployment" -o jsonpath="{.metadata.annotations.glance-migrator\.dev/switched-from}")
    case $recorded in
        "$CUTOVER_TAG "*) before=${recorded#"$CUTOVER_TAG "} ;; # a re-run: what the first run found
        *) before=$(mounted) ;;
    esac
    before_conf=${before% *}
    before_keyring=${before#* }
    if [ -z "$before_conf" ] || [ -z "$before_keyring" ]; then
        fail "deployment $ns/$deployment has no volumes $conf_volume and $keyring_volume (is Glance's storage rbd?)"
    fi
    echo "backup.ceph_configmap=$before_conf"
    echo "backup.rbd_secret=$before_keyring"

    if point_at "$target_conf" "$target_keyring" "\"$CUTOVER_TAG $before_conf $before_keyring\""; then
        return 0
    fi
    echo "glance-switch: the rollout onto $target_conf and $target_keyring did not complete; back to $before_conf and $before_keyring" >&2
    point_at "$before_conf" "$before_keyring" null || echo "glance-switch: and going back failed too" >&2
    exit 1
}

restore() {
    : "${CUTOVER_BACKUP_CEPH_CONFIGMAP:?no backup.ceph_configmap was journaled for this switch}"
    : "${CUTOVER_BACKUP_RBD_SECRET:?no backup.rbd_secret was journaled for this switch}"
    point_at "$CUTOVER_BACKUP_CEPH_CONFIGMAP" "$CUTOVER_BACKUP_RBD_SECRET" null || fail "the rollout back did not complete"
}

case ${1:-} in
    apply) apply ;;
    restore) restore ;;
    *) fail "usage: $0 apply|restore" ;;
esac
