"""Report the resident memory of `cptdesk serve` after start and after searches.

Run from the repository root:

    .venv/bin/python bench/server_rss.py [--searches 200]

The script starts `cptdesk serve` (gunicorn master and two sync workers) on 127.0.0.1
on a free port over a database with all bundled data loaded. Once the login page
responds, it reads VmRSS from /proc/PID/status and Pss from /proc/PID/smaps_rollup for
the master and each worker. It then signs in, sends the searches in turn (half as the
as-you-type fragment, half as JSON) and reads the figures again. Last it posts a status
note to the scope check several times, which makes each worker that serves one read the
scope model, and reads the figures a third time. RSS counts pages that
the workers share with the master after fork once per process, so the RSS total
overstates the memory used, and the Pss total does not. The server is stopped at the
end in every case. The exit status is 1 when the server fails or a request does not
return 200, and 0 otherwise, target met or not.
"""

import argparse
import os
import secrets
import sys
import urllib.parse
from pathlib import Path

from appserver import (
    WORK,
    ensure_user,
    log_in,
    memory_kib,
    prepare_database,
    request,
    running_server,
    server_processes,
)
from querymix import build_queries

TARGET_MB = 200.0
BENCH_USER = "bench-rss"
SCOPE_NOTE = (
    "Called the plan about the knee MRI; the authorization is still under review. "
    "I told the patient we will check her benefits and call her back by Friday."
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=WORK / "data",
        help="cptdesk data folder; `cptdesk setup` runs first when it contains no database "
        "(default: bench/work/data)",
    )
    parser.add_argument(
        "--searches", type=int, default=200, help="search requests between readings"
    )
    parser.add_argument(
        "--scope-checks",
        type=int,
        default=20,
        help="scope check requests after the searches, before the last reading",
    )
    parser.add_argument("--seed", type=int, default=20260701, help="query mix seed")
    return parser.parse_args()


def read_memory(master_pid, moment):
    """Print and return per-process (role, pid, rss MB, pss MB) for master and workers."""
    rows = []
    for index, pid in enumerate(server_processes(master_pid)):
        role = "master" if index == 0 else f"worker {index}"
        rss, pss = memory_kib(pid)
        rows.append((role, pid, rss / 1024, pss / 1024))
    print(moment)
    for role, pid, rss, pss in rows:
        print(f"  {role:<9} pid {pid:<7} VmRSS {rss:7.1f} MB  Pss {pss:7.1f} MB")
    total_rss = sum(row[2] for row in rows)
    total_pss = sum(row[3] for row in rows)
    print(f"  {'total':<17} VmRSS {total_rss:7.1f} MB  Pss {total_pss:7.1f} MB")
    return rows


def send_searches(port, cookie, queries, count):
    failures = 0
    for step in range(count):
        text = queries[step % len(queries)][1]
        path = ("/codes/?q=" if step % 2 == 0 else "/codes/api/search/?q=") + (
            urllib.parse.quote(text)
        )
        headers = {"Cookie": cookie}
        if step % 2 == 0:
            headers["HX-Request"] = "true"
        status, _, _ = request(port, "GET", path, headers=headers)
        failures += status != 200
    return failures


def send_scope_checks(port, cookie, count):
    """Post a status note to the scope check count times; return the failures."""
    token = dict(pair.split("=", 1) for pair in cookie.split("; "))["csrftoken"]
    body = urllib.parse.urlencode({"text": SCOPE_NOTE})
    headers = {
        "Cookie": cookie,
        "X-CSRFToken": token,
        "Content-Type": "application/x-www-form-urlencoded",
        "HX-Request": "true",
    }
    failures = 0
    for _ in range(count):
        status, _, _ = request(port, "POST", "/guide/scope-check/", body, headers)
        failures += status != 200
    return failures


def print_verdicts(rows):
    largest = max(row[2] for row in rows)
    total = sum(row[2] for row in rows)
    met = "met" if largest <= TARGET_MB else "MISSED"
    print(
        f"target <= {TARGET_MB} MB per process (largest VmRSS {largest:.1f} MB): {met}"
    )
    met = "met" if total <= TARGET_MB else "MISSED"
    print(f"target <= {TARGET_MB} MB in total (VmRSS sum {total:.1f} MB): {met}")


def main():
    options = parse_args()
    database = prepare_database(options.data_dir)
    password = secrets.token_urlsafe(16)
    ensure_user(options.data_dir, BENCH_USER, password)
    queries = build_queries(database, seed=options.seed)
    WORK.mkdir(parents=True, exist_ok=True)
    log_path = WORK / "server_rss_server.log"
    print(f"database {database} ({database.stat().st_size / 1e6:.1f} MB)")

    with running_server(options.data_dir, log_path) as (process, port):
        read_memory(process.pid, "after start (login page returned 200 once)")
        cookie = log_in(port, BENCH_USER, password)
        failures = send_searches(port, cookie, queries, options.searches)
        read_memory(process.pid, f"after {options.searches} search requests")
        failures += send_scope_checks(port, cookie, options.scope_checks)
        rows = read_memory(process.pid, f"after {options.scope_checks} scope checks")
    print_verdicts(rows)
    if failures:
        print(f"{failures} requests did not return 200")
    print(f"load average: {os.getloadavg()}")
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, RuntimeError) as error:
        print(f"server_rss failed: {error}", file=sys.stderr)
        sys.exit(1)
