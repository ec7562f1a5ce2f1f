"""Training progress of one user or of a practice's team, read from their attempts."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q

from .models import ScenarioAttempt
from .scenarios import SCENARIOS


@dataclass(frozen=True)
class Progress:
    """Best scores of one user: per scenario key, and the totals shown on pages."""

    best: dict
    passed: int
    attempted: int
    total: int

    @property
    def average(self):
        if not self.best:
            return 0
        return round(sum(self.best.values()) / len(self.best))


def user_progress(user):
    rows = (
        ScenarioAttempt.objects.filter(practice=user.practice, user=user)
        .values("scenario_key")
        .annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))
    )
    return build_progress(rows)


def build_progress(rows):
    known = {scenario.key for scenario in SCENARIOS}
    rows = [row for row in rows if row["scenario_key"] in known]
    best = {row["scenario_key"]: row["best"] for row in rows}
    passed = sum(1 for row in rows if row["passes"])
    return Progress(best, passed, len(rows), len(SCENARIOS))


def team_progress(practice):
    """Return [(user, Progress)] for every user of the practice, in two queries."""
    users = get_user_model().objects.filter(practice=practice).order_by("username")
    rows = (
        ScenarioAttempt.objects.filter(practice=practice)
        .values("user_id", "scenario_key")
        .annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))
    )
    by_user = {}
    for row in rows:
        by_user.setdefault(row["user_id"], []).append(row)
    return [(user, build_progress(by_user.get(user.pk, []))) for user in users]
