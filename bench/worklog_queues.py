"""Time the work log's queue pages on a practice with 100,000 items and 1,000,000 notes.

Usage: python bench/worklog_queues.py [--data /tmp/worklog-bench] [--items 100000]
       [--notes 1000000] [--repeat 30] [--rebuild]

The script builds a bench SQLite database in the --data folder once (about a minute;
--rebuild makes it again), then renders each queue page in-process through Django's
test client, with the middleware and templates, --repeat times after one warm-up. It
prints server time per page (p50, p99, max), the number of SQL queries per page, and a
floor: the same SELECT statements replayed as raw SQL on one cursor, which is the
database's share of the page. The clock is fixed so that every run sees the same
overdue and escalate-early sets. Nothing is written to the repository.
"""

import argparse
import datetime
import os
import random
import sys
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timings import format_ms, summarise_ms  # noqa: E402

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
ROLES = (
    "front_desk",
    "auth_coordinator",
    "biller",
    "coder",
    "provider",
    "supervisor",
    "practice_admin",
)
KINDS = (
    "prior_authorization",
    "documentation_request",
    "referral",
    "denial_follow_up",
    "records_request",
    "patient_callback",
    "mismatch_review",
)
# Most items in a practice that has run for years are closed.
STATUS_WEIGHTS = {"done": 55, "cancelled": 5, "open": 25, "waiting": 10, "escalated": 5}
PAGES = [
    ("my queue", {"view": "mine"}),
    ("role queue", {"view": "role", "role": "auth_coordinator"}),
    ("due today", {"view": "today"}),
    ("overdue", {"view": "overdue"}),
    ("waiting on outside", {"view": "waiting"}),
    ("escalate early", {"view": "escalate"}),
    ("all open", {"view": "all"}),
    ("all open by priority", {"view": "all", "sort": "priority"}),
    ("all open, page 100", {"view": "all", "page": "100"}),
    ("patient filter", {"view": "all", "patient": "PT-0123"}),
    ("type filter", {"view": "all", "kind": "referral", "priority": "2"}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/tmp/worklog-bench", help="data folder")
    parser.add_argument("--items", type=int, default=100_000, help="work items")
    parser.add_argument("--notes", type=int, default=1_000_000, help="status notes")
    parser.add_argument("--repeat", type=int, default=30, help="timed renders per page")
    parser.add_argument("--rebuild", action="store_true", help="build the data again")
    return parser.parse_args()


def start_django(data_dir, rebuild):
    if rebuild and data_dir.exists():
        (data_dir / "cptdesk.sqlite3").unlink(missing_ok=True)
    os.environ["CPTDESK_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    os.environ.setdefault("CPTDESK_LOG_LEVEL", "WARNING")
    os.environ["CPTDESK_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build(items, notes):
    """Create the bench practice and its rows unless they are already there."""
    from cptdesk.accounts.actions import create_user
    from cptdesk.accounts.models import Practice, User
    from cptdesk.worklog import actions
    from cptdesk.worklog.models import WorkItem

    practice, _ = Practice.objects.get_or_create(name="Bench practice")
    if WorkItem.objects.filter(practice=practice).count() == items:
        return practice, User.objects.get(username="bench-auth")
    WorkItem.objects.filter(practice=practice).delete()
    User.objects.filter(practice=practice).delete()
    staff = [
        create_user(practice, f"bench-{index}", [ROLES[index % 5]], password="x" * 12)[
            0
        ]
        for index in range(20)
    ]
    user = create_user(practice, "bench-auth", ["auth_coordinator"], password="x" * 12)[
        0
    ]
    staff.append(user)
    actions.ensure_matrix(practice)
    actions.ensure_templates(practice)

    started = time.perf_counter()
    insert_items(practice, staff, items)
    insert_requests(practice, items // 5)
    insert_notes(practice, staff, notes)
    _analyze()
    print(
        f"built {items:,} items and {notes:,} notes in {time.perf_counter() - started:.0f} s"
    )
    return practice, user


def _analyze():
    """Give SQLite's planner table statistics, as PostgreSQL's autovacuum would."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def insert_items(practice, staff, count):
    from cptdesk.worklog.models import EscalationRule, WorkItem

    rng = random.Random(1)
    rules = list(EscalationRule.objects.filter(practice=practice))
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    batch = []
    for index in range(count):
        created = NOW - datetime.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        rule = rng.choice(rules) if rng.random() < 0.6 else None
        escalate_at = (
            created + datetime.timedelta(hours=rule.escalate_after_hours)
            if rule
            else None
        )
        status = rng.choices(statuses, weights)[0]
        owner = rng.choice(staff) if rng.random() < 0.5 else None
        batch.append(
            WorkItem(
                practice=practice,
                kind=rng.choice(KINDS),
                title=f"Bench item {index}",
                patient_ref=f"PT-{rng.randrange(0, 40_000):05d}",
                owner_role=rng.choice(ROLES[:6]),
                owner_user=owner,
                priority=rng.randint(1, 4),
                due_at=NOW
                + datetime.timedelta(
                    minutes=rng.randrange(-60 * 24 * 30, 60 * 24 * 30)
                ),
                status=status,
                scenario=rule,
                escalate_at=escalate_at,
                escalated_at=escalate_at if status == "escalated" else None,
                created_at=created,
                closed_at=NOW if status in ("done", "cancelled") else None,
            )
        )
        if len(batch) == 5000:
            WorkItem.objects.bulk_create(batch)
            batch = []
    WorkItem.objects.bulk_create(batch)


def insert_requests(practice, count):
    from cptdesk.worklog.models import DocumentRequest, WorkItem

    rng = random.Random(2)
    item_ids = list(
        WorkItem.objects.filter(practice=practice).values_list("pk", flat=True)
    )
    rows = []
    for index in range(count):
        due = NOW + datetime.timedelta(hours=rng.randrange(-24 * 20, 24 * 20))
        rows.append(
            DocumentRequest(
                practice=practice,
                item_id=rng.choice(item_ids),
                format="fax",
                what_missing="Signed order",
                reason="Prior authorization packet",
                next_step_owner="Ordering office",
                send_to="Fax",
                reference=f"DR-{index:06d}",
                body="Please sign the order.",
                reminder_text="Signed order overdue; call the ordering office.",
                status=rng.choice(
                    ["requested", "sent", "partial", "received", "received"]
                ),
                due_at=due,
                requested_at=due - datetime.timedelta(days=3),
            )
        )
    DocumentRequest.objects.bulk_create(rows, batch_size=5000)


def insert_notes(practice, staff, count):
    """Insert notes with executemany, because a million ORM objects take minutes."""
    from django.db import connection, transaction

    from cptdesk.worklog.models import StatusNote, WorkItem

    rng = random.Random(3)
    item_ids = list(
        WorkItem.objects.filter(practice=practice).values_list("pk", flat=True)
    )
    columns = [
        "practice_id", "item_id", "author_id", "written_at", "channel", "contact_name",
        "contact_org", "reference", "requested", "received", "pending", "committed",
        "next_step", "next_step_owner", "text", "verdict", "missing", "saved_as_vague",
    ]  # fmt: skip
    table = StatusNote._meta.db_table
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, count, 20_000):
            rows = [
                _note_row(practice.pk, rng, item_ids, staff)
                for _ in range(min(20_000, count - start))
            ]
            cursor.executemany(sql, rows)


def _note_row(practice_id, rng, item_ids, staff):
    vague = rng.random() < 0.3
    written = NOW - datetime.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
    return (
        practice_id,
        rng.choice(item_ids),
        rng.choice(staff).pk,
        written.astimezone(datetime.UTC).isoformat(sep=" "),
        "phone",
        "" if vague else "Dana",
        "" if vague else "Lakeside Imaging",
        "",
        "" if vague else "signed order",
        "",
        "",
        "",
        "" if vague else "check fax",
        "" if vague else "auth team",
        "called office" if vague else "asked for the signed order",
        "vague" if vague else "actionable",
        '["owner"]' if vague else "[]",
        vague,
    )


def time_pages(user, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    results = []
    for label, params in [*PAGES, ("item page", None)]:
        url = _url(user, params)
        client.get(url)
        durations = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                durations.append(time.perf_counter() - started)
            assert response.status_code == 200, (label, response.status_code)
        floor = _replay(captured.captured_queries, repeat)
        results.append((label, summarise_ms(durations), len(captured), floor))
    return results


def _url(user, params):
    from urllib.parse import urlencode

    from django.urls import reverse

    from cptdesk.worklog.models import WorkItem

    if params is None:
        item = WorkItem.objects.filter(practice=user.practice, status="open").first()
        return reverse("worklog:item", args=[item.pk])
    return f"{reverse('worklog:queue')}?{urlencode(params)}"


def _replay(queries, repeat):
    """Return the p50 in ms of running the page's SELECTs again as raw SQL."""
    from django.db import connection

    selects = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    durations = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in selects:
                cursor.execute(sql.replace("%", "%%"))
                cursor.fetchall()
            durations.append(time.perf_counter() - started)
    return summarise_ms(durations)["p50"]


def main():
    args = parse_args()
    data_dir = Path(args.data)
    data_dir.mkdir(parents=True, exist_ok=True)
    start_django(data_dir, args.rebuild)

    from cptdesk.lib import clock

    clock.use(clock.FixedClock(NOW))
    _, user = build(args.items, args.notes)
    print(f"{'page':<24} {'server time':<52} queries  SQL floor p50")
    for label, summary, queries, floor in time_pages(user, args.repeat):
        print(f"{label:<24} {format_ms(summary)}  {queries:>5}  {floor:8.3f} ms")


if __name__ == "__main__":
    main()
