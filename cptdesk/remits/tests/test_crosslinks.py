"""A learning-log entry offers its scripts and a follow-up work item."""

import datetime

import pytest
from django.urls import reverse

from cptdesk.remits import actions
from cptdesk.worklog.models import WorkItem


def paper_denial(practice, reason_code="197"):
    """Log a paper-EOB denial. CARC 197 is classified as a missing authorization."""
    data = {
        "source": "paper_eob",
        "occurred_on": datetime.date(2026, 2, 27),
        "what_happened": "Paper EOB denied the knee injection",
        "payer_name": "Acme Health",
        "patient_ref": "PT-6120",
        "service_date": datetime.date(2026, 2, 10),
        "procedure_code": "20610",
        "group_code": "CO",
        "reason_code": reason_code,
        "amount": "180.00",
    }
    return actions.create_entry(practice, None, data)


def rework(practice):
    data = {
        "source": "rework",
        "rework_type": "reschedule",
        "occurred_on": datetime.date(2026, 3, 13),
        "what_happened": "Visit moved because the slot was too short",
        "patient_ref": "PT-6121",
        "staff_minutes": 20,
    }
    return actions.create_entry(practice, None, data)


def entry_page(client, entry):
    return client.get(reverse("remits:entry", args=[entry.pk])).content.decode()


def test_denial_offers_follow_up_button(client, bob):
    entry = paper_denial(bob.practice)
    client.force_login(bob)

    page = entry_page(client, entry)

    assert reverse("worklog:item-from-denial", args=[entry.pk]) in page
    assert "Create follow-up" in page


def test_rework_has_no_follow_up_button(client, bob):
    entry = rework(bob.practice)
    client.force_login(bob)

    page = entry_page(client, entry)

    assert "Create follow-up" not in page


def test_denial_offers_scripts_by_category(client, bob):
    entry = paper_denial(bob.practice)
    client.force_login(bob)

    page = entry_page(client, entry)

    assert "Why was this denied?" in page
    assert "What is the status of my authorization?" in page
    assert "patient_ref=PT-6120" in page
    assert "code=20610" in page


def test_rework_offers_its_own_scripts(client, bob):
    entry = rework(bob.practice)
    client.force_login(bob)

    page = entry_page(client, entry)

    assert "Why was my appointment rescheduled?" in page
    assert "Why was this denied?" not in page


def test_entry_lists_follow_up_item(client, bob):
    entry = paper_denial(bob.practice)
    client.force_login(bob)
    client.post(reverse("worklog:item-from-denial", args=[entry.pk]))
    item = WorkItem.objects.get()

    page = entry_page(client, entry)

    assert reverse("worklog:item", args=[item.pk]) in page
    assert "Create follow-up" not in page


@pytest.mark.parametrize("days", ["7", "abc"])
def test_export_rejects_unknown_window(client, bob, days):
    client.force_login(bob)

    export = client.get(reverse("remits:export", args=["csv"]), {"days": days})
    api = client.get(reverse("remits:api-trends"), {"days": days})

    assert export.status_code == 400
    assert api.status_code == 400


def test_export_accepts_known_window(client, bob):
    client.force_login(bob)

    response = client.get(reverse("remits:export", args=["csv"]), {"days": "60"})

    assert response.status_code == 200
