"""Time the learning-log dashboard queries over 1,000,000 denial lines, beside DuckDB.

Usage: python bench/remit_dashboard.py [--rows 1000000] [--folder /tmp/remits-bench]

The script builds a SQLite database in --folder (never the project's own) and fills
one practice with synthetic entries spread over the past year, then builds the daily
summary from them (cptdesk.remits.summary.rebuild, timed). It times the dashboard
(cptdesk.remits.trends.dashboard) for the 30, 60 and 90-day windows twice: from the
summary, as the app runs it, and from the entries themselves. It also times one
review that moves an entry to another root cause, which aggregates its day again.
Last come the same aggregations in DuckDB on a copy of the entries. DuckDB is a
bench-only dependency: pip install duckdb. Figures are printed, and nothing is
written to the repository.
"""

import argparse
import csv
import datetime
import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CATEGORIES = {
    "eligibility": ("front_desk", ["27", "31", "109", "140"]),
    "authorization": ("auth_coordinator", ["197", "198", "15"]),
    "referral": ("front_desk", ["288"]),
    "coding": ("coder", ["4", "11", "146"]),
    "bundling": ("coder", ["97", "236"]),
    "documentation": ("biller", ["16", "252"]),
    "non_covered": ("biller", ["96", "204"]),
    "timely_filing": ("biller", ["29"]),
    "medical_necessity": ("provider", ["50"]),
}
PAYERS = [f"SYNTHETIC PLAN {letter}" for letter in "ABCDEFGH"]
TRIGGERS = ["eligibility", "prior_authorization", "referral", "coding_route", ""]
COLUMNS = [
    "practice_id",
    "kind",
    "source",
    "rework_type",
    "occurred_on",
    "what_happened",
    "payer_name",
    "patient_ref",
    "procedure_code",
    "group_code",
    "reason_code",
    "remark_codes",
    "category",
    "amount",
    "staff_minutes",
    "root_cause_id",
    "missed_trigger",
    "missed_trigger_note",
    "prevention_note",
    "responsible_role",
    "status",
    "created_at",
    "updated_at",
]


