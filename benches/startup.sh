#!/usr/bin/env bash
# Startup benchmark of the release desktop app under Xvfb (a report, not a test):
# - ms from process start to Today rendered, on the demo journal (30 mentees, 10 years)
# - the same for the binary showing a blank page (the floor)
# - total memory (PSS of the app and its WebKit processes) after it settles
# Usage: benches/startup.sh [runs]   (builds the release app first)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
RUNS="${1:-7}"

ensure_desktop_deps
ensure_apt xvfb xauth
tauri_cli build --no-bundle >/dev/null
cargo build --release --locked -p trellis-cli --quiet
APP="$CARGO_TARGET_DIR/release/trellis-desktop"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"; kill $XVFB 2>/dev/null' EXIT
"$CARGO_TARGET_DIR/release/trellis" --journal "$WORK/demo.db" demo --mentees 30 --years 10 --seed 1 >/dev/null
DISPLAY_NUM=":$((200 + RANDOM % 200))"
Xvfb "$DISPLAY_NUM" -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
sleep 1

python3 - "$APP" "$WORK" "$DISPLAY_NUM" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time

app, work, display, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=f"{work}/xdg", TRELLIS_JOURNAL=f"{work}/demo.db")

def once(mode):
    start = time.perf_counter()
    p = subprocess.Popen([app], env=dict(env, TRELLIS_STARTUP_PROBE=mode),
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in p.stderr:
        if line.startswith("trellis-startup-probe"):
            ms = (time.perf_counter() - start) * 1000
            break
    else:
        raise SystemExit(f"no probe line from {mode}")
    p.wait(timeout=20)
    return ms

def tree(pid):
    kids = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid] + [q for k in kids for q in tree(int(k))]

def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(l.split()[1]) for l in f if l.startswith("Pss:"))
    except OSError:
        return 0

once("exit")  # warm the page cache once, as a laptop that has run the app before
for mode, label in (("exit", "Today rendered (demo journal, 30 mentees, 10 years)"), ("blank", "blank page (floor)")):
    t = sorted(once(mode) for _ in range(runs))
    print(f"{label}: median {statistics.median(t):.0f} ms, min {t[0]:.0f}, max {t[-1]:.0f} ({runs} runs)")

p = subprocess.Popen([app], env=dict(env, TRELLIS_STARTUP_PROBE="stay"),
                     stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
time.sleep(8)
pids = tree(p.pid)
names = {}
for q in pids:
    try:
        names[q] = open(f"/proc/{q}/comm").read().strip()
    except OSError:
        pass
total = sum(pss_kib(q) for q in pids)
print("memory after 8 s (PSS): " + ", ".join(f"{names.get(q, q)} {pss_kib(q)/1024:.0f} MiB" for q in pids)
      + f"; total {total/1024:.0f} MiB")
p.terminate()
p.wait(timeout=10)
PY
