#!/usr/bin/env bash
# Public pages against the physical limit, on loopback, in one run: the release build serves the
# home page and the 2022 results (demo data, embedded SQLite), and nginx serves the same bytes as
# static files, precompressed once (brotli_static, gzip_static); wrk drives each at 64
# connections, with `Accept-Encoding: br, gzip` as every browser sends it, and without. Also the
# portal's idle memory, its cold start to the first 200 on an empty database, the wasm bundle
# as served, and the HTML size of each public page. Usage (after `cargo leptos build --release
# --precompress`):
#
#   .ci/bench/public_pages.sh [seconds per run]
#
# Writes the figures to stdout and to .ci/bench/results/public_pages.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS="${1:-10}"
PORT=3400
NGINX_PORT=3401
. .ci/bench/common.sh
for tool in wrk nginx brotli; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
    echo "installing $tool" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    /usr/sbin/nginx -s stop >/dev/null 2>&1 || true
  }
done
BROTLI_STATIC=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$BROTLI_STATIC" ] || {
  echo "installing nginx's brotli_static module" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null
  /usr/sbin/nginx -s stop >/dev/null 2>&1 || true
}
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
work="$(mktemp -d)"
chmod 755 "$work"   # nginx workers run as another user
out=".ci/bench/results/public_pages.txt"
mkdir -p "$(dirname "$out")"
cleanup() {
  kill "${server:-0}" "${ngx:-0}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_portal() {
  DATABASE_URL="$1" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
    ECPA_MAIL_DIR="$work/mail" ECPA_UPLOAD_DIR="$work/uploads" RUST_LOG=warn \
    "$BIN" serve "${@:2}" &
  server=$!
}

stop_portal() {
  kill "$server"; wait "$server" 2>/dev/null || true
}

# Cold start: spawn to the first 200 on an empty SQLite file (created and migrated at start).
started=$(date +%s%N)
start_portal "sqlite://$work/cold.db?mode=rwc" --no-demo
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.005; done
cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))
stop_portal

start_portal "sqlite://$work/demo.db?mode=rwc"
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.05; done
sleep 2
idle_kb=$(ps -o rss= -p "$server" | tr -d ' ')

# The same bytes for nginx: what an anonymous visitor gets.
mkdir -p "$work/www/competitions"
curl -sf "http://127.0.0.1:$PORT/" -o "$work/www/index.html"
curl -sf "http://127.0.0.1:$PORT/competitions/2022" -o "$work/www/competitions/2022.html"
for f in "$work/www/index.html" "$work/www/competitions/2022.html"; do
  brotli -k -q 11 "$f"
  gzip -k -9 "$f"
done
cat >"$work/nginx.conf" <<EOF
load_module $BROTLI_STATIC;
worker_processes 2; daemon off; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $work/b; proxy_temp_path $work/p; fastcgi_temp_path $work/f;
  uwsgi_temp_path $work/u; scgi_temp_path $work/s;
  types { text/html html; }
  gzip_static on; brotli_static on; gzip_vary on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
    location = / { try_files /index.html =404; }
    location = /competitions/2022 { try_files /competitions/2022.html =404; }
  }
}
EOF
"$NGINX" -c "$work/nginx.conf" -p "$work" &
ngx=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.05; done
curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/" || { echo "nginx did not start:" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

# Prints "requests/s p99-ms" of one wrk run; a second argument is sent as Accept-Encoding.
measure() {
  local header=()
  [ -n "${2:-}" ] && header=(-H "Accept-Encoding: $2")
  wrk -t2 -c64 -d"${SECS}s" --latency "${header[@]}" "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
    END { printf "%.0f %.2f\n", rps, p99 }'
}

{
  echo "# public pages, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c64 -d${SECS}s on loopback"
  printf '%-20s %-10s %12s %10s %12s %10s %8s %8s\n' page encoding portal_rps p99_ms nginx_rps p99_ms rps_x p99_x
  # Both sides must answer in the encoding asked for, or the comparison is not the same bytes.
  for enc in br gzip; do
    got=$(curl -s -o /dev/null -D - -H "Accept-Encoding: $enc" "http://127.0.0.1:$PORT/" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding" {print $2}')
    [ "$got" = "$enc" ] || { echo "the portal answered $enc with '$got'" >&2; exit 1; }
    got=$(curl -s -o /dev/null -D - -H "Accept-Encoding: $enc" "http://127.0.0.1:$NGINX_PORT/" | tr -d '\r' | awk -F': ' 'tolower($1)=="content-encoding" {print $2}')
    [ "$got" = "$enc" ] || { echo "nginx answered $enc with '$got'" >&2; exit 1; }
  done
  for path in / /competitions/2022; do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$path" # warm the cache
    for enc in "br, gzip" ""; do
      read -r prps pp99 < <(measure "http://127.0.0.1:$PORT$path" "$enc")
      read -r nrps np99 < <(measure "http://127.0.0.1:$NGINX_PORT$path" "$enc")
      awk -v p="$path" -v e="${enc:-none}" -v a="$prps" -v b="$pp99" -v c="$nrps" -v d="$np99" \
        'BEGIN { printf "%-20s %-10s %12d %10.2f %12d %10.2f %8.2f %8.2f\n", p, e, a, b, c, d, a / c, b / d }'
    done
  done
  # For comparison: the same pages rendered from the database on every request (a query
  # string skips the cache), which is what the cache saves.
  for path in / /competitions/2022; do
    read -r prps pp99 < <(measure "http://127.0.0.1:$PORT$path?uncached=1")
    printf '%-20s %12d %10.2f   (rendered on every request, no cache)\n' "$path" "$prps" "$pp99"
  done
  echo
  echo "idle RSS after start and warm-up: $((idle_kb / 1024)) MB ($idle_kb KB)"
  echo "cold start to first 200 on an empty SQLite: $cold_ms ms"
  wasm="$(ls target/site/pkg/*.wasm | head -n1)"
  raw=$(stat -c %s "$wasm")
  br=$(stat -c %s "$wasm.br" 2>/dev/null || brotli -c -q 11 "$wasm" | wc -c)
  echo "islands wasm (signed-in pages only): $((raw / 1024)) KB raw, $((br / 1024)) KB as served (brotli)"
  echo "HTML per public page (bytes, uncompressed / brotli q11):"
  for path in / /en /competitions/2022 /archive /news /news/rri-vinner-ecpa-2022 /events \
    /events/webbinarium-vald-i-nara-relationer /accessibility; do
    curl -sf "http://127.0.0.1:$PORT$path" -o "$work/page.html"
    printf '  %-45s %7d %7d\n' "$path" "$(stat -c %s "$work/page.html")" "$(brotli -c -q 11 "$work/page.html" | wc -c)"
  done
} | tee "$out"
