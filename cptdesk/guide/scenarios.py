"""Training scenarios and their scoring, without Django.

A scenario describes a situation at one stage of a visit: a caller, a request from a
provider or a mismatch in the records. The learner answers by choosing an option or by
writing what they would say. A chosen option scores 100 when it is the right one and 0
otherwise. A written answer scores the share of the scenario's key points it covers,
and 0 when the scope guard finds a promise of coverage or price, coding advice or
clinical advice in it. Both kinds pass at PASS_MARK.
"""

import re
from dataclasses import dataclass, field

from cptdesk.scope.guard import Finding, check_scope

CHOICE = "choice"
WRITTEN = "written"
PASS_MARK = 75  # percent; a written answer may miss one of four key points

PRE_SERVICE = "pre_service"
DAY_OF_SERVICE = "day_of_service"
POST_SERVICE = "post_service"


@dataclass(frozen=True)
class Option:
    """One answer to a choice scenario, with the feedback shown after it is chosen."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class KeyPoint:
    """Something a written answer should do, recognised by a regular expression."""

    label: str
    pattern: str

    def is_met(self, text: str) -> bool:
        return re.search(self.pattern, text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Scenario:
    """A training situation, how it is answered and the model answer."""

    key: str
    stage: str
    title: str
    situation: str
    kind: str
    model_answer: str
    script_key: str = ""  # the library script that fits the situation
    options: tuple[Option, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()


@dataclass(frozen=True)
class Result:
    """The score of one answer and what the feedback shows."""

    score: int
    passed: bool
    feedback: str = ""
    findings: tuple[Finding, ...] = ()
    met: tuple[str, ...] = ()
    missed: tuple[str, ...] = field(default_factory=tuple)


# Key points shared by several written scenarios.
NEXT_STEP = KeyPoint(
    "Says what happens next and when",
    r"\b(?:call|get back|follow(?:\s|-)?up|let you know|update you|by\s+(?:today"
    r"|tomorrow|monday|tuesday|wednesday|thursday|friday|end\s+of\s+day|noon"
    r"|\d))",
)
PLAN_DECIDES = KeyPoint(
    "Explains that the plan decides",
    r"\b(?:plan|insurance|payer|insurer|carrier)\b[^.]*\b(?:decid|determin|review"
    r"|process|works?\s+(?:it\s+)?out)",
)
ROUTE_CODER = KeyPoint("Routes the question to coding", r"\bcod(?:er|ers|ing)\b")
ROUTE_BILLER = KeyPoint("Routes the question to billing", r"\bbill(?:er|ers|ing)\b")
ROUTE_CLINICAL = KeyPoint(
    "Routes the question to the provider or nurse",
    r"\b(?:provider|doctor|physician|nurse|dr\.?)\b",
)
REFERENCE = KeyPoint(
    "Gives a reference or the patient reference",
    r"\b(?:ref(?:erence)?|patient|pt|#\s?\d)",
)
NOTHING_CHANGED = KeyPoint(
    "States that nothing was changed",
    r"\b(?:(?:have\s+not|haven't|did\s+not|didn't)\s+(?:changed|edited|touched"
    r"|altered)|no\s+changes?|left\s+(?:it|them|the\s+\w+)\s+as)",
)
DUE_DATE = KeyPoint(
    "Sets a due date",
    r"\bby\s+(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|end\s+of"
    r"|noon|\d)|\bdue\b",
)
ESTIMATE = KeyPoint("Offers an estimate", r"\bestimate")
RESCHEDULE = KeyPoint(
    "Explains the visit may move", r"\b(?:reschedul|mov(?:e|ing)|new\s+date|postpon)"
)


def score(scenario: Scenario, choice: int | None = None, text: str = "") -> Result:
    """Score a chosen option index or a written text against the scenario."""
    if scenario.kind == CHOICE:
        return score_choice(scenario, choice)
    return score_written(scenario, text)


def score_choice(scenario: Scenario, choice: int | None) -> Result:
    if choice is None or not 0 <= choice < len(scenario.options):
        raise ValueError(
            f"Option {choice!r} does not exist in scenario {scenario.key}: "
            f"choose 0 to {len(scenario.options) - 1}."
        )
    option = scenario.options[choice]
    points = 100 if option.correct else 0
    return Result(points, points >= PASS_MARK, feedback=option.feedback)


def score_written(scenario: Scenario, text: str) -> Result:
    # The answer is what the trainee would say, quotation marks or not.
    findings = tuple(check_scope(text, quotes_are_own=True))
    met = tuple(point.label for point in scenario.key_points if point.is_met(text))
    missed = tuple(
        point.label for point in scenario.key_points if point.label not in met
    )
    points = round(100 * len(met) / len(scenario.key_points))
    if findings or not text.strip():
        points = 0
    return Result(
        points,
        points >= PASS_MARK,
        findings=findings,
        met=met,
        missed=missed,
    )


def by_key(key: str) -> Scenario | None:
    return SCENARIOS_BY_KEY.get(key)


# Scenarios are defined in their own module so that this one stays about scoring.
from .scenariolist import SCENARIOS  # noqa: E402

SCENARIOS_BY_KEY = {scenario.key: scenario for scenario in SCENARIOS}
