import datetime

import pytest
from django.urls import reverse

from cptdesk.accounts.actions import create_user
from cptdesk.worklog import actions, reports
from cptdesk.worklog.choices import ItemStatus

from .conftest import START

COMPLETE = {
    "contact_org": "Aetna",
    "reference": "REF-1",
    "requested": "records",
    "next_step": "send records",
    "next_step_owner": "biller",
    "follow_up_at": START + datetime.timedelta(days=1),
}


def test_vague_share_per_person(item, alice, bob, fixed_clock):
    actions.add_note(item, bob, {"text": "LVM"}, confirm_vague=True)
    actions.add_note(item, bob, COMPLETE)
    actions.add_note(item, alice, COMPLETE)

    rows = {row.author: row for row in reports.vague_share(item.practice)}

    assert rows["bob"].total == 2
    assert rows["bob"].vague == 1
    assert rows["bob"].percent == 50
    assert rows["alice"].vague == 0


def test_vague_share_splits_weeks(item, bob, fixed_clock):
    actions.add_note(item, bob, {"text": "LVM"}, confirm_vague=True)
    fixed_clock.advance(days=7)
    actions.add_note(item, bob, COMPLETE)

    weeks = [row.week for row in reports.vague_share(item.practice)]

    assert weeks == [datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)]


@pytest.fixture
def biller(maple):
    user, _ = create_user(maple, "bea", ["biller"], password="x-long-password")
    return user


def escalated_records_item(practice, user, clock_):
    item = actions.create_work_item(
        practice, scenario="payer_records_request", patient_ref="PT-3", user=user
    )
    actions.add_note(item, user, COMPLETE)
    return item


def report_row(practice, scenario):
    for row in reports.escalation_report(practice):
        if row.rule.scenario == scenario:
            return row
    raise AssertionError(scenario)


def test_quick_first_level_close_is_needless(maple, biller, fixed_clock):
    item = escalated_records_item(maple, biller, fixed_clock)
    actions.escalate(item, biller, "Which dates?")
    fixed_clock.advance(hours=3)
    actions.change_status(item, biller, ItemStatus.DONE)

    row = report_row(maple, "payer_records_request")

    assert row.escalated == 1
    assert row.needless == 1
    assert row.late == 0


def test_close_by_next_level_is_not_needless(maple, biller, alice, fixed_clock):
    item = escalated_records_item(maple, biller, fixed_clock)
    actions.escalate(item, biller, "Which dates?")
    actions.change_status(item, alice, ItemStatus.DONE)

    assert report_row(maple, "payer_records_request").needless == 0


def test_escalation_after_limit_is_late(maple, biller, fixed_clock):
    item = escalated_records_item(maple, biller, fixed_clock)
    fixed_clock.advance(hours=80)
    actions.escalate(item, biller, "Which dates?")

    assert report_row(maple, "payer_records_request").late == 1


def test_unescalated_past_limit_is_counted(maple, biller, fixed_clock):
    escalated_records_item(maple, biller, fixed_clock)
    fixed_clock.advance(hours=80)

    assert report_row(maple, "payer_records_request").waiting_past_limit == 1


@pytest.mark.parametrize("name", ["note-report", "escalation-report"])
def test_front_desk_cannot_see_reports(client, bob, name):
    client.force_login(bob)

    assert client.get(reverse(f"worklog:{name}")).status_code == 403


@pytest.mark.parametrize("name", ["note-report", "escalation-report"])
def test_supervisor_sees_reports(client, alice, name):
    client.force_login(alice)

    assert client.get(reverse(f"worklog:{name}")).status_code == 200


def test_report_shows_only_own_practice(client, alice, charlie, fixed_clock):
    other = actions.create_work_item(
        charlie.practice, kind="referral", patient_ref="PT-B", user=charlie
    )
    actions.add_note(other, charlie, {"text": "LVM"}, confirm_vague=True)
    client.force_login(alice)

    response = client.get(reverse("worklog:note-report"))

    assert b"charlie" not in response.content
