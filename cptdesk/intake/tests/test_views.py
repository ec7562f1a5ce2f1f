import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cptdesk.conftest import PASSWORD
from cptdesk.intake import actions
from cptdesk.intake.models import (
    Appointment,
    ChecklistItem,
    RedFlag,
    ScheduleImport,
)

from .conftest import DEMO_SCHEDULE, make_appointment, make_authorization

WORKLIST = "/intake/?date_from=2026-03-01&date_to=2026-03-10"


@pytest.fixture
def flagged(maple, catalog, demo_authorizations):
    report = actions.import_schedule(maple, DEMO_SCHEDULE.read_text(), "demo.csv")
    return report


def sign_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "url",
    ["/intake/", "/intake/import/", "/intake/board/", "/intake/authorizations/"],
)
def test_pages_need_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_worklist_lists_flags_in_few_queries(
    client, bob, flagged, django_assert_max_num_queries
):
    sign_in(client, bob)

    with django_assert_max_num_queries(12):
        response = client.get(WORKLIST)

    assert response.status_code == 200
    assert b"PT-1006" in response.content
    assert response.content.count(b'class="flag ') == RedFlag.objects.count()


def test_worklist_filters_by_kind(client, bob, flagged):
    sign_in(client, bob)

    response = client.get(WORKLIST + "&kind=mue_exceeded")

    assert b"PT-1007" in response.content
    assert b"PT-1001" not in response.content


def test_worklist_search_returns_fragment(client, bob, flagged):
    sign_in(client, bob)

    response = client.get(WORKLIST + "&q=PT-1005", HTTP_HX_REQUEST="true")

    assert b"<h1>" not in response.content
    assert b"PT-1005" in response.content
    assert b"PT-1001" not in response.content


def test_worklist_hides_other_practice(client, charlie, flagged):
    sign_in(client, charlie)

    response = client.get(WORKLIST)

    assert b"PT-1001" not in response.content


def test_worklist_csv_export(client, bob, flagged):
    sign_in(client, bob)

    response = client.get(WORKLIST + "&export=csv")

    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Date,Time,Patient")
    assert len(lines) == RedFlag.objects.count() + 1


