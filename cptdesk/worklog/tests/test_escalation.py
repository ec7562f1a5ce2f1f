import datetime

import pytest

from cptdesk.accounts.choices import Role
from cptdesk.worklog import escalation
from cptdesk.worklog.choices import HandoffField, ItemKind

SCENARIOS = {rule.scenario for rule in escalation.STARTER_RULES}
MOMENT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "scenario",
    [
        "doc_service_mismatch",
        "patient_disputes_code",
        "denial_missing_auth",
        "payer_records_request",
        "auth_about_to_expire",
        "cost_estimate_request",
        "unsigned_order",
        *escalation.FLAG_KINDS,
    ],
)
def test_starter_matrix_covers_scenario(scenario):
    assert scenario in SCENARIOS


@pytest.mark.parametrize("rule", escalation.STARTER_RULES, ids=lambda r: r.scenario)
def test_starter_rule_uses_known_values(rule):
    assert rule.role in Role.values
    assert rule.escalate_to in Role.values
    assert rule.escalate_to != rule.role
    assert rule.item_kind in ItemKind.values
    assert set(rule.handoff_fields) <= set(HandoffField.values)
    assert rule.escalate_after_hours > 0


@pytest.mark.parametrize(
    ("kind", "scenario"),
    [
        ("auth_missing", "prior_auth_missing"),
        ("code_not_valid", "code_invalid"),
        ("ncci_pair", "ncci_pair"),
    ],
)
def test_flag_kind_maps_to_scenario(kind, scenario):
    assert escalation.scenario_for_flag(kind) == scenario


@pytest.mark.parametrize(
    ("severity", "blocking", "priority"),
    [
        ("high", False, 2),
        ("HIGH", False, 2),
        ("info", False, 4),
        (3, False, 2),
        (1, False, 4),
        ("unheard-of", False, 3),
        (None, False, 3),
        ("low", True, 1),
    ],
)
def test_priority_for_severity(severity, blocking, priority):
    assert escalation.priority_for_severity(severity, blocking) == priority


def test_escalation_due_only_after_limit():
    limit = MOMENT + datetime.timedelta(hours=24)

    assert not escalation.is_escalation_due(limit, None, limit)
    assert escalation.is_escalation_due(limit, None, limit + datetime.timedelta(1))
    assert not escalation.is_escalation_due(
        limit, MOMENT, limit + datetime.timedelta(1)
    )


def test_escalated_late_compares_with_limit():
    limit = MOMENT + datetime.timedelta(hours=24)

    assert escalation.escalated_late(limit, limit + datetime.timedelta(minutes=1))
    assert not escalation.escalated_late(limit, limit)
    assert not escalation.escalated_late(None, limit)


@pytest.mark.parametrize(
    ("hours_to_close", "first_level", "needless"),
    [(2, True, True), (24, True, True), (25, True, False), (2, False, False)],
)
def test_escalated_needlessly(hours_to_close, first_level, needless):
    closed = MOMENT + datetime.timedelta(hours=hours_to_close)

    assert escalation.escalated_needlessly(MOMENT, closed, first_level) is needless
