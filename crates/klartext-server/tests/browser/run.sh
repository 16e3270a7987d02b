#!/usr/bin/env bash
# Browser test of the page served by `klartext serve`: installs Debian's Chromium
# (apt-get) and playwright-core (npm, into this directory) when missing, builds the
# binary, starts the service on a free loopback port, runs page.test.mjs against it and
# stops it. The screenshot goes to target/browser/page.png (or $SCREENSHOT).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
cd "$root"

if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium
fi
export CHROMIUM="$(command -v "${CHROMIUM:-chromium}")"
if [ ! -d "$here/node_modules/playwright-core" ]; then
    (cd "$here" && npm install --no-audit --no-fund --silent)
fi

cargo build -q -p klartext-cli
target_dir="${CARGO_TARGET_DIR:-$root/target}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$target_dir/debug/klartext" serve --addr "127.0.0.1:$port" --workers 1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

screenshot="${SCREENSHOT:-$target_dir/browser/page.png}"
mkdir -p "$(dirname "$screenshot")"
node "$here/page.test.mjs" "http://127.0.0.1:$port" "$root/crates/klartext-server/tests/fixtures/article.html" "$screenshot"
