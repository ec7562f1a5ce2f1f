import datetime

import pytest

from cptdesk.intake.models import Appointment
from cptdesk.worklog import actions
from cptdesk.worklog.choices import HistoryAction, ItemKind, ItemStatus
from cptdesk.worklog.models import EscalationRule, WorkItem

from .conftest import START


def test_scenario_routes_to_its_role(maple, alice, fixed_clock):
    item = actions.create_work_item(
        maple, scenario="unsigned_order", patient_ref="PT-1", user=alice
    )

    assert item.owner_role == "provider"
    assert item.kind == ItemKind.DOCUMENTATION_REQUEST
    assert item.escalate_at == START + datetime.timedelta(hours=24)


def test_edited_matrix_changes_routing(maple, alice, fixed_clock):
    actions.ensure_matrix(maple)
    EscalationRule.objects.filter(practice=maple, scenario="unsigned_order").update(
        role="supervisor", escalate_after_hours=4
    )

    item = actions.create_work_item(
        maple, scenario="unsigned_order", patient_ref="PT-1", user=alice
    )

    assert item.owner_role == "supervisor"
    assert item.escalate_at == START + datetime.timedelta(hours=4)


def test_unknown_scenario_is_rejected(maple, alice, fixed_clock):
    with pytest.raises(ValueError, match="no_such_thing"):
        actions.create_work_item(
            maple, scenario="no_such_thing", patient_ref="PT-1", user=alice
        )


def test_item_without_patient_is_rejected(maple, alice, fixed_clock):
    with pytest.raises(ValueError, match="patient reference"):
        actions.create_work_item(maple, kind=ItemKind.REFERRAL, user=alice)


def test_due_is_not_after_appointment(maple, alice, fixed_clock):
    visit = Appointment.objects.create(
        practice=maple,
        patient_ref="PT-9",
        starts_at=START + datetime.timedelta(hours=5),
    )

    item = actions.create_work_item(
        maple, scenario="payer_records_request", subject=visit, user=alice
    )

    assert item.due_at == visit.starts_at
    assert item.patient_ref == "PT-9"
    assert item.subject == visit


def test_creation_writes_history(item):
    event = item.events.get()

    assert event.action == HistoryAction.CREATED
    assert event.user.username == "alice"
    assert event.at == START


def test_done_sets_closed_fields(item, bob):
    actions.change_status(item, bob, ItemStatus.DONE)

    assert item.closed_by == bob
    assert item.closed_at == START
    assert item.events.filter(action=HistoryAction.STATUS).exists()


def test_reopen_clears_closed_fields(item, bob):
    actions.change_status(item, bob, ItemStatus.DONE)

    actions.change_status(item, bob, ItemStatus.OPEN)

    assert item.closed_at is None
    assert item.closed_by is None


def test_bulk_reassign_skips_other_practice(item, birch, bob, charlie, fixed_clock):
    other = actions.create_work_item(
        birch, kind=ItemKind.REFERRAL, patient_ref="PT-B", user=charlie
    )

    count = actions.bulk_reassign(
        item.practice, [item.pk, other.pk], bob, owner_role="biller"
    )

    assert count == 1
    assert WorkItem.objects.get(pk=other.pk).owner_role == other.owner_role
    assert WorkItem.objects.get(pk=item.pk).owner_role == "biller"
    assert item.events.filter(action=HistoryAction.REASSIGNED).count() == 1


def test_reassign_to_person_keeps_role_of_person(item, alice, bob):
    actions.reassign(item, alice, owner_user=bob)

    assert item.owner_user == bob
    assert item.owner_role == "front_desk"


def test_escalation_needs_handoff_fields(scenario_item, bob):
    with pytest.raises(actions.HandoffIncomplete) as raised:
        actions.escalate(scenario_item, bob)

    assert raised.value.missing == ["payer_reference", "actionable_note"]


def test_escalation_goes_to_next_level(scenario_item, bob, fixed_clock):
    actions.add_note(
        scenario_item,
        bob,
        {
            "contact_org": "Aetna",
            "reference": "REF-5512",
            "requested": "records for 2026-01-10",
            "next_step": "send the records",
            "next_step_owner": "biller",
            "follow_up_at": START + datetime.timedelta(days=1),
        },
    )
    fixed_clock.advance(hours=2)

    actions.escalate(scenario_item, bob, "Deadline shorter than ours")

    assert scenario_item.status == ItemStatus.ESCALATED
    assert scenario_item.owner_role == "supervisor"
    assert scenario_item.escalation_level == 1
    assert scenario_item.escalated_at == START + datetime.timedelta(hours=2)


def test_item_without_scenario_escalates_to_supervisor(item, bob):
    actions.escalate(item, bob)

    assert item.owner_role == "supervisor"


def test_closed_item_cannot_escalate(item, bob):
    actions.change_status(item, bob, ItemStatus.DONE)

    with pytest.raises(ValueError, match="open item"):
        actions.escalate(item, bob)


# Escalate-early timing with the controlled clock


def test_item_inside_limit_is_not_flagged(scenario_item, fixed_clock):
    fixed_clock.advance(hours=71)

    assert not WorkItem.objects.escalate_early().exists()
    assert not scenario_item.needs_escalation()


def test_item_past_limit_is_flagged(scenario_item, fixed_clock):
    fixed_clock.advance(hours=72, minutes=1)

    assert list(WorkItem.objects.escalate_early()) == [scenario_item]
    assert scenario_item.needs_escalation()


def test_escalated_item_is_not_flagged(item, bob, fixed_clock):
    item.escalate_at = START + datetime.timedelta(hours=1)
    item.save()
    actions.escalate(item, bob)
    fixed_clock.advance(hours=3)

    assert not WorkItem.objects.escalate_early().exists()


def test_done_item_is_not_flagged(scenario_item, bob, fixed_clock):
    actions.change_status(scenario_item, bob, ItemStatus.DONE)
    fixed_clock.advance(days=10)

    assert not WorkItem.objects.escalate_early().exists()


def test_overdue_follows_clock(item, fixed_clock):
    fixed_clock.advance(hours=23)
    assert not WorkItem.objects.overdue().exists()

    fixed_clock.advance(hours=2)

    assert list(WorkItem.objects.overdue()) == [item]
