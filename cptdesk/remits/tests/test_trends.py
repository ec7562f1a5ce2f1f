import datetime
from decimal import Decimal

import pytest

from cptdesk.remits import actions
from cptdesk.remits.models import LearningEntry, PreventionAction, RootCause
from cptdesk.remits.taxonomy import ensure_taxonomy
from cptdesk.remits.trends import dashboard

TODAY = datetime.date(2026, 3, 16)


def ago(days):
    return TODAY - datetime.timedelta(days=days)


def rework(practice, day, kind="repeat_callback", minutes=30):
    return actions.create_entry(
        practice,
        None,
        {
            "source": "rework",
            "rework_type": kind,
            "occurred_on": day,
            "what_happened": "Second call about the same referral",
            "staff_minutes": minutes,
        },
    )


def paper_denial(practice, day, reason="27", amount="100.00", payer="PLAN A"):
    return actions.create_entry(
        practice,
        None,
        {
            "source": "paper_eob",
            "occurred_on": day,
            "what_happened": "Paper EOB denial",
            "reason_code": reason,
            "group_code": "CO",
            "amount": Decimal(amount),
            "payer_name": payer,
        },
    )


@pytest.fixture
def history(maple, birch):
    paper_denial(maple, ago(2))
    paper_denial(maple, ago(40), reason="197", amount="250.00", payer="PLAN B")
    paper_denial(maple, ago(80))
    rework(maple, ago(1))
    rework(maple, ago(3))
    rework(maple, ago(70), kind="reschedule", minutes=15)
    paper_denial(birch, ago(2), amount="999.00")


def test_totals_per_window(maple, history):
    totals = dashboard(maple, 30, TODAY)["totals"]

    assert [t["denials"] for t in totals] == [1, 2, 3]
    assert [t["rework"] for t in totals] == [2, 2, 3]
    assert totals[0]["dollars"] == Decimal("100.00")
    assert totals[0]["hours"] == 1.0


def test_breakdown_by_payer_stays_in_practice(maple, history):
    rows = dashboard(maple, 60, TODAY)["breakdowns"]["payer"]["rows"]

    by_payer = {row["label"]: row for row in rows}
    assert by_payer["PLAN A"]["denials"] == 1
    assert by_payer["PLAN B"]["dollars"] == Decimal("250.00")
    assert sum(row["total"] for row in rows) == 4


def test_breakdown_by_owner_uses_role_labels(maple, history):
    rows = dashboard(maple, 90, TODAY)["breakdowns"]["owner"]["rows"]

    labels = {row["label"]: row["total"] for row in rows}
    assert labels["Front desk"] == 5
    assert labels["Authorization coordinator"] == 1


def test_breakdown_by_root_cause_names_cause(maple, history):
    rows = dashboard(maple, 30, TODAY)["breakdowns"]["root_cause"]["rows"]

    labels = {row["label"]: row["total"] for row in rows}
    assert labels == {
        "Handoff note not actionable": 2,
        "Coverage not verified before the visit": 1,
    }


def test_weekly_series_starts_weeks_on_monday(maple, history):
    rework(maple, TODAY)

    weekly = dashboard(maple, 30, TODAY)["weekly"]

    assert [w["week"] for w in weekly] == ["2026-03-09", "2026-03-16"]
    assert weekly[0]["denials"] == 1
    assert weekly[0]["rework"] == 2
    assert weekly[1]["rework"] == 1


def test_repeat_misses_lists_pairs_seen_twice(maple, history):
    misses = dashboard(maple, 30, TODAY)["repeat_misses"]

    assert len(misses) == 1
    assert misses[0]["root_cause"] == "Handoff note not actionable"
    assert misses[0]["trigger"] == "Actionable status note"
    assert misses[0]["count"] == 2


def test_before_after_counts_root_cause_around_start(maple):
    ensure_taxonomy(maple)
    cause = RootCause.objects.get(practice=maple, slug="handoff-unclear")
    PreventionAction.objects.create(
        practice=maple, title="Note template", root_cause=cause, started_on=ago(10)
    )
    for day in (12, 15, 20, 25):
        rework(maple, ago(day))
    rework(maple, ago(5))

    (row,) = dashboard(maple, 30, TODAY)["before_after"]

    assert row["before"] == 4
    assert row["after"] == 1
    assert row["after_days"] == 11
    assert row["before_rate"] == 4.0
    assert row["after_rate"] == 2.7


def test_entries_after_today_are_left_out(maple):
    paper_denial(maple, TODAY + datetime.timedelta(days=3))

    totals = dashboard(maple, 30, TODAY)["totals"]

    assert totals[0]["denials"] == 0
    assert LearningEntry.objects.count() == 1
