#!/usr/bin/env bash
# A database outage under load: the deadline rush (with retries) and a reader run against a
# release build on PostgreSQL while PostgreSQL itself is restarted three times. The reader
# counts the answers it gets (200, 503, other) and how long the portal took to answer 200 again
# after each restart; the rush checks afterwards that every acknowledged write is there.
# Usage (after `cargo leptos build --release`; restarts the machine's PostgreSQL cluster):
#
#   .ci/bench/db_outage.sh [applicants] [window seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-300}"
WINDOW="${2:-60}"
PORT=3600
CLUSTER="$(ls /etc/postgresql | head -n1)"
. .ci/bench/common.sh rush
work="$(mktemp -d)"
trap 'kill "${server:-0}" "${reader:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

db="ecpa_outage_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE $db" >/dev/null
url="postgres://postgres@127.0.0.1:5432/$db"
DATABASE_URL="$url" "$BIN" migrate >/dev/null
DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
  ECPA_MAIL_DIR="$work/mail" ECPA_UPLOAD_DIR="$work/uploads" RUST_LOG=error \
  "$BIN" serve --no-demo >"$work/server.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.05; done

# The reader: a page that always reads the database (a query string skips the page cache).
(
  while true; do
    printf '%s %s\n' "$(date +%s%N)" \
      "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$PORT/news?reader=1")"
    sleep 0.05
  done
) >"$work/reader.log" &
reader=$!

"$RUSH" --base "http://127.0.0.1:$PORT" --database-url "$url" --applicants "$N" \
  --window "$WINDOW" --retry >"$work/rush.out" 2>"$work/rush.err" &
rush=$!
until grep -q '^rush:' "$work/rush.err" 2>/dev/null; do sleep 0.2; done
restarts=()
for _ in 1 2 3; do
  sleep 8
  restarts+=("$(date +%s%N)")
  pg_ctlcluster --skip-systemctl-redirect "$CLUSTER" main restart
done
status=0
wait "$rush" || status=$?
sleep 2
kill "$reader"; wait "$reader" 2>/dev/null || true

echo "PostgreSQL restarted 3 times under the rush and the reader:"
awk '{ c[$2]++ } END { for (s in c) printf "  reader answers %s: %d\n", s, c[s] }' "$work/reader.log" | sort
# Per restart: when the first answer other than 200 came, and when 200 came back after it.
for r in "${restarts[@]}"; do
  awk -v r="$r" '
    $1 > r + 5e9 && !down { exit }
    $1 > r && $2 != "200" && !down { down = $1; what = $2 }
    down && $2 == "200" { back = $1; exit }
    END {
      if (!down) print "  restart: no answer other than 200 within 5 s"
      else printf "  restart: first %s after %.2f s, 200 again %.2f s after that\n", what, (down - r) / 1e9, (back - down) / 1e9
    }' "$work/reader.log"
done
printf '  rush with retries: '
cat "$work/rush.out"
kill "$server"; wait "$server" 2>/dev/null || true
psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
exit $status
