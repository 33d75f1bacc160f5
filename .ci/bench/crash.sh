#!/usr/bin/env bash
# Crash safety: the deadline rush against a release build while the server is killed with
# SIGKILL ten times and restarted at once, on SQLite and on PostgreSQL. The rush retries what did
# not get an answer, as a browser's autosave does, and at the end every entry must hold exactly
# what was acknowledged: every save once, every submission once, every receipt once.
# Usage (after `cargo leptos build --release`):
#
#   .ci/bench/crash.sh [applicants] [window seconds] [kills]
#
# PostgreSQL: postgres://postgres@127.0.0.1:5432 (trust auth), a new database per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-300}"
WINDOW="${2:-60}"
KILLS="${3:-10}"
PORT=3500
. .ci/bench/common.sh rush
work="$(mktemp -d)"
trap 'kill -9 "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

start() {
  DATABASE_URL="$1" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
    ECPA_MAIL_DIR="$work/mail" ECPA_UPLOAD_DIR="$work/uploads" RUST_LOG=error \
    "$BIN" serve --no-demo &
  server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.02; done
}

run() {
  local name="$1" url="$2"
  DATABASE_URL="$url" "$BIN" migrate >/dev/null
  start "$url"
  "$RUSH" --base "http://127.0.0.1:$PORT" --database-url "$url" --applicants "$N" \
    --window "$WINDOW" --retry >"$work/$name.out" 2>"$work/$name.err" &
  local rush=$!
  # Let the preparation and the logins finish, then kill during the timed phase.
  until grep -q '^rush:' "$work/$name.err" 2>/dev/null; do sleep 0.2; done
  local downtime_ms=0
  for i in $(seq "$KILLS"); do
    sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 1 + rand() * 3 }')"
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    local t0; t0=$(date +%s%N)
    start "$url"
    downtime_ms=$((downtime_ms + ($(date +%s%N) - t0) / 1000000))
  done
  local status=0
  wait "$rush" || status=$?
  printf '%s: %d kills (restart to first 200: %d ms on average): ' "$name" "$KILLS" $((downtime_ms / KILLS))
  cat "$work/$name.out"
  kill "$server"; wait "$server" 2>/dev/null || true
  return $status
}

run sqlite "sqlite://$work/crash.db?mode=rwc"
db="ecpa_crash_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $db" >/dev/null
run postgres "postgres://postgres@127.0.0.1:5432/$db"
psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
