"""Reports for supervisors: vague notes per person and week, and escalation timing."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncWeek

from cptdesk.accounts.models import UserRole
from cptdesk.lib import clock

from . import escalation
from .choices import ItemStatus, NoteVerdict
from .models import EscalationRule, StatusNote, WorkItem

REPORT_WEEKS = 12


@dataclass
class VagueShare:
    """Notes written by one person in one week, and how many were vague."""

    author: str
    week: datetime.date
    total: int
    vague: int

    @property
    def share(self):
        return self.vague / self.total if self.total else 0.0

    @property
    def percent(self):
        return round(self.share * 100)


def vague_share(practice, weeks=REPORT_WEEKS, moment=None):
    """Return VagueShare rows for the last `weeks` weeks, oldest week first."""
    since = (moment or clock.now()) - datetime.timedelta(weeks=weeks)
    rows = (
        StatusNote.objects.filter(practice=practice, written_at__gte=since)
        .annotate(week=TruncWeek("written_at"))
        .values("author__username", "week")
        .annotate(
            total=Count("pk"), vague=Count("pk", filter=Q(verdict=NoteVerdict.VAGUE))
        )
        .order_by("week", "author__username")
    )
    return [
        VagueShare(
            author=row["author__username"] or "(removed user)",
            week=_as_date(row["week"]),
            total=row["total"],
            vague=row["vague"],
        )
        for row in rows
    ]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass
class ScenarioEscalations:
    """Escalation counts of one matrix row."""

    rule: EscalationRule
    escalated: int = 0
    needless: int = 0
    late: int = 0
    waiting_past_limit: int = 0


def escalation_report(practice, moment=None):
    """Count escalations per scenario, with the needless and late ones.

    Needless: the item was escalated, then marked done within escalation.NEEDLESS_WITHIN
    by someone holding the scenario's first-level role. Late: it was escalated after its
    waiting limit. Waiting past limit: still open, never escalated, limit passed.
    """
    moment = moment or clock.now()
    rows = {
        rule.pk: ScenarioEscalations(rule)
        for rule in EscalationRule.objects.filter(practice=practice)
    }
    first_level = UserRole.objects.filter(
        user=OuterRef("closed_by"), role=OuterRef("scenario__role")
    )
    escalated = (
        WorkItem.objects.filter(practice=practice, escalated_at__isnull=False)
        .exclude(scenario=None)
        .annotate(closed_by_first_level=Exists(first_level))
        .values_list(
            "scenario_id",
            "status",
            "escalate_at",
            "escalated_at",
            "closed_at",
            "closed_by_first_level",
        )
    )
    for scenario_id, status, limit, escalated_at, closed_at, first in escalated:
        row = rows[scenario_id]
        row.escalated += 1
        row.late += escalation.escalated_late(limit, escalated_at)
        row.needless += status == ItemStatus.DONE and escalation.escalated_needlessly(
            escalated_at, closed_at, first
        )

    waiting = (
        WorkItem.objects.filter(practice=practice)
        .escalate_early(moment)
        .values("scenario_id")
        .annotate(count=Count("pk"))
    )
    for entry in waiting:
        if entry["scenario_id"] in rows:
            rows[entry["scenario_id"]].waiting_past_limit = entry["count"]
    return sorted(rows.values(), key=lambda row: (-row.escalated, row.rule.label))
