# shellcheck shell=bash
# Keystone tokens for the stack's scripts (the seed, the main job, the benchmarks), sourced alone or
# with common.sh: needs curl, jq, and the stack's state dir (GM_STACK_DIR, else common.sh's STATE).
#
#   curl -H @"$(keystone_token_file operator)" "$GM_GLANCE_URL/v2/images"
#
# keystone_token_file WHO: the path of a file (mode 600, in the stack's secrets dir) holding the
# header `X-Auth-Token: <token>` of the stack's Keystone user WHO (operator, auditor, migrator or
# admin), scoped to WHO's project. The token is issued (POST /v3/auth/tokens) when there is none yet
# or it expires within 10 minutes, else reused, across scripts and subshells alike. WHO's name,
# password file and project, and Keystone's URL, come from the environment (GM_KEYSTONE_URL,
# GM_KEYSTONE_<WHO>_USER, _PASSWORD_FILE, _PROJECT), else from stack.env. The token is never printed:
# curl reads it from the file (-H @file), never from its command line.
#
# keystone_token WHO: the token itself on stdout, for a program that takes it from its environment or
# its standard input (never put it in argv or a log).

keystone_token_dir() { echo "${GM_STACK_DIR:-${STATE:?the stack state dir is not known}}/secrets/tokens"; }

# keystone_setting NAME: NAME from the environment, else from stack.env (quotes of a value removed).
keystone_setting() {
    local name=$1 env value
    if [ -n "${!name:-}" ]; then echo "${!name}"; return 0; fi
    env=${GM_STACK_DIR:-${STATE:?}}/stack.env
    value=$(sed -n "s/^$name=//p" "$env" 2>/dev/null | tail -1)
    value=${value#\'}; value=${value%\'}
    [ -n "$value" ] || { echo "keystone: $name is neither in the environment nor in $env (stack.sh up writes it)" >&2; return 1; }
    echo "$value"
}

keystone_token_file() {
    local who=${1:?keystone_token_file WHO} W url user password_file project
    W=${who^^}
    url=$(keystone_setting GM_KEYSTONE_URL) && user=$(keystone_setting "GM_KEYSTONE_${W}_USER") &&
        password_file=$(keystone_setting "GM_KEYSTONE_${W}_PASSWORD_FILE") &&
        project=$(keystone_setting "GM_KEYSTONE_${W}_PROJECT") || return 1
    keystone_token_file_for "$who" "$url" "$user" "$password_file" "$project"
}

# keystone_issues WHO: whether Keystone issues WHO a token now (it answers and reaches its database),
# never from the cache; the token is thrown away.
keystone_issues() {
    local W=${1^^} url user password_file project dir rc=0
    url=$(keystone_setting GM_KEYSTONE_URL) && user=$(keystone_setting "GM_KEYSTONE_${W}_USER") &&
        password_file=$(keystone_setting "GM_KEYSTONE_${W}_PASSWORD_FILE") &&
        project=$(keystone_setting "GM_KEYSTONE_${W}_PROJECT") || return 1
    dir=$(mktemp -d)
    GM_STACK_DIR=$dir keystone_token_file_for probe "$url" "$user" "$password_file" "$project" >/dev/null 2>&1 || rc=1
    rm -rf "$dir"
    return $rc
}

keystone_token() {
    local file; file=$(keystone_token_file "$@") || return 1
    sed -n 's/^X-Auth-Token: //p' "$file"
}

# keystone_token_file_for NAME URL USER PASSWORD_FILE PROJECT: keystone_token_file, given everything
# (cached as NAME).
keystone_token_file_for() {
    local name=$1 url=$2 user=$3 password_file=$4 project=$5 dir file expires headers body token
    dir=$(keystone_token_dir); file=$dir/$name.header
    expires=$(cat "$file.expires" 2>/dev/null) || expires=0
    if [ -s "$file" ] && [[ $expires =~ ^[0-9]+$ ]] && [ $((expires - $(date +%s))) -gt 600 ]; then
        echo "$file"; return 0
    fi
    (umask 077; mkdir -p "$dir")
    headers=$(mktemp "$dir/.response.XXXXXX"); body=$(mktemp "$dir/.response.XXXXXX")
    if ! jq -nc --arg user "$user" --rawfile pw "$password_file" --arg project "$project" '{auth: {
            identity: {methods: ["password"], password: {user: {name: $user, domain: {id: "default"}, password: ($pw | rtrimstr("\n"))}}},
            scope: {project: {name: $project, domain: {id: "default"}}}}}' |
        curl -sS --fail-with-body -D "$headers" -o "$body" -H 'Content-Type: application/json' -d @- "$url/auth/tokens"; then
        echo "keystone: no token for $user (project $project) from $url: $(jq -r '.error.message // .' "$body" 2>/dev/null)" >&2
        rm -f "$headers" "$body"; return 1
    fi
    token=$(tr -d '\r' <"$headers" | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *//p' | tail -1)
    expires=$(date -d "$(jq -r .token.expires_at "$body")" +%s) || expires=0
    rm -f "$headers" "$body"
    [ -n "$token" ] || { echo "keystone: $url issued no token for $user" >&2; return 1; }
    (umask 077; printf 'X-Auth-Token: %s\n' "$token" >"$file.$$"; echo "$expires" >"$file.expires.$$")
    mv "$file.$$" "$file"; mv "$file.expires.$$" "$file.expires"
    echo "$file"
}
