from django.urls import reverse

from cptdesk.worklog import actions
from cptdesk.worklog.models import EscalationRule

RULE_FORM = {
    "label": "A provider's order is unsigned",
    "role": "provider",
    "escalate_to": "practice_admin",
    "escalate_after_hours": 8,
    "item_kind": "documentation_request",
    "handoff_fields": ["patient_ref", "question"],
}


def unsigned_order_rule(practice):
    actions.ensure_matrix(practice)
    return EscalationRule.objects.get(practice=practice, scenario="unsigned_order")


def test_matrix_lists_starter_rules(client, bob):
    client.force_login(bob)

    response = client.get(reverse("worklog:matrix"))

    assert b"A patient asks for a cost estimate" in response.content
    assert b"auth_code_mismatch" in response.content


def test_front_desk_cannot_edit_matrix(client, bob):
    rule = unsigned_order_rule(bob.practice)
    client.force_login(bob)

    response = client.post(reverse("worklog:rule-edit", args=[rule.pk]), RULE_FORM)

    assert response.status_code == 403


def test_supervisor_edits_matrix(client, alice):
    rule = unsigned_order_rule(alice.practice)
    client.force_login(alice)

    client.post(reverse("worklog:rule-edit", args=[rule.pk]), RULE_FORM)

    rule.refresh_from_db()
    assert rule.escalate_after_hours == 8
    assert rule.escalate_to == "practice_admin"
    assert rule.handoff_fields == ["patient_ref", "question"]


def test_rule_of_other_practice_is_404(client, alice, birch):
    rule = unsigned_order_rule(birch)
    client.force_login(alice)

    assert client.get(reverse("worklog:rule-edit", args=[rule.pk])).status_code == 404
