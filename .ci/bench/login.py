#!/usr/bin/env python3
"""Login latency against a release build on loopback.

Starts `ecpa serve` on a fresh SQLite database, creates one account with `ecpa create-admin`,
then logs in N times (sequentially, then with 2 clients at once) through the real
`/api/login` server function, and prints p50/p90/p99. Usage:

    cargo leptos build --release
    python3 .ci/bench/login.py [path/to/ecpa] [N]
"""
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", "target"), "release", "ecpa")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
PORT = 3290
PASSWORD = "lingon-cykel-fjäll-7"


def login():
    body = urllib.parse.urlencode({"email": "bench@bra.se", "password": PASSWORD, "lang": "sv"})
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    start = time.perf_counter()
    conn.request("POST", "/api/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
    res = conn.getresponse()
    res.read()
    elapsed = time.perf_counter() - start
    conn.close()
    if res.status != 200:
        raise SystemExit(f"login answered {res.status}")
    return elapsed * 1000


def summary(label, ms):
    ms = sorted(ms)
    pct = lambda p: ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))]
    print(f"{label}: n={len(ms)} p50={pct(50):.1f} ms p90={pct(90):.1f} ms p99={pct(99):.1f} ms "
          f"mean={statistics.mean(ms):.1f} ms")


def main():
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, DATABASE_URL=f"sqlite://{d}/bench.db?mode=rwc",
                   LEPTOS_SITE_ADDR=f"127.0.0.1:{PORT}", ECPA_MAIL_DIR=f"{d}/mail",
                   ECPA_ADMIN_PASSWORD=PASSWORD, RUST_LOG="warn")
        subprocess.run([BIN, "create-admin", "--email", "bench@bra.se"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        server = subprocess.Popen([BIN, "serve", "--no-demo"], env=env)
        try:
            for _ in range(100):
                try:
                    http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/")
                    break
                except OSError:
                    time.sleep(0.1)
            login()  # warm-up
            summary("sequential", [login() for _ in range(N)])
            results = []
            def worker():
                for _ in range(N // 2):
                    results.append(login())
            threads = [threading.Thread(target=worker) for _ in range(2)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            summary("2 clients", results)
            print(f"2 clients: {len(results) / wall:.1f} logins/s")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
