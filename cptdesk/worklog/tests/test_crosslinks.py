"""A learning-log denial becomes a work item, and a work item links back to its record."""

import datetime

import pytest
from django.urls import reverse

from cptdesk.intake.models import Appointment
from cptdesk.remits import actions as remits_actions
from cptdesk.worklog import actions
from cptdesk.worklog.models import WorkItem

from .conftest import START


def paper_denial(practice, reason_code="197", patient_ref="PT-5120"):
    """Log a paper-EOB denial. CARC 197 is classified as a missing authorization."""
    data = {
        "source": "paper_eob",
        "occurred_on": datetime.date(2026, 2, 27),
        "what_happened": "Paper EOB denied the knee injection",
        "payer_name": "Acme Health",
        "patient_ref": patient_ref,
        "service_date": datetime.date(2026, 2, 10),
        "procedure_code": "20610",
        "group_code": "CO",
        "reason_code": reason_code,
        "amount": "180.00",
    }
    return remits_actions.create_entry(practice, None, data)


def follow_up(client, entry):
    return client.post(reverse("worklog:item-from-denial", args=[entry.pk]))


def test_denial_follow_up_routes_by_matrix(client, bob, fixed_clock):
    entry = paper_denial(bob.practice)
    client.force_login(bob)

    response = follow_up(client, entry)

    item = WorkItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("worklog:item", args=[item.pk])
    assert item.kind == "denial_follow_up"
    assert item.scenario.scenario == "denial_missing_auth"
    assert item.owner_role == "auth_coordinator"


def test_denial_follow_up_links_the_entry(client, bob, fixed_clock):
    entry = paper_denial(bob.practice)
    client.force_login(bob)

    follow_up(client, entry)

    item = WorkItem.objects.get()
    assert item.subject == entry
    assert item.patient_ref == "PT-5120"
    assert item.payer == "Acme Health"
    assert item.evidence["reason_code"] == "197"
    assert item.evidence["learning_entry"] == entry.pk


def test_denial_without_matrix_row_goes_to_owner(client, bob, fixed_clock):
    entry = paper_denial(bob.practice, reason_code="4")
    client.force_login(bob)

    follow_up(client, entry)

    item = WorkItem.objects.get()
    assert entry.category == "coding"
    assert item.scenario is None
    assert item.owner_role == entry.responsible_role


def test_second_follow_up_opens_the_first(client, bob, fixed_clock):
    entry = paper_denial(bob.practice)
    client.force_login(bob)
    follow_up(client, entry)

    response = follow_up(client, entry)

    item = WorkItem.objects.get()
    assert response["Location"] == reverse("worklog:item", args=[item.pk])


def test_follow_up_without_patient_is_rejected(client, bob, fixed_clock):
    entry = paper_denial(bob.practice, patient_ref="")
    client.force_login(bob)

    response = follow_up(client, entry)

    assert response["Location"] == reverse("remits:entry", args=[entry.pk])
    assert WorkItem.objects.count() == 0


def test_follow_up_of_other_practice_is_404(client, charlie, maple, fixed_clock):
    entry = paper_denial(maple)
    client.force_login(charlie)

    response = follow_up(client, entry)

    assert response.status_code == 404
    assert WorkItem.objects.count() == 0


def test_follow_up_needs_login(client, maple, fixed_clock):
    entry = paper_denial(maple)

    response = follow_up(client, entry)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_follow_up_rejects_get(client, bob, fixed_clock):
    entry = paper_denial(bob.practice)
    client.force_login(bob)

    response = client.get(reverse("worklog:item-from-denial", args=[entry.pk]))

    assert response.status_code == 405


def test_item_page_links_its_denial_and_scripts(client, bob, fixed_clock):
    entry = paper_denial(bob.practice)
    client.force_login(bob)
    follow_up(client, entry)
    item = WorkItem.objects.get()

    page = client.get(reverse("worklog:item", args=[item.pk])).content.decode()

    assert f'href="{reverse("remits:entry", args=[entry.pk])}"' in page
    assert "Why was this denied?" in page
    assert "patient_ref=PT-5120" in page


def test_item_page_links_its_visit(client, bob, alice, fixed_clock):
    visit = Appointment.objects.create(
        practice=bob.practice,
        patient_ref="PT-5121",
        starts_at=START + datetime.timedelta(days=2),
    )
    item = actions.create_work_item(
        bob.practice, scenario="prior_auth_missing", subject=visit, user=alice
    )
    client.force_login(bob)

    page = client.get(reverse("worklog:item", args=[item.pk])).content.decode()

    assert f'href="{reverse("intake:appointment", args=[visit.pk])}"' in page
    assert "Do I need prior authorization?" in page


def test_item_page_links_vague_note_mistake(client, bob, item):
    client.force_login(bob)

    page = client.get(reverse("worklog:item", args=[item.pk])).content.decode()

    assert f'href="{reverse("guide:mistakes")}#vague"' in page


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("referral", "Do I need a referral?"), ("records_request", None)],
)
def test_item_offers_scripts_by_type(client, bob, alice, fixed_clock, kind, expected):
    item = actions.create_work_item(
        bob.practice, kind=kind, patient_ref="PT-5122", user=alice
    )
    client.force_login(bob)

    page = client.get(reverse("worklog:item", args=[item.pk])).content.decode()

    offered = "Scripts for this situation" in page
    assert offered is (expected is not None)
    if expected:
        assert expected in page


def test_request_due_in_the_past_is_rejected(maple, fixed_clock):
    from cptdesk.worklog.forms import DocumentRequestForm
    from cptdesk.worklog.models import RequestTemplate

    template = RequestTemplate.objects.filter(practice=maple).first()
    past = fixed_clock() - datetime.timedelta(days=3)
    form = DocumentRequestForm(
        maple,
        data={
            "template": template.pk if template else "",
            "format": "fax",
            "due_at": past.strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert not form.is_valid()
    assert "due_at" in form.errors
