import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cptdesk.remits import actions
from cptdesk.remits.models import (
    LearningEntry,
    PreventionAction,
    RemittanceImport,
    RootCause,
)
from cptdesk.remits.tests.x12_text import make_835

PAGES = [
    reverse("remits:dashboard"),
    reverse("remits:export", args=["csv"]),
    reverse("remits:imports"),
    reverse("remits:log"),
    reverse("remits:entry-new"),
    reverse("remits:taxonomy"),
    reverse("remits:api-trends"),
]


def upload(name="era.835", text=None):
    return SimpleUploadedFile(name, (text or make_835()).encode())


def add_entry(practice, **fields):
    data = {
        "source": "rework",
        "rework_type": "repeat_callback",
        "occurred_on": datetime.date(2026, 3, 13),
        "what_happened": "Second call about a referral status",
        "staff_minutes": 20,
        **fields,
    }
    return actions.create_entry(practice, None, data)


@pytest.mark.parametrize("url", PAGES)
def test_pages_require_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", PAGES)
def test_pages_open_for_front_desk(client, bob, url):
    client.force_login(bob)

    assert client.get(url).status_code == 200


def test_dashboard_shows_totals_and_chart_data(client, bob, today):
    add_entry(bob.practice)
    client.force_login(bob)

    response = client.get(reverse("remits:dashboard"), {"days": 60})

    assert b"remits-chart-data" in response.content
    assert b"vendor/chartjs/chart.umd.js" in response.content
    assert response.context["data"]["totals"][0]["rework"] == 1
    assert response.context["data"]["days"] == 60


def test_dashboard_query_count_is_bounded(
    client, bob, today, django_assert_max_num_queries
):
    for _ in range(20):
        add_entry(bob.practice)
    client.force_login(bob)

    with django_assert_max_num_queries(20):
        client.get(reverse("remits:dashboard"))


def test_dashboard_hides_other_practice(client, charlie, bob, today):
    add_entry(bob.practice)
    client.force_login(charlie)

    response = client.get(reverse("remits:dashboard"))

    assert response.context["data"]["totals"][2]["rework"] == 0


def test_export_csv_has_breakdowns(client, bob, today):
    add_entry(bob.practice)
    client.force_login(bob)

    response = client.get(reverse("remits:export", args=["csv"]), {"days": 30})

    text = response.content.decode()
    assert response["Content-Type"] == "text/csv"
    assert "Handoff note not actionable" in text
    assert "Top repeat misses" in text


def test_export_xlsx_has_sheet_per_table(client, bob, today):
    add_entry(bob.practice)
    client.force_login(bob)

    response = client.get(reverse("remits:export", args=["xlsx"]))

    workbook = load_workbook(io.BytesIO(response.content))
    assert "Totals" in workbook.sheetnames
    assert "Root cause" in workbook.sheetnames
    assert workbook["Totals"]["C2"].value == 1


def test_export_other_format_is_404(client, bob):
    client.force_login(bob)

    assert client.get(reverse("remits:export", args=["pdf"])).status_code == 404


def test_biller_uploads_835(client, erin):
    client.force_login(erin)

    response = client.post(reverse("remits:imports"), {"file": upload()}, follow=True)

    report = RemittanceImport.objects.get()
    assert report.practice == erin.practice
    assert report.imported_by == erin
    assert b"posted 1 claims" in response.content


def test_front_desk_cannot_upload(client, bob):
    client.force_login(bob)

    response = client.post(reverse("remits:imports"), {"file": upload()})

    assert response.status_code == 403
    assert RemittanceImport.objects.count() == 0


def test_upload_of_malformed_file_shows_segment(client, erin):
    client.force_login(erin)
    broken = make_835().replace("CLP*PCN001*1*200.00", "CLP*PCN001*1*2,00")

    response = client.post(
        reverse("remits:imports"), {"file": upload("bad.835", broken)}
    )

    assert b"bad.835: segment 12 (CLP)" in response.content
    assert RemittanceImport.objects.count() == 0


def test_import_detail_shows_raw_segments(client, erin):
    outcome = actions.import_835(make_835().encode(), "one.835", erin.practice)
    client.force_login(erin)

    response = client.get(reverse("remits:import", args=[outcome.report.pk]))

    assert b"CLP*PCN001*1*200.00" in response.content


def test_import_detail_of_other_practice_is_404(client, charlie, maple):
    outcome = actions.import_835(make_835().encode(), "one.835", maple)
    client.force_login(charlie)

    response = client.get(reverse("remits:import", args=[outcome.report.pk]))

    assert response.status_code == 404


def test_log_lists_entries_with_few_queries(
    client, bob, today, django_assert_max_num_queries
):
    for _ in range(10):
        add_entry(bob.practice)
    client.force_login(bob)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("remits:log"))

    assert response.content.count(b"Second call about a referral") == 10


