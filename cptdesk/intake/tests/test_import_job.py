"""The schedule upload run as a background job: its progress, outcome and access."""

import io
import logging

from django.db import OperationalError
from django.urls import reverse

from cptdesk.intake import actions
from cptdesk.intake.models import Appointment, RedFlag, ScheduleImport
from cptdesk.lib import jobs

from .conftest import DEMO_SCHEDULE

BAD_SCHEDULE = (
    b"patient,date,time,codes\n"
    b"PT-1,2026-03-02,09:00,99213\n"
    b"PT-2,2026-03-02,10:00,99999\n"
)


def upload(client, content, name="schedule.csv", **fields):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(reverse("intake:import"), {"file": handle, **fields})


def job_id_of(response):
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def test_upload_redirects_to_job_page(client, bob, catalog):
    client.force_login(bob)

    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")

    assert response.status_code == 302
    assert response["Location"].startswith("/intake/import/jobs/")


def test_good_file_shows_counts_and_flags(client, bob, catalog, demo_authorizations):
    client.force_login(bob)
    before = Appointment.objects.count()

    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    page = client.get(response["Location"]).content.decode()

    flags = RedFlag.objects.count()
    flagged = RedFlag.objects.values("appointment").distinct().count()
    assert Appointment.objects.count() == before + 11
    assert "<h1>Schedule import: demo.csv</h1>" in page
    assert "demo.csv: 11 appointment(s) added, 0 updated, 0 unchanged." in page
    assert f"{flags} flags on {flagged} visits." in page
    assert "?date_from=2026-02-10&amp;date_to=2026-03-05" in page
    assert "hx-get" not in page


def test_bad_file_shows_row_error_and_imports_nothing(client, bob, catalog):
    client.force_login(bob)

    response = upload(client, BAD_SCHEDULE, "bad.csv")
    page = client.get(response["Location"]).content.decode()

    assert "bad.csv: 1 error(s) in 1 row(s); nothing was imported." in page
    assert "Fix the rows listed, or import the valid rows only." in page
    assert "<td>3</td><td>codes</td><td><code>99999</code></td>" in page
    assert "unknown code" in page
    assert not Appointment.objects.exists()
    assert ScheduleImport.objects.get().imported is False


def test_valid_rows_only_lists_skipped_rows(client, bob, catalog):
    client.force_login(bob)

    response = upload(client, BAD_SCHEDULE, "bad.csv", valid_rows_only="on")
    page = client.get(response["Location"]).content.decode()

    assert "1 appointment(s) added" in page
    assert "Rows skipped" in page
    assert "<code>99999</code>" in page
    assert list(Appointment.objects.values_list("patient_ref", flat=True)) == ["PT-1"]


def test_same_file_twice_adds_nothing(client, bob, catalog, demo_authorizations):
    client.force_login(bob)
    upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    appointments = Appointment.objects.count()
    flags = sorted(RedFlag.objects.values_list("pk", "fingerprint", "state"))

    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    page = client.get(response["Location"]).content.decode()

    assert "demo.csv: 0 appointment(s) added, 0 updated, 11 unchanged." in page
    assert Appointment.objects.count() == appointments
    assert sorted(RedFlag.objects.values_list("pk", "fingerprint", "state")) == flags
    assert ScheduleImport.objects.count() == 2


def test_other_practice_job_is_404(client, bob, charlie, catalog):
    client.force_login(bob)
    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    client.force_login(charlie)

    page = client.get(response["Location"])
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})

    assert page.status_code == 404
    assert fragment.status_code == 404


def test_reference_job_is_404_here(client, bob):
    job = jobs.Job.create(bob.practice_id, "pos", "place_of_service.csv")
    client.force_login(bob)

    response = client.get(reverse("intake:import-job", args=[job.id]))

    assert response.status_code == 404


def test_unknown_job_is_404(client, bob):
    client.force_login(bob)

    response = client.get(reverse("intake:import-job", args=["0" * 32]))

    assert response.status_code == 404


def test_job_page_needs_login(client, bob, catalog):
    client.force_login(bob)
    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    client.logout()

    page = client.get(response["Location"])

    assert page.status_code == 302
    assert "/login/" in page["Location"]


def test_running_job_fragment_shows_progress(client, bob):
    job = jobs.Job.create(
        bob.practice_id, "schedule", "big.csv", step="Checking visits", unit="visits"
    )
    job.progress(250, 1000)
    client.force_login(bob)

    response = client.get(
        reverse("intake:import-job", args=[job.id]), headers={"HX-Request": "true"}
    )

    fragment = response.content.decode()
    assert "<html" not in fragment
    assert '<progress max="100" value="25"' in fragment
    assert "Checking visits: 250 of 1,000 visits (25%)." in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert "HX-Request" in response["Vary"]


def test_uncounted_step_shows_bar_without_value(client, bob):
    job = jobs.Job.create(bob.practice_id, "schedule", "big.csv", step="Saving visits")
    client.force_login(bob)

    response = client.get(reverse("intake:import-job", args=[job.id]))

    assert '<progress aria-label="Import progress"></progress>' in response.text
    assert "Saving visits…" in response.text


def test_state_file_and_log_hold_no_patient_details(client, bob, catalog, caplog):
    client.force_login(bob)

    with caplog.at_level(logging.DEBUG, logger="cptdesk"):
        response = upload(client, BAD_SCHEDULE, "bad.csv")

    state = jobs.read_state(job_id_of(response))
    assert "PT-" not in str(state)
    assert "99999" not in str(state)
    assert state["file_name"] == "bad.csv"
    assert (state["errors"], state["skipped"]) == (1, 1)
    assert "PT-" not in caplog.text
    assert "99999" not in caplog.text


def test_unexpected_error_is_logged_without_message(
    client, bob, catalog, caplog, monkeypatch
):
    def fail(practice, resolved, source):
        raise KeyError(resolved[0].row.key())  # as a missing source key would

    monkeypatch.setattr(actions, "store_rows", fail)
    client.force_login(bob)

    with caplog.at_level(logging.INFO, logger="cptdesk"):
        response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    page = client.get(response["Location"]).content.decode()

    assert jobs.UNEXPECTED_FAILURE in page
    assert "KeyError" in caplog.text
    assert "PT-10" not in caplog.text
    assert not Appointment.objects.exists()
    assert not ScheduleImport.objects.exists()


def test_file_not_utf8_starts_no_job(client, bob, catalog):
    client.force_login(bob)

    response = upload(client, "patient,date\nPT-1,2026-03-02\n".encode("utf-16"))

    assert response.status_code == 200
    assert b"The file is not UTF-8 text" in response.content
    assert not ScheduleImport.objects.filter(imported=True).exists()


def test_locked_database_asks_to_upload_again(client, bob, catalog, monkeypatch):
    def locked(practice, resolved, source):
        raise OperationalError("database is locked")  # as while another import writes

    monkeypatch.setattr(actions, "store_rows", locked)
    client.force_login(bob)

    response = upload(client, DEMO_SCHEDULE.read_bytes(), "demo.csv")
    page = client.get(response["Location"]).content.decode()

    assert jobs.DATABASE_LOCKED_FAILURE in page
    assert jobs.UNEXPECTED_FAILURE not in page
    assert not Appointment.objects.exists()
