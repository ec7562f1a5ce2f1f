"""Trend queries for the learning-log dashboard, aggregated by the database.

The figures come from the daily summary (models.DailySummary), which contains up to
a few hundred rows per day where a busy practice may have thousands of entries. The same GROUP BY queries
run on the entries themselves when `from_entries` is set: the summary's tests compare
the two, and the benchmark times both. Python only folds grouped rows (at most two per
day, or one per value of a dimension), never the entries themselves.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from cptdesk.accounts.choices import Role

from .choices import EntryKind, MissedTrigger, SummaryDimension
from .models import DailySummary, LearningEntry, PreventionAction, RootCause

WINDOWS = (30, 60, 90)
BREAKDOWN_LIMIT = 12
REPEAT_MISS_LIMIT = 10
REPEAT_MISS_MIN = 2  # a miss seen this often in a week is a repeat
# Each breakdown: its grouped column, its title and the summary rows it reads.
DIMENSIONS = {
    "category": ("category", "Category", SummaryDimension.CATEGORY),
    "payer": ("payer_name", "Payer", SummaryDimension.PAYER),
    "code": ("reason_code", "Reason code (CARC)", SummaryDimension.CODE),
    "root_cause": ("root_cause_id", "Root cause", SummaryDimension.CAUSE),
    "owner": ("responsible_role", "Owner", SummaryDimension.OWNER),
}
# Every entry has exactly one owner row per day, and owners have the fewest values.
DAILY_DIMENSION = SummaryDimension.OWNER
DENIAL = Q(kind=EntryKind.DENIAL)
REWORK = Q(kind=EntryKind.REWORK)


@dataclass(frozen=True)
class TrendRows:
    """The rows the dashboard aggregates: the daily summary, or the entries.

    Both have the columns occurred_on, kind, amount and staff_minutes and the grouped
    columns, so one query serves both. Only counting differs: an entry counts one,
    and a summary row counts its `entries`.
    """

    practice: object
    from_entries: bool = False

    def rows(self, dimension):
        if self.from_entries:
            return LearningEntry.objects.filter(practice=self.practice)
        return DailySummary.objects.filter(practice=self.practice, dimension=dimension)

    def count(self, condition=None):
        if self.from_entries:
            return Count("pk", filter=condition)
        return Coalesce(Sum("entries", filter=condition), 0)


def first_day(today, days):
    """Return the first day of a window of `days` days that ends today."""
    return today - datetime.timedelta(days=days - 1)


def daily_counts(source, today):
    """Count entries, dollars and minutes per day and kind over the longest window.

    Totals and the weekly series both fold these rows, at most two per day, so the
    longest window is scanned once.
    """
    longest = first_day(today, max(WINDOWS))
    return list(
        source.rows(DAILY_DIMENSION)
        .filter(occurred_on__gte=longest, occurred_on__lte=today)
        .values("occurred_on", "kind")
        .annotate(
            count=source.count(),
            dollars=Sum("amount"),
            minutes=Sum("staff_minutes"),
        )
        .order_by("occurred_on", "kind")
    )


def window_totals(daily, today):
    """Add up denials and rework, dollars and hours for each window."""
    totals = []
    for days in WINDOWS:
        start = first_day(today, days)
        rows = [row for row in daily if _as_date(row["occurred_on"]) >= start]
        totals.append(
            {
                "days": days,
                "denials": sum(r["count"] for r in rows if r["kind"] == "denial"),
                "rework": sum(r["count"] for r in rows if r["kind"] == "rework"),
                "dollars": sum((r["dollars"] or 0 for r in rows), Decimal("0")),
                "hours": _hours(sum(r["minutes"] or 0 for r in rows)),
            }
        )
    return totals


def breakdown(source, dimension, first, today):
    """Group a window's entries by one dimension, largest first."""
    field, _, summary_dimension = DIMENSIONS[dimension]
    rows = (
        source.rows(summary_dimension)
        .filter(occurred_on__gte=first, occurred_on__lte=today)
        .values(field)
        .annotate(
            denials=source.count(DENIAL),
            rework=source.count(REWORK),
            total=source.count(),
            dollars=Sum("amount"),
            minutes=Sum("staff_minutes"),
        )
        .order_by("-total", field)[:BREAKDOWN_LIMIT]
    )
    labels = _labels(dimension, source.practice)
    return [
        {
            "key": row[field] or "",
            "label": labels.get(row[field], row[field]) or "(none)",
            "denials": row["denials"],
            "rework": row["rework"],
            "total": row["total"],
            "dollars": row["dollars"] or Decimal("0"),
            "hours": _hours(row["minutes"]),
        }
        for row in rows
    ]


