"""Read the practice's payer rules in the form the rule engine evaluates."""

from .models import Rule
from .ruleengine import RuleSpec

SPEC_FIELDS = (
    "id",
    "payer_id",
    "plan_id",
    "code_from",
    "code_to",
    "service_id",
    "place_of_service",
    "min_age",
    "max_age",
    "min_units",
    "paired_codes",
    "result",
    "documents",
    "source_title",
    "source_url",
    "source_version",
    "source_confirmed",
    "effective_from",
    "effective_to",
    "note",
)


def rules_in_force(practice, on_date=None):
    """Return the practice's rules as RuleSpecs, in one query, ordered by id.

    With a date, only the rules in force on that date are returned. Without one, every
    rule is returned, so a caller checking visits on several dates reads once and the
    engine compares each visit's date with the effective dates.
    """
    rules = Rule.objects.filter(practice=practice)
    if on_date is not None:
        rules = rules.in_force(on_date)
    rows = rules.order_by("id").values(*SPEC_FIELDS)
    return [to_spec(row) for row in rows]


def to_spec(row):
    row["paired_codes"] = tuple(row["paired_codes"] or ())
    row["documents"] = tuple(row["documents"] or ())
    return RuleSpec(**row)