def test_log_shows_reminder_with_controlled_clock(client, bob, today):
    entry = add_entry(bob.practice, appeal_deadline=today + datetime.timedelta(days=2))
    add_entry(bob.practice, appeal_deadline=today + datetime.timedelta(days=30))
    client.force_login(bob)

    response = client.get(reverse("remits:log"))

    reminders = response.context["reminders"]
    assert [pair[0].pk for pair in reminders] == [entry.pk]
    assert b"appeal deadline in 2 days" in response.content


def test_front_desk_logs_rework(client, bob, today):
    client.force_login(bob)

    response = client.post(
        reverse("remits:entry-new"),
        {
            "source": "rework",
            "rework_type": "reschedule",
            "occurred_on": "2026-03-12",
            "what_happened": "Visit moved because the prep sheet was not sent",
            "staff_minutes": "25",
        },
    )

    entry = LearningEntry.objects.get()
    assert response.status_code == 302
    assert entry.category == "scheduling"
    assert entry.responsible_role == "front_desk"
    assert entry.root_cause.slug == "scheduling-miss"
    assert entry.created_by == bob


def test_paper_eob_needs_reason_code(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("remits:entry-new"),
        {"source": "paper_eob", "occurred_on": "2026-03-12", "what_happened": "EOB"},
    )

    assert b"A paper EOB denial needs its CARC" in response.content
    assert LearningEntry.objects.count() == 0


def test_paper_eob_classified_like_remittance(client, bob):
    client.force_login(bob)

    client.post(
        reverse("remits:entry-new"),
        {
            "source": "paper_eob",
            "occurred_on": "2026-03-12",
            "what_happened": "Paper EOB from a small plan",
            "reason_code": "197",
            "group_code": "CO",
            "amount": "180.00",
        },
    )

    entry = LearningEntry.objects.get()
    assert entry.kind == "denial"
    assert entry.responsible_role == "auth_coordinator"
    assert entry.amount == Decimal("180.00")
    assert entry.appeal_deadline == datetime.date(2026, 5, 11)


def test_owner_role_reviews_entry(client, bob):
    entry = add_entry(bob.practice)
    client.force_login(bob)

    client.post(
        reverse("remits:entry", args=[entry.pk]),
        {
            "what_happened": entry.what_happened,
            "staff_minutes": "45",
            "status": "resolved",
            "responsible_role": "front_desk",
            "missed_trigger": "status_note",
        },
    )

    entry.refresh_from_db()
    assert entry.status == "resolved"
    assert entry.staff_minutes == 45


def test_other_role_cannot_review_entry(client, bob):
    entry = add_entry(bob.practice, responsible_role="coder")
    client.force_login(bob)

    response = client.post(
        reverse("remits:entry", args=[entry.pk]),
        {"what_happened": "x", "status": "written_off", "responsible_role": "coder"},
    )

    entry.refresh_from_db()
    assert response.status_code == 403
    assert entry.status == "open"


def test_entry_of_other_practice_is_404(client, charlie, maple):
    entry = add_entry(maple)
    client.force_login(charlie)

    assert client.get(reverse("remits:entry", args=[entry.pk])).status_code == 404


def test_supervisor_adds_root_cause(client, alice):
    client.force_login(alice)

    client.post(
        reverse("remits:taxonomy"),
        {"cause-name": "Wrong location booked", "cause-active": "on"},
    )

    assert RootCause.objects.filter(name="Wrong location booked").exists()


def test_supervisor_adds_prevention_action(client, alice):
    client.force_login(alice)
    client.get(reverse("remits:taxonomy"))
    cause = RootCause.objects.get(practice=alice.practice, slug="handoff-unclear")

    client.post(
        reverse("remits:taxonomy"),
        {
            "action-title": "Note template",
            "action-root_cause": cause.pk,
            "action-started_on": "2026-03-01",
        },
    )

    assert PreventionAction.objects.get().practice == alice.practice


def test_front_desk_cannot_edit_taxonomy(client, bob):
    client.force_login(bob)

    response = client.post(reverse("remits:taxonomy"), {"cause-name": "Mine"})

    assert response.status_code == 403
    assert not RootCause.objects.filter(name="Mine").exists()


def test_root_cause_of_other_practice_is_404(client, alice, charlie):
    client.force_login(alice)
    client.get(reverse("remits:taxonomy"))
    cause = RootCause.objects.filter(practice=alice.practice).first()
    client.force_login(charlie)

    response = client.get(reverse("remits:root-cause", args=[cause.pk]))

    assert response.status_code == 404


def test_api_trends_returns_json(client, bob, today):
    add_entry(bob.practice)
    client.force_login(bob)

    data = client.get(reverse("remits:api-trends"), {"days": 90}).json()

    assert data["days"] == 90
    assert data["totals"][2]["rework"] == 1
