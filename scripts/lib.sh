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

# What the desktop app needs to build (Tauri on Linux: WebKitGTK 4.1 and friends).
DESKTOP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev
    libayatana-appindicator3-dev librsvg2-dev pkg-config)
# What the end-to-end tests need: a headless X server and WebKit's WebDriver; and
# poppler-utils, with which the tests read exported PDFs; xdotool, which answers the
# native save dialog the way a person would.
E2E_PACKAGES=(xvfb xauth webkit2gtk-driver imagemagick poppler-utils xdotool strace)

ensure_node() {
    if ! command -v npm >/dev/null; then
        if command -v apt-get >/dev/null; then
            ensure_apt nodejs npm
        else
            say "Node.js 20+ and npm are needed: install them and run this again"
            return 1
        fi
    fi
}

# Installs the UI's npm packages when package-lock.json changed since the last install.
ensure_ui_deps() {
    ensure_node
    local stamp="$ROOT/ui/node_modules/.trellis-lock-stamp"
    if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
        say "installing the UI's npm packages"
        # `npm install`, not `npm ci`: with this machine's omit-lockfile-registry-resolved
        # setting, npm ci trips over the optional per-platform packages of @tauri-apps/cli.
        (cd "$ROOT/ui" && npm install --no-audit --no-fund --loglevel=error)
        cp "$ROOT/ui/package-lock.json" "$stamp"
    fi
}

ensure_desktop_deps() {
    ensure_build_deps
    if command -v dpkg-query >/dev/null; then
        ensure_apt "${DESKTOP_PACKAGES[@]}"
    fi
    ensure_ui_deps
}

# tauri-driver bridges WebDriver to the app's WebKitWebDriver (2.x, from crates.io);
# Java runs the Nu HTML Checker (vnu-jar, an npm package) on exported HTML.
ensure_e2e_deps() {
    if command -v dpkg-query >/dev/null; then
        ensure_apt "${E2E_PACKAGES[@]}"
        command -v java >/dev/null || ensure_apt default-jre-headless
    fi
    if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
        say "installing tauri-driver"
        cargo install tauri-driver --locked --version '^2' --quiet
    fi
}

# cargo-deny checks the dependency policy (deny.toml): licenses, banned crates, sources.
ensure_cargo_deny() {
    if ! command -v cargo-deny >/dev/null && [ ! -x "$HOME/.cargo/bin/cargo-deny" ]; then
        say "installing cargo-deny"
        cargo install cargo-deny --locked --version '^0.20' --quiet
    fi
}

tauri_cli() {
    (cd "$ROOT" && "$ROOT/ui/node_modules/.bin/tauri" "$@")
}
