"""Evaluate payer rules against the facts of one visit, without a database.

A rule fires when every condition it states holds on the visit: its payer or plan, its
code or code range (or its service), place of service, patient age, units, paired codes
and effective dates. Each hit lists those conditions in plain words, so staff can see why
a flag was raised. When several rules fire for the same code and result, only the most
specific one is kept: a plan rule over a payer rule over a rule for every payer.
"""

import datetime
from dataclasses import dataclass, field
from typing import Literal

CODE_LENGTH = 5
# Specificity levels: a higher level overrides a lower one for the same code and result.
EVERY_PAYER, PAYER_LEVEL, PLAN_LEVEL = range(3)
LEVEL_WORDS = {
    EVERY_PAYER: "every payer",
    PAYER_LEVEL: "the payer",
    PLAN_LEVEL: "the plan",
}


@dataclass(frozen=True)
class RuleSpec:
    """One payer rule as the engine reads it; empty conditions do not restrict."""

    id: int
    result: str
    payer_id: int | None = None
    plan_id: int | None = None
    code_from: str = ""
    code_to: str = ""  # equal to code_from, or empty, for one code
    service_id: int | None = None
    place_of_service: str = ""
    min_age: int | None = None
    max_age: int | None = None
    min_units: int | None = None
    paired_codes: tuple[
        str, ...
    ] = ()  # the rule fires only with one of them on the visit
    documents: tuple[str, ...] = ()
    source_title: str = ""
    source_url: str = ""
    source_version: str = ""
    source_confirmed: bool = True
    effective_from: datetime.date | None = None  # inclusive
    effective_to: datetime.date | None = None  # inclusive
    note: str = ""

    @property
    def level(self) -> int:
        if self.plan_id is not None:
            return PLAN_LEVEL
        if self.payer_id is not None:
            return PAYER_LEVEL
        return EVERY_PAYER

    @property
    def code_label(self) -> str:
        last = self.code_to or self.code_from
        if not self.code_from or last == self.code_from:
            return self.code_from
        return f"{self.code_from}-{last}"


@dataclass(frozen=True)
class VisitFacts:
    """The known facts of a scheduled visit that the rules are checked against."""

    date_of_service: datetime.date
    payer_id: int | None = None
    plan_id: int | None = None
    place_of_service: str = ""
    patient_age: int | None = None  # whole years on the date of service
    lines: tuple[tuple[str, int], ...] = ()  # (code, units) per scheduled line
    service_ids: tuple[int, ...] = ()


@dataclass
class RuleHit:
    """A rule that fired, the code it fired for, and the conditions that held."""

    rule: RuleSpec
    code: str  # empty when the rule names a service and no code
    reasons: list[str] = field(default_factory=list)


def code_shape(code: str) -> str:
    """Return the pattern of a code: "9" for each digit and the letter itself otherwise.

    Codes compare only with codes of the same shape, so the range J0585-J0588 never
    contains K0586 and the range 0001F-0015F never contains 0005T.
    """
    return "".join("9" if char.isdigit() else char for char in code.upper())


def code_in_range(code: str, first: str, last: str) -> bool:
    """Say whether a code lies in the inclusive range first..last of the same shape."""
    code, first, last = code.upper(), first.upper(), (last or first).upper()
    if len(code) != CODE_LENGTH:
        return False
    if not code_shape(code) == code_shape(first) == code_shape(last):
        return False
    return first <= code <= last


def evaluate(rules, visit: VisitFacts) -> list[RuleHit]:
    """Return the hits of the rules on the visit, most specific only, in a stable order."""
    hits = []
    for rule in sorted(rules, key=lambda rule: rule.id):
        hits.extend(rule_hits(rule, visit))
    return keep_most_specific(hits)


def rule_hits(rule: RuleSpec, visit: VisitFacts) -> list[RuleHit]:
    """Return the hits of one rule: one per matching code line, or one for the service."""
    common = common_reasons(rule, visit)
    if common is None:
        return []

    if rule.service_id is not None and rule.service_id not in visit.service_ids:
        return []
    if rule.service_id is not None:
        common.append("the visit books the rule's service")

    if not rule.code_from:
        total_units = sum(units for _, units in visit.lines)
        return single_hit(rule, visit, "", total_units, common)
    hits = []
    for code, units in visit.lines:
        if code_in_range(code, rule.code_from, rule.code_to):
            found = code_reason(rule, code)
            hits.extend(single_hit(rule, visit, code.upper(), units, [*common, found]))
    return hits