def test_worklist_xlsx_export(client, bob, flagged):
    sign_in(client, bob)

    response = client.get(WORKLIST + "&export=xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == RedFlag.objects.count() + 1


def test_override_records_user_and_reason(client, alice, flagged):
    flag = RedFlag.objects.filter(kind="ncci_pair").get()
    sign_in(client, alice)

    client.post(
        f"/intake/flags/{flag.pk}/decide/",
        {"state": "overridden", "reason": "Coder reviewed the documentation"},
    )

    flag.refresh_from_db()
    assert (flag.state, flag.decided_by) == ("overridden", alice)
    assert flag.reason == "Coder reviewed the documentation"


def test_override_needs_reason(client, alice, flagged):
    flag = RedFlag.objects.filter(kind="ncci_pair").get()
    sign_in(client, alice)

    client.post(
        f"/intake/flags/{flag.pk}/decide/", {"state": "overridden", "reason": ""}
    )

    flag.refresh_from_db()
    assert flag.state == "open"


def test_front_desk_cannot_override_coder_flag(client, bob, flagged):
    flag = RedFlag.objects.filter(kind="ncci_pair").get()
    sign_in(client, bob)

    response = client.post(
        f"/intake/flags/{flag.pk}/decide/", {"state": "overridden", "reason": "x"}
    )

    assert response.status_code == 403


def test_front_desk_may_acknowledge(client, bob, flagged):
    flag = RedFlag.objects.filter(kind="ncci_pair").get()
    sign_in(client, bob)

    client.post(
        f"/intake/flags/{flag.pk}/decide/", {"state": "acknowledged", "reason": "Seen"}
    )

    flag.refresh_from_db()
    assert flag.state == "acknowledged"


def test_other_practice_flag_is_404(client, charlie, flagged):
    flag = RedFlag.objects.first()
    sign_in(client, charlie)

    response = client.post(
        f"/intake/flags/{flag.pk}/decide/", {"state": "acknowledged", "reason": "x"}
    )

    assert response.status_code == 404


def test_appointment_page_shows_checklist_and_why(client, bob, flagged):
    appointment = Appointment.objects.get(patient_ref="PT-1001")
    sign_in(client, bob)

    response = client.get(f"/intake/appointments/{appointment.pk}/")

    assert b"Prior authorization on file for 15823" in response.content
    assert b"Why: Payer rule" in response.content


def test_other_practice_appointment_is_404(client, charlie, flagged):
    appointment = Appointment.objects.first()
    sign_in(client, charlie)

    response = client.get(f"/intake/appointments/{appointment.pk}/")

    assert response.status_code == 404


def test_waive_needs_reason(client, bob, flagged):
    item = ChecklistItem.objects.first()
    sign_in(client, bob)

    client.post(f"/intake/checklist/{item.pk}/", {"state": "waived", "reason": ""})

    item.refresh_from_db()
    assert item.state == "open"


def test_mark_item_done_records_user(client, bob, flagged):
    item = ChecklistItem.objects.first()
    sign_in(client, bob)

    client.post(f"/intake/checklist/{item.pk}/", {"state": "done"})

    item.refresh_from_db()
    assert (item.state, item.updated_by) == ("done", bob)


def test_import_page_shows_row_errors(client, bob, catalog):
    sign_in(client, bob)
    upload = io.BytesIO(b"patient,date,time,codes\nPT-1,2026-03-02,09:00,99999\n")
    upload.name = "bad.csv"

    response = client.post("/intake/import/", {"file": upload}, follow=True)

    assert b"unknown code" in response.content
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("patient,date\nPT-1,2026-03-02\n".encode("utf-16"), "not UTF-8 text"),
        ("patient,caf\xe9\n".encode("latin-1"), "not UTF-8 text"),
        (b"", "The file is empty"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_unreadable_file_is_listed_as_rejected(client, bob, maple, content, problem):
    sign_in(client, bob)
    upload = io.BytesIO(content)
    upload.name = "unreadable.csv"

    response = client.post("/intake/import/", {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert problem in page
    assert "<td>unreadable.csv</td><td>Rejected, nothing imported</td>" in page
    record = ScheduleImport.objects.get()
    assert (record.practice, record.imported, record.imported_by) == (maple, False, bob)
    assert problem in record.errors[0]["problem"]


def test_unreadable_file_is_hidden_from_other_practice(client, bob, charlie):
    sign_in(client, bob)
    upload = io.BytesIO(b"")
    upload.name = "empty.csv"
    client.post("/intake/import/", {"file": upload})
    client.logout()
    sign_in(client, charlie)

    response = client.get("/intake/import/")

    assert b"empty.csv" not in response.content


def test_recent_imports_count_unchanged_visits(client, bob, maple, flagged):
    actions.import_schedule(maple, DEMO_SCHEDULE.read_text(), "again.csv")
    sign_in(client, bob)

    response = client.get("/intake/import/")

    row = "<td>again.csv</td><td>Imported</td><td>0</td><td>0</td><td>11</td><td>0</td>"
    assert row in response.content.decode()


def test_biller_cannot_import(client, maple, catalog):
    from cptdesk.accounts.actions import create_user

    biller, _ = create_user(maple, "erin", ["biller"], password=PASSWORD)
    sign_in(client, biller)
    upload = io.BytesIO(b"patient,date,time,codes\nPT-1,2026-03-02,09:00,99213\n")
    upload.name = "ok.csv"

    response = client.post("/intake/import/", {"file": upload})

    assert response.status_code == 403


def test_board_lists_today_and_checks_in(client, bob, maple, catalog):
    visit = make_appointment(maple, "PT-5", timezone.localdate(), [("99213", 1)])
    sign_in(client, bob)

    page = client.get("/intake/board/")
    client.post(f"/intake/appointments/{visit.pk}/check-in/")

    visit.refresh_from_db()
    assert b"PT-5" in page.content
    assert (visit.status, visit.checked_in_by) == ("checked_in", bob)


def test_other_practice_cannot_check_in(client, charlie, maple, catalog):
    visit = make_appointment(maple, "PT-5", timezone.localdate(), [("99213", 1)])
    sign_in(client, charlie)

    response = client.post(f"/intake/appointments/{visit.pk}/check-in/")

    assert response.status_code == 404


def test_authorization_detail_counts_units_used(client, bob, maple, catalog):
    day = datetime.date(2026, 3, 2)
    authorization = make_authorization(
        maple, "PT-1", [("97110", 6)], day, day, number="A-1"
    )
    authorization.appointments.add(make_appointment(maple, "PT-1", day, [("97110", 2)]))
    sign_in(client, bob)

    response = client.get(f"/intake/authorizations/{authorization.pk}/")

    assert b"<td>6</td><td>2</td><td>4</td>" in response.content


def test_authorization_list_warns_renew_by(client, bob, maple, catalog):
    today = timezone.localdate()
    make_authorization(
        maple,
        "PT-1",
        [("97110", 6)],
        today,
        today + datetime.timedelta(days=60),
        status="approved",
        renew_by=today,
        number="A-9",
    )
    sign_in(client, bob)

    response = client.get("/intake/authorizations/")

    assert b"Renew now" in response.content


def test_front_desk_cannot_edit_authorization(client, bob, maple, catalog):
    day = datetime.date(2026, 3, 2)
    authorization = make_authorization(maple, "PT-1", [("97110", 6)], day, day)
    sign_in(client, bob)

    response = client.post(f"/intake/authorizations/{authorization.pk}/edit/", {})

    assert response.status_code == 403


def test_coordinator_creates_authorization(client, dana, maple, catalog):
    sign_in(client, dana)

    response = client.post(
        "/intake/authorizations/new/",
        {
            "number": "A-100",
            "patient_ref": "PT-1",
            "payer": catalog["medicare"].pk,
            "status": "approved",
            "valid_from": "2026-03-01",
            "valid_to": "2026-06-30",
            "code_lines": "15823:1\n97110 : 4",
        },
    )

    authorization = maple.authorization_set.get()
    assert response.status_code == 302
    assert sorted(authorization.codes.values_list("code", "units_approved")) == [
        ("15823", 1),
        ("97110", 4),
    ]


def test_authorization_patient_in_other_case_rejected(client, dana, maple, catalog):
    make_appointment(maple, "PT-2005", datetime.date(2026, 3, 2), [("97110", 1)])
    sign_in(client, dana)

    response = client.post(
        "/intake/authorizations/new/",
        {
            "number": "A-101",
            "patient_ref": "pt-2005",
            "payer": catalog["medicare"].pk,
            "status": "approved",
            "valid_from": "2026-03-01",
            "valid_to": "2026-06-30",
            "code_lines": "97110:4",
        },
    )

    assert response.status_code == 200
    assert "write &#x27;PT-2005&#x27;" in response.content.decode()
    assert not maple.authorization_set.exists()


def test_other_practice_authorization_is_404(client, charlie, maple, catalog):
    day = datetime.date(2026, 3, 2)
    authorization = make_authorization(maple, "PT-1", [("97110", 6)], day, day)
    sign_in(client, charlie)

    response = client.get(f"/intake/authorizations/{authorization.pk}/")

    assert response.status_code == 404


def test_work_item_button_follows_worklog(client, bob, flagged):
    from cptdesk.intake.views import work_item_hook

    sign_in(client, bob)

    response = client.get(WORKLIST)

    assert (b"Create work item" in response.content) is (work_item_hook() is not None)
