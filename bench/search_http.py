"""Drive concurrent clients against a running `cptdesk serve` and time each request.

Run from the repository root:

    .venv/bin/python bench/search_http.py [--clients 16] [--requests 1000]

The script starts `cptdesk serve` (gunicorn, two sync workers) on 127.0.0.1 on a free
port, creates or resets a benchmark user, signs in through the login form and runs
three phases with the same clients: the as-you-type fragment (/codes/?q= with
HX-Request: true), the JSON search (/codes/api/search/?q=) and, as the floor, a static
file that WhiteNoise returns before any view runs. Each client sends at most
--requests requests per phase and stops after --max-seconds. A single client then
sends a short sequence of each search request to show the time without queueing. The
server is stopped at the end in every case. The exit status is 1 when the server fails
to start or any request does not return 200, and 0 otherwise, target met or not.
"""

import argparse
import http.client
import os
import secrets
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from appserver import HOST, WORK, ensure_user, log_in, prepare_database, running_server
from querymix import build_queries
from timings import format_ms, summarise_ms

TARGET_P99_MS = 25.0
BENCH_USER = "bench-http"
# Django's admin stylesheet, because collectstatic does not gather cptdesk/static (a
# folder outside the installed apps), so the app's own app.css returns 404 under serve.
STATIC_FLOOR = "/static/admin/css/base.css"
SEQUENTIAL_REQUESTS = 200


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=WORK / "data",
        help="cptdesk data folder; `cptdesk setup` runs first when it contains no database "
        "(default: bench/work/data)",
    )
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument(
        "--requests",
        type=int,
        default=1000,
        help="maximum requests per client and phase",
    )
    parser.add_argument(
        "--max-seconds", type=float, default=60, help="time limit per phase, seconds"
    )
    parser.add_argument("--seed", type=int, default=20260701, help="query mix seed")
    return parser.parse_args()


class Client(threading.Thread):
    """One keep-alive-capable HTTP connection sending a fixed list of GET requests."""

    def __init__(self, port, paths, headers, deadline):
        super().__init__(daemon=True)
        self.port, self.paths, self.headers, self.deadline = (
            port,
            paths,
            headers,
            deadline,
        )
        self.durations, self.failures, self.closed_by_server = [], [], 0

    def run(self):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        for path in self.paths:
            if time.monotonic() > self.deadline:
                break
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=self.headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                self.failures.append(f"{path}: {error!r}")
                connection.close()
                continue
            self.durations.append(time.perf_counter() - started)
            if response.status != 200:
                self.failures.append(f"{path}: status {response.status}")
            if response.will_close:
                # http.client opens a new connection on the next request by itself.
                self.closed_by_server += 1
        connection.close()


def run_phase(port, paths_for_client, headers, clients, max_seconds):
    deadline = time.monotonic() + max_seconds
    threads = [
        Client(port, paths_for_client(index), headers, deadline)
        for index in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    durations = [value for thread in threads for value in thread.durations]
    failures = [failure for thread in threads for failure in thread.failures]
    closed = sum(thread.closed_by_server for thread in threads)
    return durations, failures, closed, wall


def query_paths(prefix, queries, count, offset):
    texts = [text for _, text in queries]
    return [
        prefix + urllib.parse.quote(texts[(offset + step) % len(texts)])
        for step in range(count)
    ]


def print_phase(name, durations, failures, closed, wall):
    summary = summarise_ms(durations)
    rate = len(durations) / wall
    print(f"{name:<34} {format_ms(summary)}  {rate:7.1f} req/s  {wall:5.1f} s")
    if failures:
        print(f"  {len(failures)} failed requests, first: {failures[0]}")
    if closed:
        print(f"  the server closed the connection after {closed} responses")
    return summary


def run_all(port, cookie, queries, options):
    headers = {"Cookie": cookie}
    fragment_headers = {"Cookie": cookie, "HX-Request": "true"}
    spread = max(1, len(queries) // options.clients)
    phases = [
        ("fragment /codes/?q= (HX-Request)", "/codes/?q=", fragment_headers),
        ("JSON /codes/api/search/?q=", "/codes/api/search/?q=", headers),
    ]
    results, failed = {}, 0
    print(f"{options.clients} concurrent clients, at most {options.requests} each")
    for name, prefix, phase_headers in phases:
        outcome = run_phase(
            port,
            lambda index, prefix=prefix: query_paths(
                prefix, queries, options.requests, index * spread
            ),
            phase_headers,
            options.clients,
            options.max_seconds,
        )
        results[name] = print_phase(name, *outcome)
        failed += len(outcome[1])
    floor = run_phase(
        port,
        lambda index: [STATIC_FLOOR] * options.requests,
        headers,
        options.clients,
        options.max_seconds,
    )
    print_phase(f"floor: static file {STATIC_FLOOR}", *floor)
    failed += len(floor[1])

    print("1 client, sequential (no queueing)")
    for name, prefix, phase_headers in phases:
        outcome = run_phase(
            port,
            lambda index, prefix=prefix: query_paths(
                prefix, queries, SEQUENTIAL_REQUESTS, 0
            ),
            phase_headers,
            1,
            options.max_seconds,
        )
        print_phase(name, *outcome)
        failed += len(outcome[1])
    return results, failed


def main():
    options = parse_args()
    database = prepare_database(options.data_dir)
    password = secrets.token_urlsafe(16)
    ensure_user(options.data_dir, BENCH_USER, password)
    queries = build_queries(database, seed=options.seed)
    WORK.mkdir(parents=True, exist_ok=True)
    log_path = WORK / "search_http_server.log"
    print(f"database {database}; load average before: {os.getloadavg()}")

    with running_server(options.data_dir, log_path) as (process, port):
        print(f"cptdesk serve pid {process.pid} on {HOST}:{port}, log {log_path}")
        cookie = log_in(port, BENCH_USER, password)
        results, failed = run_all(port, cookie, queries, options)
    print(f"load average after: {os.getloadavg()}")

    for name, summary in results.items():
        verdict = "met" if summary["p99"] <= TARGET_P99_MS else "MISSED"
        print(f"target p99 <= {TARGET_P99_MS} ms, {name}: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError) as error:
        print(f"search_http failed: {error}", file=sys.stderr)
        sys.exit(1)
