#!/usr/bin/env bash
# Bytes on the wire for a first visit and time to text and to interactive under a throttled
# phone profile, for each public page and the signed-in pages, in Chromium, against the release
# build with the demo data (embedded SQLite). Usage (after `cargo leptos build --release
# --precompress`):
#
#   .ci/bench/page_weight.sh
#
# Writes the figures to stdout and to .ci/bench/results/page_weight.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=3410
. .ci/bench/common.sh
work="$(mktemp -d)"
out=".ci/bench/results/page_weight.txt"
mkdir -p "$(dirname "$out")"
cleanup() {
  kill "${server:-0}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$work/demo.db?mode=rwc" ECPA_MAIL_DIR="$work/mail" ECPA_BIN="$BIN"
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site ECPA_UPLOAD_DIR="$work/uploads" \
  RUST_LOG=warn "$BIN" serve &
server=$!
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.05; done
node .ci/bench/page_weight.mjs "http://127.0.0.1:$PORT" "$out"
