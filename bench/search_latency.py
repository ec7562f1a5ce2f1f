"""Time the app's search() in process on the bundled data, with raw FTS5 as the floor.

Run from the repository root:

    .venv/bin/python bench/search_latency.py [--data-dir DIR] [--queries 1000]

The query mix (whole codes, code prefixes, one to three words of real short
descriptions, misses) comes from querymix.py. The floor runs the same keyword queries
through the sqlite3 module on the same database file as bare FTS5 MATCH statements,
once fetching the first 20 rowids and once fetching every matching rowid. Each query
is timed once after a warm-up pass. The exit status is 0 whether or not the target is
met, and 1 when the run fails.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sqlite3
import sys
import time
from pathlib import Path

from appserver import WORK, prepare_database
from querymix import build_queries
from timings import format_ms, summarise_ms

REPOSITORY = Path(__file__).resolve().parents[1]
TARGET_P99_MS = 5.0
WORD = re.compile(r"[0-9A-Za-z]+")  # the word pattern of cptdesk.codes.search
SCREEN_ROWS = 20  # search() returns 20 hits by default
FIRST_ROWS = "SELECT rowid FROM codes_search_fts WHERE codes_search_fts MATCH ? LIMIT ?"
# Any ranking of text matches has to read every match at least once.
EVERY_ROW = "SELECT rowid FROM codes_search_fts WHERE codes_search_fts MATCH ?"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=WORK / "data",
        help="cptdesk data folder; `cptdesk setup` runs first when it contains no database "
        "(default: bench/work/data)",
    )
    parser.add_argument("--queries", type=int, default=1000, help="queries to time")
    parser.add_argument("--seed", type=int, default=20260701, help="query mix seed")
    parser.add_argument(
        "--warmup", type=int, default=100, help="queries run untimed before timing"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also run the whole mix under cProfile and print the top functions",
    )
    return parser.parse_args()


def start_django(data_dir):
    os.environ["CPTDESK_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    os.environ.setdefault("CPTDESK_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPOSITORY))
    import django

    django.setup()


def time_app(queries, practice, warmup):
    from cptdesk.codes.search import search

    for _, text in queries[:warmup]:
        search(text, practice)
    durations = {}
    hit_counts = {}
    for kind, text in queries:
        started = time.perf_counter()
        hits = search(text, practice)
        durations.setdefault(kind, []).append(time.perf_counter() - started)
        hit_counts.setdefault(kind, []).append(len(hits))
    return durations, hit_counts


def match_expression(text):
    """Build an FTS5 expression that requires every word as a prefix, as search() does."""
    return " ".join(f'"{word.lower()}"*' for word in WORD.findall(text))


def time_floor(database, keyword_queries, warmup):
    """Time the keyword queries as bare FTS5 statements on the same database file."""
    statements = {
        f"MATCH, first {SCREEN_ROWS} rowids": (FIRST_ROWS, [SCREEN_ROWS]),
        "MATCH, every matching rowid": (EVERY_ROW, []),
    }
    matches = [match_expression(text) for text in keyword_queries]
    connection = sqlite3.connect(database)
    results = {}
    for name, (sql, extra) in statements.items():
        for match in matches[:warmup]:
            connection.execute(sql, [match, *extra]).fetchall()
        durations = []
        for match in matches:
            started = time.perf_counter()
            connection.execute(sql, [match, *extra]).fetchall()
            durations.append(time.perf_counter() - started)
        results[name] = durations
    connection.close()
    return results


def profile_app(queries, practice, top=12):
    from cptdesk.codes.search import search

    profiler = cProfile.Profile()
    profiler.enable()
    for _, text in queries:
        search(text, practice)
    profiler.disable()
    output = io.StringIO()
    stats = pstats.Stats(profiler, stream=output).sort_stats("tottime")
    stats.print_stats(top)
    return output.getvalue()


def report(durations, hit_counts, floors):
    every = [value for values in durations.values() for value in values]
    overall = summarise_ms(every)
    print("app search() in process")
    print(f"  all      {format_ms(overall)}")
    for kind in sorted(durations):
        mean_hits = sum(hit_counts[kind]) / len(hit_counts[kind])
        line = format_ms(summarise_ms(durations[kind]))
        print(f"  {kind:<8} {line}  mean hits {mean_hits:.1f}")
    print("floor: keyword queries through the sqlite3 module on the same file")
    for name, values in floors.items():
        print(f"  {name:<28} {format_ms(summarise_ms(values))}")
    verdict = "met" if overall["p99"] <= TARGET_P99_MS else "MISSED"
    print(
        f"target app p99 <= {TARGET_P99_MS} ms: {verdict} (p99 {overall['p99']:.3f} ms)"
    )


def main():
    options = parse_args()
    database = prepare_database(options.data_dir)
    start_django(options.data_dir)
    from cptdesk.accounts.models import Practice

    practice = Practice.objects.order_by("pk").first()
    queries = build_queries(database, options.queries, options.seed)
    print(
        f"database {database}, {len(queries)} queries, seed {options.seed}, "
        f"practice {'id ' + str(practice.pk) if practice else 'none'}"
    )

    durations, hit_counts = time_app(queries, practice, options.warmup)
    keywords = [text for kind, text in queries if kind == "keyword"]
    floors = time_floor(database, keywords, options.warmup)
    report(durations, hit_counts, floors)
    if options.profile:
        print(profile_app(queries, practice))


if __name__ == "__main__":
    try:
        main()
    except (OSError, RuntimeError, sqlite3.Error) as error:
        print(f"search_latency failed: {error}", file=sys.stderr)
        sys.exit(1)
