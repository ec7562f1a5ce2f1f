import importlib

import pytest
from django.apps import apps
from django.db.models import Sum

from cptdesk.remits import actions, summary
from cptdesk.remits.choices import SummaryDimension
from cptdesk.remits.models import DailySummary, LearningEntry, RootCause
from cptdesk.remits.tests.trend_data import TODAY, ago, build_log, remittance
from cptdesk.remits.trends import WINDOWS, dashboard

COLUMNS = [
    field.attname for field in DailySummary._meta.concrete_fields if field.name != "id"
]


def summary_rows(practice):
    rows = DailySummary.objects.filter(practice=practice).values_list(*COLUMNS)
    return sorted(rows, key=repr)


def dimension_totals(practice):
    return dict(
        DailySummary.objects.filter(practice=practice)
        .values("dimension")
        .annotate(count=Sum("entries"))
        .values_list("dimension", "count")
    )


@pytest.fixture
def log(maple, birch, alice, charlie):
    build_log(maple, alice)
    build_log(birch, charlie, seed=8)
    return maple


@pytest.mark.parametrize("days", WINDOWS)
def test_summary_figures_equal_entry_figures(log, days):
    from_summary = dashboard(log, days, TODAY)

    from_entries = dashboard(log, days, TODAY, from_entries=True)

    assert from_summary == from_entries


@pytest.mark.parametrize("shift", [-30, 10, 45])
def test_summary_figures_equal_on_other_days(log, shift):
    today = ago(shift)

    from_summary = dashboard(log, 90, today)

    assert from_summary == dashboard(log, 90, today, from_entries=True)


def test_log_fills_every_part_of_dashboard(log):
    data = dashboard(log, 90, TODAY)

    assert data["totals"][2]["denials"] > 20
    assert data["totals"][2]["rework"] > 5
    assert len(data["before_after"]) == 2
    assert data["repeat_misses"]
    assert all(data["breakdowns"][name]["rows"] for name in data["breakdowns"])


def test_every_dimension_counts_every_entry(log):
    stored = LearningEntry.objects.filter(practice=log).count()

    totals = dimension_totals(log)

    assert totals == {dimension.value: stored for dimension in SummaryDimension}


def test_incremental_rows_equal_full_rebuild(log):
    incremental = summary_rows(log)

    summary.rebuild(log.pk)

    assert summary_rows(log) == incremental


def test_reimport_adds_no_summary_rows(maple):
    data = remittance("TRC-9", 2, ["27", "197"])
    actions.import_835(data, "era.835", maple)
    before = summary_rows(maple)

    outcome = actions.import_835(data, "era-again.835", maple)

    assert not outcome.posted
    assert summary_rows(maple) == before


def test_import_counts_each_denial_once(maple):
    actions.import_835(remittance("TRC-9", 2, ["27", "197", None]), "era.835", maple)

    totals = dimension_totals(maple)

    assert totals[SummaryDimension.CAUSE] == 2


def test_status_change_leaves_summary_alone(log, alice, django_assert_num_queries):
    entry = LearningEntry.objects.filter(practice=log, status="open").first()
    before = summary_rows(log)

    with django_assert_num_queries(3):  # savepoint, UPDATE, release
        actions.update_entry(entry, alice, {"status": "resolved"})

    assert summary_rows(log) == before


def test_review_moves_entry_to_new_cause(log, alice):
    entry = LearningEntry.objects.filter(practice=log, occurred_on=ago(3)).first()
    cause = RootCause.objects.get(practice=log, slug="scheduling-miss")
    count_before = _cause_count(log, cause)

    actions.update_entry(entry, alice, {"root_cause": cause})

    assert _cause_count(log, cause) == count_before + 1
    assert dashboard(log, 30, TODAY) == dashboard(log, 30, TODAY, from_entries=True)


def test_moving_entry_day_refreshes_both_days(log, alice):
    entry = LearningEntry.objects.filter(practice=log, occurred_on=ago(3)).first()

    actions.update_entry(entry, alice, {"occurred_on": ago(70)})

    assert dashboard(log, 90, TODAY) == dashboard(log, 90, TODAY, from_entries=True)


def test_deleted_root_cause_keeps_figures_equal(log):
    RootCause.objects.filter(practice=log, slug="scheduling-miss").delete()

    from_summary = dashboard(log, 90, TODAY)

    assert from_summary == dashboard(log, 90, TODAY, from_entries=True)


def test_write_outside_actions_shows_until_rebuild(log):
    LearningEntry.objects.filter(practice=log).update(missed_trigger="prep")
    stale = dashboard(log, 30, TODAY)

    summary.rebuild(log.pk)

    assert stale != dashboard(log, 30, TODAY, from_entries=True)
    assert dashboard(log, 30, TODAY) == dashboard(log, 30, TODAY, from_entries=True)


def test_migration_fills_summary_like_rebuild(log):
    migration = importlib.import_module("cptdesk.remits.migrations.0002_daily_summary")
    expected = summary_rows(log)
    DailySummary.objects.all().delete()

    migration.fill_summary(apps, None)

    assert summary_rows(log) == expected


def _cause_count(practice, cause):
    rows = DailySummary.objects.filter(
        practice=practice, dimension=SummaryDimension.CAUSE, root_cause=cause
    )
    return rows.aggregate(count=Sum("entries"))["count"] or 0