def weekly_series(daily, first):
    """Fold the daily rows into calendar weeks that start on Monday."""
    weeks = {}
    for row in daily:
        day = _as_date(row["occurred_on"])
        if day < first:
            continue
        week = day - datetime.timedelta(days=day.weekday())
        tally = weeks.setdefault(week, {"denials": 0, "rework": 0, "minutes": 0})
        tally["denials" if row["kind"] == "denial" else "rework"] += row["count"]
        tally["minutes"] += row["minutes"] or 0
    return [
        {
            "week": week.isoformat(),
            "denials": tally["denials"],
            "rework": tally["rework"],
            "hours": _hours(tally["minutes"]),
        }
        for week, tally in sorted(weeks.items())
    ]


def before_after(source, days, today):
    """Compare each prevention action's root cause in the `days` before and after it.

    The after period may still be shorter than `days`, so both sides are also given
    as a rate per 30 days.
    """
    results = []
    actions = PreventionAction.objects.filter(practice=source.practice).select_related(
        "root_cause"
    )
    causes = source.rows(SummaryDimension.CAUSE)
    for action in actions:
        start = action.started_on
        before_start = start - datetime.timedelta(days=days)
        after_end = min(start + datetime.timedelta(days=days - 1), today)
        after_days = max((after_end - start).days + 1, 0)
        before = Q(occurred_on__gte=before_start, occurred_on__lt=start)
        after = Q(occurred_on__gte=start, occurred_on__lte=after_end)
        row = causes.filter(root_cause=action.root_cause_id).aggregate(
            before=source.count(before),
            after=source.count(after),
            before_minutes=Sum("staff_minutes", filter=before),
            after_minutes=Sum("staff_minutes", filter=after),
        )
        results.append(
            {
                "action": action,
                "title": action.title,
                "root_cause": action.root_cause.name,
                "started_on": start,
                "before": row["before"],
                "after": row["after"],
                "after_days": after_days,
                "before_rate": _rate(row["before"], days),
                "after_rate": _rate(row["after"], after_days),
                "before_hours": _hours(row["before_minutes"]),
                "after_hours": _hours(row["after_minutes"]),
            }
        )
    return results


def repeat_misses(source, today):
    """List the root cause and missed trigger pairs seen most often in the last week."""
    this_week = Q(occurred_on__gte=first_day(today, 7))
    rows = (
        source.rows(SummaryDimension.CAUSE)
        .filter(occurred_on__gte=first_day(today, 14), occurred_on__lte=today)
        .values("root_cause_id", "missed_trigger")
        .annotate(
            count=source.count(this_week),
            previous=source.count(~this_week),
            minutes=Sum("staff_minutes", filter=this_week),
            dollars=Sum("amount", filter=this_week),
        )
        .filter(count__gte=REPEAT_MISS_MIN)
        .order_by("-count", "root_cause_id", "missed_trigger")[:REPEAT_MISS_LIMIT]
    )
    causes = _labels("root_cause", source.practice)
    triggers = dict(MissedTrigger.choices)
    return [
        {
            "root_cause": causes.get(row["root_cause_id"], "(not set)"),
            "trigger": triggers.get(row["missed_trigger"], "(not set)"),
            "count": row["count"],
            "previous": row["previous"],
            "hours": _hours(row["minutes"]),
            "dollars": row["dollars"] or Decimal("0"),
        }
        for row in rows
    ]


def dashboard(practice, days, today, *, from_entries=False):
    """Return every figure of the dashboard for one window of 30, 60 or 90 days.

    The figures come from the daily summary unless `from_entries` is set.
    """
    source = TrendRows(practice, from_entries)
    first = first_day(today, days)
    daily = daily_counts(source, today)
    return {
        "days": days,
        "today": today,
        "first_day": first,
        "totals": window_totals(daily, today),
        "breakdowns": {
            name: {"title": title, "rows": breakdown(source, name, first, today)}
            for name, (_, title, _) in DIMENSIONS.items()
        },
        "weekly": weekly_series(daily, first),
        "before_after": before_after(source, days, today),
        "repeat_misses": repeat_misses(source, today),
    }


def _labels(dimension, practice):
    if dimension == "root_cause":
        return dict(
            RootCause.objects.filter(practice=practice).values_list("pk", "name")
        )
    if dimension == "owner":
        return dict(Role.choices)
    return {}


def _hours(minutes):
    return round((minutes or 0) / 60, 1)


def _rate(count, days):
    if days <= 0:
        return None
    return round(count * 30 / days, 1)


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value