def common_reasons(rule: RuleSpec, visit: VisitFacts) -> list[str] | None:
    """Check the conditions that do not depend on a code line; None when one fails."""
    reasons = []
    date_reason = in_force_reason(rule, visit.date_of_service)
    if date_reason is None:
        return None
    reasons.append(date_reason)

    # Match the payer and plan; a plan rule needs the visit's plan itself.
    if rule.plan_id is not None:
        if rule.plan_id != visit.plan_id:
            return None
        reasons.append("the rule is for the visit's plan")
    elif rule.payer_id is not None:
        if rule.payer_id != visit.payer_id:
            return None
        reasons.append("the rule is for the visit's payer")
    else:
        reasons.append("the rule applies to every payer")

    if rule.place_of_service:
        if rule.place_of_service != visit.place_of_service:
            return None
        reasons.append(f"place of service is {rule.place_of_service}")

    age_reason = age_check(rule, visit.patient_age)
    if age_reason is False:
        return None
    if age_reason:
        reasons.append(age_reason)
    return reasons


def in_force_reason(rule: RuleSpec, on_date: datetime.date) -> str | None:
    if rule.effective_from and on_date < rule.effective_from:
        return None
    if rule.effective_to and on_date > rule.effective_to:
        return None
    start = rule.effective_from.isoformat() if rule.effective_from else "the start"
    end = rule.effective_to.isoformat() if rule.effective_to else "no end date"
    return f"in force on {on_date.isoformat()} (from {start}, until {end})"


def age_check(rule: RuleSpec, age: int | None) -> str | Literal[False]:
    """Return the age reason, "" when the rule has no age limit, False when it fails.

    An unknown age cannot rule a visit out, so the rule still fires and its reason
    states that the age was not checked. Missing a prior authorization costs more than
    checking one that was not needed.
    """
    if rule.min_age is None and rule.max_age is None:
        return ""
    limits = age_limits_text(rule)
    if age is None:
        return f"patient age is unknown, so the age limit ({limits}) was not checked"
    if rule.min_age is not None and age < rule.min_age:
        return False
    if rule.max_age is not None and age > rule.max_age:
        return False
    return f"patient age {age} is within {limits}"


def age_limits_text(rule: RuleSpec) -> str:
    if rule.min_age is not None and rule.max_age is not None:
        return f"{rule.min_age} to {rule.max_age} years"
    if rule.min_age is not None:
        return f"{rule.min_age} years or older"
    return f"{rule.max_age} years or younger"


def code_reason(rule: RuleSpec, code: str) -> str:
    if rule.code_label == rule.code_from:
        return f"{code.upper()} is scheduled"
    return f"{code.upper()} is scheduled and lies in {rule.code_label}"


def single_hit(rule, visit, code, units, reasons) -> list[RuleHit]:
    """Apply the units and paired-code conditions and return the hit, or nothing."""
    if rule.min_units is not None:
        if units < rule.min_units:
            return []
        reasons = [*reasons, f"{units} units, at least {rule.min_units}"]

    if rule.paired_codes:
        paired = paired_on_visit(rule, visit, code)
        if not paired:
            return []
        reasons = [*reasons, f"paired code {', '.join(paired)} is on the same visit"]
    return [RuleHit(rule=rule, code=code, reasons=reasons)]


def paired_on_visit(rule: RuleSpec, visit: VisitFacts, code: str) -> list[str]:
    wanted = {paired.upper() for paired in rule.paired_codes}
    found = {line_code.upper() for line_code, _ in visit.lines} & wanted
    found.discard(code)
    return sorted(found)


def keep_most_specific(hits: list[RuleHit]) -> list[RuleHit]:
    """Drop hits overridden by a more specific rule for the same code and result."""
    groups: dict[tuple[str, int | None, str], list[RuleHit]] = {}
    for hit in hits:
        key = (hit.code, hit.rule.service_id if not hit.code else None, hit.rule.result)
        groups.setdefault(key, []).append(hit)

    kept = []
    for group in groups.values():
        top = max(hit.rule.level for hit in group)
        overridden = [hit.rule.id for hit in group if hit.rule.level < top]
        for hit in group:
            if hit.rule.level < top:
                continue
            if overridden:
                ids = ", ".join(str(rule_id) for rule_id in overridden)
                hit.reasons.append(
                    f"a rule for {LEVEL_WORDS[top]} overrides rule {ids}"
                    " for the same code and result"
                )
            kept.append(hit)
    return sorted(kept, key=lambda hit: (hit.code, hit.rule.result, hit.rule.id))
