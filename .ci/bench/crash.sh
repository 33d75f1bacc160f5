#!/usr/bin/env bash
# The deadline minute with crashes: the deadline rush against a release build, on SQLite and on
# PostgreSQL, while the server is killed with SIGKILL and restarted at once. The year closes at
# the end of the window, so the deadline reminders are due and go out when the server starts,
# into the same outbox as the receipts. Mail goes to an SMTP sink in the rush process.
#
# The rush retries what did not get an answer, as a browser's autosave does, with at most 64
# requests at a time. At the end every entry must hold exactly what was acknowledged: every save
# once, every submission once, one receipt row each. At the sink a receipt may arrive twice only
# across a kill (accepted by the sink, not yet recorded by the killed instance); the rush counts
# those apart, with how long before the kill the first copy was accepted. It reports the acknowledged rate, p50 and p99
# of the acknowledged tries, the retries by what they got, the longest stretch with nothing
# acknowledged (leaving out each kill to the first answer after it), who missed the deadline,
# and the delay from each acknowledged submit to its receipt at the sink.
# Usage (after `cargo leptos build --release`):
#
#   [KEEP=1] .ci/bench/crash.sh [applicants] [window seconds] [kills]
#
# PostgreSQL: postgres://postgres@127.0.0.1:5432 (trust auth), a new database per run.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-500}"
WINDOW="${2:-60}"
KILLS="${3:-2}"
PORT=3500
SMTP_PORT=2650
. .ci/bench/common.sh rush
work="$(mktemp -d)"
# KEEP=1 keeps the servers' logs and the rush's output in $work, and says where.
trap 'kill -9 "${server:-0}" 2>/dev/null || true
      if [ -n "${KEEP:-}" ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }

start() {
  DATABASE_URL="$1" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
    ECPA_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" ECPA_MAIL_DIR="$work/mail" \
    ECPA_UPLOAD_DIR="$work/uploads" RUST_LOG=info \
    "$BIN" serve --no-demo >>"$work/server-$2.log" 2>&1 &
  server=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.02; done
}

run() {
  local name="$1" url="$2"
  DATABASE_URL="$url" "$BIN" migrate >/dev/null
  start "$url" "$name"
  : >"$work/$name.restarts"
  "$RUSH" --base "http://127.0.0.1:$PORT" --database-url "$url" --applicants "$N" \
    --window "$WINDOW" --retry --deadline --concurrency 64 --smtp-port "$SMTP_PORT" \
    --restarts "$work/$name.restarts" >"$work/$name.out" 2>"$work/$name.err" &
  local rush=$!
  # Let the preparation and the logins finish, then kill at even times within the window.
  until grep -q '^rush:' "$work/$name.err" 2>/dev/null; do sleep 0.05; done
  local t0=$SECONDS downtime_ms=0
  for i in $(seq "$KILLS"); do
    local wait=$(( t0 + WINDOW * i / (KILLS + 1) - SECONDS ))
    [ "$wait" -le 0 ] || sleep "$wait"
    local killed; killed=$(ms)
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    start "$url" "$name"
    local up; up=$(ms)
    echo "$killed $up" >>"$work/$name.restarts"
    downtime_ms=$((downtime_ms + up - killed))
  done
  local status=0
  wait "$rush" || status=$?
  printf '%s: %d kills (kill to first 200: %d ms on average)\n' "$name" "$KILLS" $((downtime_ms / (KILLS > 0 ? KILLS : 1)))
  cat "$work/$name.out"
  grep -hoE 'deadline reminders (done|failed).*' "$work/server-$name.log" | sed 's/^/  server: /' | sort | uniq -c || true
  grep -hE 'pool timed out|database is locked|acquired_after|mail worker|recorded as sent long after|could not renew' "$work/server-$name.log" | head -6 | sed 's/^/  server: /' || true
  [ "$status" -eq 0 ] || { sed 's/^/  /' "$work/$name.err" | tail -12; }
  kill "$server"; wait "$server" 2>/dev/null || true
  return $status
}

status=0
run sqlite "sqlite://$work/crash.db?mode=rwc" || status=1
db="ecpa_crash_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $db" >/dev/null
run postgres "postgres://postgres@127.0.0.1:5432/$db" || status=1
psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
exit $status
