"""The starter escalation matrix and the timing rules that judge an escalation.

Each rule maps a scenario to the role that handles it first, the role it escalates to,
how many hours an item may wait before it must be escalated, and the hand-off fields an
escalation must carry. Seven scenarios come from front-office work and seven are the red
flag kinds that the intake app raises, under the same names, so a flag routes straight to
its rule. Roles are the values of cptdesk.accounts.choices.Role, written out here so this
module needs no Django import.
"""

import datetime
from dataclasses import dataclass

# An escalation counts as needless when someone with the first-level role closed the
# item within this time after it, because the first level could have handled it.
NEEDLESS_WITHIN = datetime.timedelta(hours=24)

FRONT_DESK = "front_desk"
AUTH_COORDINATOR = "auth_coordinator"
BILLER = "biller"
CODER = "coder"
PROVIDER = "provider"
SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class StarterRule:
    scenario: str
    label: str
    role: str
    escalate_to: str
    escalate_after_hours: int
    item_kind: str
    handoff_fields: tuple[str, ...]


STARTER_RULES = (
    StarterRule(
        "doc_service_mismatch",
        "Documentation does not match the scheduled service",
        CODER,
        PROVIDER,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence", "question"),
    ),
    StarterRule(
        "patient_disputes_code",
        "A patient disputes a code on a bill",
        BILLER,
        CODER,
        48,
        "patient_callback",
        ("patient_ref", "actionable_note", "question"),
    ),
    StarterRule(
        "denial_missing_auth",
        "A denial for missing authorization",
        AUTH_COORDINATOR,
        SUPERVISOR,
        48,
        "denial_follow_up",
        ("patient_ref", "subject", "payer_reference", "actionable_note"),
    ),
    StarterRule(
        "payer_records_request",
        "A payer asks for records",
        BILLER,
        SUPERVISOR,
        72,
        "records_request",
        ("patient_ref", "payer_reference", "actionable_note"),
    ),
    StarterRule(
        "auth_about_to_expire",
        "An authorization is about to expire",
        AUTH_COORDINATOR,
        SUPERVISOR,
        24,
        "prior_authorization",
        ("patient_ref", "subject", "actionable_note"),
    ),
    StarterRule(
        "cost_estimate_request",
        "A patient asks for a cost estimate",
        BILLER,
        SUPERVISOR,
        24,
        "patient_callback",
        ("patient_ref", "question"),
    ),
    StarterRule(
        "unsigned_order",
        "A provider's order is unsigned",
        PROVIDER,
        SUPERVISOR,
        24,
        "documentation_request",
        ("patient_ref", "subject", "question"),
    ),
    # One rule per red flag kind of the intake app, named exactly as the flag kinds.
    StarterRule(
        "prior_auth_missing",
        "Red flag: prior authorization missing",
        AUTH_COORDINATOR,
        SUPERVISOR,
        24,
        "prior_authorization",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "auth_expiring",
        "Red flag: authorization expiring",
        AUTH_COORDINATOR,
        SUPERVISOR,
        48,
        "prior_authorization",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "code_invalid",
        "Red flag: code not valid on the date of service",
        CODER,
        SUPERVISOR,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "ncci_pair",
        "Red flag: NCCI procedure pair on one visit",
        CODER,
        SUPERVISOR,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "mue_exceeded",
        "Red flag: units above the MUE",
        CODER,
        SUPERVISOR,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "global_period",
        "Red flag: visit inside a global surgical period",
        BILLER,
        SUPERVISOR,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence"),
    ),
    StarterRule(
        "auth_code_mismatch",
        "Red flag: authorized codes differ from scheduled codes",
        AUTH_COORDINATOR,
        CODER,
        24,
        "mismatch_review",
        ("patient_ref", "subject", "evidence", "question"),
    ),
)

FLAG_KINDS = (
    "prior_auth_missing",
    "auth_expiring",
    "code_invalid",
    "ncci_pair",
    "mue_exceeded",
    "global_period",
    "auth_code_mismatch",
)

# Other spellings of the same flag kinds, as the intake app's flag model stores them.
FLAG_KIND_ALIASES = {
    "auth_missing": "prior_auth_missing",
    "auth_no_units": "prior_auth_missing",
    "code_not_valid": "code_invalid",
}


def scenario_for_flag(kind) -> str:
    kind = str(kind or "")
    return FLAG_KIND_ALIASES.get(kind, kind)


# Flag severities as numbers (the intake app's 1 low, 2 medium, 3 high) or as words;
# anything else is treated as normal priority (3).
NUMERIC_SEVERITY_PRIORITY = {3: 2, 2: 3, 1: 4}
SEVERITY_PRIORITY = {
    "critical": 1,
    "urgent": 1,
    "block": 1,
    "blocking": 1,
    "high": 2,
    "error": 2,
    "warning": 3,
    "medium": 3,
    "normal": 3,
    "info": 4,
    "low": 4,
}
DEFAULT_PRIORITY = 3


def priority_for_severity(severity, blocking=False) -> int:
    """Return the work item priority (1 urgent to 4 low) for a flag's severity."""
    if blocking:
        return 1
    if isinstance(severity, int) and not isinstance(severity, bool):
        return NUMERIC_SEVERITY_PRIORITY.get(int(severity), DEFAULT_PRIORITY)
    return SEVERITY_PRIORITY.get(str(severity or "").strip().lower(), DEFAULT_PRIORITY)


def escalate_by(created_at: datetime.datetime, hours: int) -> datetime.datetime:
    return created_at + datetime.timedelta(hours=hours)


def is_escalation_due(escalate_at, escalated_at, moment) -> bool:
    """Return True when an item is past its waiting limit and nobody escalated it."""
    return escalate_at is not None and escalated_at is None and moment > escalate_at


def escalated_late(escalate_at, escalated_at) -> bool:
    return None not in (escalate_at, escalated_at) and escalated_at > escalate_at


def escalated_needlessly(escalated_at, closed_at, closed_by_first_level) -> bool:
    """Return True when the first level closed an escalated item soon afterwards."""
    if escalated_at is None or closed_at is None or not closed_by_first_level:
        return False
    return closed_at - escalated_at <= NEEDLESS_WITHIN