def setup_django(folder):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    os.environ["CPTDESK_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ["CPTDESK_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate_rows(practice_id, cause_ids, count, today, seed=90):
    rng = random.Random(seed)
    categories = list(CATEGORIES)
    now = datetime.datetime.now(datetime.UTC).isoformat()
    for number in range(count):
        category = rng.choice(categories)
        owner, reasons = CATEGORIES[category]
        day = today - datetime.timedelta(days=rng.randrange(365))
        yield (
            practice_id,
            "denial" if number % 7 else "rework",
            "remittance",
            "",
            day.isoformat(),
            "Synthetic denial line for the benchmark",
            rng.choice(PAYERS),
            f"PCN{number:08d}",
            "99213",
            "CO",
            rng.choice(reasons),
            "",
            category,
            f"{rng.randint(2000, 90000) / 100:.2f}",
            rng.choice([0, 5, 10, 15, 30]),
            rng.choice(cause_ids),
            rng.choice(TRIGGERS),
            "",
            "",
            owner,
            "open",
            now,
            now,
        )


def fill(practice, rows, today):
    from django.db import connection, transaction

    from cptdesk.remits.models import LearningEntry, PreventionAction, RootCause
    from cptdesk.remits.taxonomy import ensure_taxonomy

    ensure_taxonomy(practice)
    cause_ids = list(
        RootCause.objects.filter(practice=practice).values_list("pk", flat=True)
    )
    table = LearningEntry._meta.db_table
    sql = (
        f"INSERT INTO {table} ({', '.join(COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for row in generate_rows(practice.pk, cause_ids, rows, today):
            batch.append(row)
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch.clear()
        cursor.executemany(sql, batch)
    for number, cause_id in enumerate(cause_ids[:3]):
        PreventionAction.objects.create(
            practice=practice,
            title=f"Benchmark action {number}",
            root_cause_id=cause_id,
            started_on=today - datetime.timedelta(days=20 + 30 * number),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def time_call(function, repeat):
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


def time_django(practice, today, repeat, from_entries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cptdesk.remits.trends import dashboard

    def run(days):
        return dashboard(practice, days, today, from_entries=from_entries)

    results = {}
    for days in (30, 60, 90):
        with CaptureQueriesContext(connection) as queries:
            run(days)
        seconds = time_call(lambda days=days: run(days), repeat)
        results[days] = (seconds, len(queries))
    return results


def time_rebuild(practice):
    from cptdesk.remits.summary import rebuild

    started = time.perf_counter()
    rows = rebuild(practice.pk)
    return time.perf_counter() - started, rows


def time_review(practice, today, repeat):
    """Time update_entry moving one of today's entries between two root causes."""
    from cptdesk.accounts.models import User
    from cptdesk.remits.actions import update_entry
    from cptdesk.remits.models import LearningEntry, RootCause

    user = User.objects.create(username="bench-reviewer", practice=practice)
    entry = LearningEntry.objects.filter(practice=practice, occurred_on=today).first()
    causes = list(RootCause.objects.filter(practice=practice)[:2])
    day_entries = LearningEntry.objects.filter(
        practice=practice, occurred_on=today
    ).count()
    flips = iter(causes * repeat)
    seconds = time_call(
        lambda: update_entry(entry, user, {"root_cause": next(flips)}), repeat
    )
    return seconds, day_entries


DUCKDB_QUERIES = [
    # Totals for the three windows in one pass.
    """SELECT {totals} FROM entries WHERE practice_id = {practice}
       AND occurred_on <= DATE '{today}'""",
    # One breakdown per dimension.
    *[
        f"""SELECT {field}, count(*) FILTER (WHERE kind = 'denial'),
           count(*) FILTER (WHERE kind = 'rework'), count(*) AS total, sum(amount),
           sum(staff_minutes) FROM entries WHERE practice_id = {{practice}}
           AND occurred_on BETWEEN DATE '{{first}}' AND DATE '{{today}}'
           GROUP BY {field} ORDER BY total DESC, {field} LIMIT 12"""
        for field in (
            "category",
            "payer_name",
            "reason_code",
            "root_cause_id",
            "responsible_role",
        )
    ],
    # The weekly series.
    """SELECT date_trunc('week', occurred_on) AS week,
       count(*) FILTER (WHERE kind = 'denial'), count(*) FILTER (WHERE kind = 'rework'),
       sum(staff_minutes) FROM entries WHERE practice_id = {practice}
       AND occurred_on BETWEEN DATE '{first}' AND DATE '{today}'
       GROUP BY week ORDER BY week""",
    # Before and after one prevention action (the dashboard runs one per action).
    *[
        """SELECT count(*) FILTER (WHERE occurred_on < DATE '{start}'),
           count(*) FILTER (WHERE occurred_on >= DATE '{start}')
           FROM entries WHERE practice_id = {practice} AND root_cause_id = {cause}
           AND occurred_on >= DATE '{start}' - INTERVAL {days} DAY
           AND occurred_on < DATE '{start}' + INTERVAL {days} DAY"""
    ]
    * 3,
    # The weekly repeat misses.
    """SELECT root_cause_id, missed_trigger,
       count(*) FILTER (WHERE occurred_on >= DATE '{today}' - INTERVAL 6 DAY) AS n
       FROM entries WHERE practice_id = {practice}
       AND occurred_on BETWEEN DATE '{today}' - INTERVAL 13 DAY AND DATE '{today}'
       GROUP BY 1, 2 HAVING n >= 2 ORDER BY n DESC LIMIT 10""",
]


def time_duckdb(folder, practice, today, repeat):
    import duckdb
    from django.db import connection

    from cptdesk.remits.models import LearningEntry, PreventionAction

    path = folder / "entries.csv"
    fields = [
        "practice_id",
        "kind",
        "occurred_on",
        "payer_name",
        "reason_code",
        "category",
        "amount",
        "staff_minutes",
        "root_cause_id",
        "missed_trigger",
        "responsible_role",
    ]
    with connection.cursor() as cursor, open(path, "w", newline="") as handle:
        cursor.execute(
            f"SELECT {', '.join(fields)} FROM {LearningEntry._meta.db_table}"
        )
        writer = csv.writer(handle)
        writer.writerow(fields)
        writer.writerows(cursor.fetchall())

    database = duckdb.connect()
    database.execute(
        f"CREATE TABLE entries AS SELECT * FROM read_csv('{path}', header=true, "
        "types={'occurred_on': 'DATE', 'amount': 'DECIMAL(12,2)'})"
    )
    actions = list(PreventionAction.objects.filter(practice=practice))
    results = {}
    for days in (30, 60, 90):
        first = today - datetime.timedelta(days=days - 1)
        totals = ", ".join(
            f"count(*) FILTER (WHERE occurred_on >= DATE '{today}' - INTERVAL "
            f"{window - 1} DAY), sum(amount) FILTER (WHERE occurred_on >= "
            f"DATE '{today}' - INTERVAL {window - 1} DAY)"
            for window in (30, 60, 90)
        )
        statements = []
        action_index = 0
        for template in DUCKDB_QUERIES:
            action = actions[action_index % len(actions)]
            if "{start}" in template:
                action_index += 1
            statements.append(
                template.format(
                    totals=totals,
                    practice=practice.pk,
                    today=today,
                    first=first,
                    days=days,
                    start=action.started_on,
                    cause=action.root_cause_id,
                )
            )

        def run(statements=statements):
            for statement in statements:
                database.execute(statement).fetchall()

        results[days] = (time_call(run, repeat), len(statements))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="entries to make")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is shown")
    parser.add_argument(
        "--folder", default="/tmp/remits-bench", help="bench database folder"
    )
    options = parser.parse_args()
    folder = Path(options.folder)
    setup_django(folder)

    from cptdesk.accounts.models import Practice

    today = datetime.date.today()
    practice = Practice.objects.create(name="Benchmark practice")
    Practice.objects.create(name="Other practice")
    started = time.perf_counter()
    fill(practice, options.rows, today)
    print(f"filled {options.rows} entries in {time.perf_counter() - started:.1f} s")

    seconds, rows = time_rebuild(practice)
    print(f"summary rebuilt from the entries in {seconds:.1f} s: {rows} rows")

    for from_entries, label in [(False, "daily summary"), (True, "entries")]:
        timings = time_django(practice, today, options.repeat, from_entries)
        for days, (seconds, count) in timings.items():
            print(
                f"cptdesk dashboard on SQLite from the {label}, {days} days: "
                f"{seconds * 1000:.0f} ms, {count} queries"
            )
    seconds, day_entries = time_review(practice, today, options.repeat)
    print(
        f"review moving one entry to another root cause ({day_entries} entries "
        f"that day): {seconds * 1000:.0f} ms"
    )
    for days, (seconds, count) in time_duckdb(
        folder, practice, today, options.repeat
    ).items():
        print(
            f"DuckDB, same aggregations, {days} days: {seconds * 1000:.0f} ms, "
            f"{count} queries"
        )


if __name__ == "__main__":
    main()
