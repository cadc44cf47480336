# Shared set-up for scripts/run and scripts/test: installs what is missing, idempotently,
# on Debian/Ubuntu; elsewhere it only checks and says what to install (see README).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Build output lives outside the clone so repeated runs (and CI on the same machine)
# reuse it; a fresh machine simply builds from scratch.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/trellis/target}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
# ensure_apt PKG...: installs the Debian packages that are not installed yet.
ensure_apt() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        say "missing system packages: ${missing[*]} (install them with your package manager; see README)"
        return 1
    fi
    say "installing system packages: ${missing[*]}"
    if [ -z "$APT_UPDATED" ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust() {
    if ! command -v cargo >/dev/null; then
        say "Rust is not installed: install it from https://rustup.rs and run this again"
        return 1
    fi
    if command -v rustup >/dev/null; then
        for c in rustfmt clippy; do
            rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
        done
    fi
}

# What the core and the CLI need to build: a C compiler for the bundled SQLite.
ensure_build_deps() {
    if command -v dpkg-query >/dev/null; then
        ensure_apt build-essential pkg-config
    fi
    ensure_rust
}

# step NAME CMD...: runs one step and prints how long it took.
step() {
    local name="$1"; shift
    local start=$SECONDS
    say "$name"
    "$@"
    say "$name: done in $((SECONDS - start)) s"
}
