#!/usr/bin/env bash
# The deadline rush against a release build on loopback, on SQLite and on PostgreSQL:
# 1,000 applicants each autosave 10 times and submit, within 60 s. Prints p50, p99, errors and
# lost writes per database. Usage (after `cargo leptos build --release`):
#
#   .ci/bench/deadline_rush.sh [applicants] [window seconds]
#
# PostgreSQL: postgres://postgres@127.0.0.1:5432 (trust auth), a new database per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"
WINDOW="${2:-60}"
PORT=3300
. .ci/bench/common.sh rush
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

run() {
  local name="$1" url="$2"
  DATABASE_URL="$url" "$BIN" migrate >/dev/null
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
    ECPA_MAIL_DIR="$work/mail-$name" ECPA_UPLOAD_DIR="$work/uploads" RUST_LOG=warn \
    "$BIN" serve --no-demo &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done
  printf '%s: ' "$name"
  "$RUSH" --base "http://127.0.0.1:$PORT" --database-url "$url" --applicants "$N" --window "$WINDOW"
  kill "$server"; wait "$server" 2>/dev/null || true
}

run sqlite "sqlite://$work/rush.db?mode=rwc"
db="ecpa_rush_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $db" >/dev/null
run postgres "postgres://postgres@127.0.0.1:5432/$db"
psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
