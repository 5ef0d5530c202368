#!/bin/sh
# A stand-in for kubectl in GlanceSwitchScriptTest: the API server's state for what glance-switch.sh
# touches, as files in $FAKE_STATE — the glance-api Deployment's two volume sources (configmap,
# secret) and its switched-from annotation, the ConfigMaps that exist (configmap-<name>). Every call
# is appended to $FAKE_STATE/calls. rollout-fails makes the next `rollout status` fail once.
set -eu
state=$FAKE_STATE
echo "$*" >>"$state/calls"
while [ $# -gt 0 ]; do
    case $1 in
        --cache-dir | -n) shift 2 ;;
        *) break ;;
    esac
done
case "$1 $2" in
    "get deployment")
        case "$*" in
            *annotations*) cat "$state/annotation" 2>/dev/null || true ;;
            *) printf '%s %s' "$(cat "$state/configmap")" "$(cat "$state/secret")" ;;
        esac ;;
    "get configmap")
        [ -f "$state/configmap-$3" ] || { echo "Error from server (NotFound): configmaps \"$3\" not found" >&2; exit 1; }
        cat "$state/configmap-$3" ;;
    "patch deployment")
        patch=$(printf '%s' "$*" | sed 's/.* -p //')
        printf '%s' "$patch" | sed -n 's/.*"configMap":{"name":"\([^"]*\)".*/\1/p' >"$state/configmap"
        printf '%s' "$patch" | sed -n 's/.*"secretName":"\([^"]*\)".*/\1/p' >"$state/secret"
        annotation=$(printf '%s' "$patch" | sed -n 's/.*switched-from":\(null\|"[^"]*"\).*/\1/p')
        case $annotation in
            null) rm -f "$state/annotation" ;;
            *) printf '%s' "$annotation" | sed 's/^"//; s/"$//' >"$state/annotation" ;;
        esac ;;
    "rollout status")
        if [ -f "$state/rollout-fails" ]; then
            rm "$state/rollout-fails"
            echo "error: timed out waiting for the condition" >&2
            exit 1
        fi
        echo "deployment \"glance-api\" successfully rolled out" ;;
    *) echo "fake kubectl: unexpected call: $*" >&2; exit 3 ;;
esac
