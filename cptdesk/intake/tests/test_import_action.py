import datetime
import json

import pytest
from django.utils import timezone

from cptdesk.intake import actions
from cptdesk.intake.models import Appointment, AppointmentLine, RedFlag

from .conftest import DEMO_SCHEDULE

HEADER = "patient,date,time,provider,payer,plan,place_of_service,codes\n"
GOOD_ROW = "PT-1,2026-03-02,09:00,Dr. A,medicare part b,,11,99213\n"


def import_text(practice, text, **options):
    return actions.import_schedule(practice, text, "schedule.csv", **options)


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("PT-2,2026-03-02,10:00,Dr. A,Medicare,,11,99999", "codes", "99999"),
        (
            "PT-2,2026-03-02,10:00,Dr. A,Nobody Mutual,,11,99213",
            "payer",
            "Nobody Mutual",
        ),
        ("PT-2,2026-03-02,10:00,Dr. A,Acme Health,Gold,11,99213", "plan", "Gold"),
        ("PT-2,31/31/2026,10:00,Dr. A,Medicare,,11,99213", "date", "31/31/2026"),
        ("PT-2,2026-03-02,10:00,Dr. A,Medicare,,29,99213", "place_of_service", "29"),
        ("PT-2,2026-03-02,10:00,Dr. A,Medicare,,00,99213", "place_of_service", "00"),
    ],
)
def test_bad_row_imports_nothing(maple, catalog, row, column, value):
    report = import_text(maple, HEADER + GOOD_ROW + row + "\n")

    assert report.imported is False
    assert (report.errors[0].row, report.errors[0].column) == (3, column)
    assert report.errors[0].value == value
    assert not Appointment.objects.exists()


def test_missing_column_imports_nothing(maple, catalog):
    report = import_text(maple, "patient,date,codes\nPT-1,2026-03-02,99213\n")

    assert report.errors[0].column == "time"
    assert not Appointment.objects.exists()


def test_valid_rows_only_keeps_good_rows(maple, catalog):
    bad = "PT-2,2026-03-02,10:00,Dr. A,Medicare,,11,99999\n"

    report = import_text(maple, HEADER + GOOD_ROW + bad, valid_rows_only=True)

    assert report.created == 1
    assert report.skipped == 1
    assert list(Appointment.objects.values_list("patient_ref", flat=True)) == ["PT-1"]


def test_valid_rows_only_skips_unassigned_place(maple, catalog):
    bad = "PT-2,2026-03-02,10:00,Dr. A,Medicare,,29,99213\n"

    report = import_text(maple, HEADER + GOOD_ROW + bad, valid_rows_only=True)

    assert report.created == 1
    assert report.skipped == 1
    assert report.errors[0].column == "place_of_service"
    assert list(Appointment.objects.values_list("patient_ref", flat=True)) == ["PT-1"]


def test_payer_and_plan_match_alias_ignoring_case(maple, catalog):
    row = "PT-3,2026-03-02,11:00,Dr. A,acme,ppo,11,99213\n"

    import_text(maple, HEADER + row)

    appointment = Appointment.objects.get()
    assert appointment.payer == catalog["acme"]
    assert appointment.plan == catalog["plan"]


def test_reimport_updates_in_place(maple, catalog):
    import_text(maple, HEADER + GOOD_ROW)
    changed = GOOD_ROW.replace("99213", "99214:2")

    report = import_text(maple, HEADER + changed)

    assert (report.created, report.updated) == (0, 1)
    assert list(AppointmentLine.objects.values_list("code", "units")) == [("99214", 2)]


def test_reimport_same_file_changes_nothing(maple, catalog, demo_authorizations):
    text = DEMO_SCHEDULE.read_text()
    import_text(maple, text)
    flags = sorted(RedFlag.objects.values_list("pk", "fingerprint"))

    report = import_text(maple, text)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 11)
    assert sorted(RedFlag.objects.values_list("pk", "fingerprint")) == flags


def test_other_practice_payer_is_unknown(maple, birch, catalog):
    report = actions.import_schedule(birch, HEADER + GOOD_ROW, "schedule.csv")

    assert report.errors[0].column == "payer"


def fhir_bundle(code="15823"):
    return json.dumps(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {
                    "resource": {
                        "resourceType": "Appointment",
                        "id": "a-77",
                        "status": "booked",
                        "start": "2026-03-02T09:00:00-05:00",
                        "basedOn": [{"reference": "ServiceRequest/s-77"}],
                        "participant": [
                            {
                                "actor": {"reference": "Patient/PT-77"},
                                "status": "accepted",
                            }
                        ],
                    }
                },
                {
                    "resource": {
                        "resourceType": "ServiceRequest",
                        "id": "s-77",
                        "status": "active",
                        "intent": "order",
                        "subject": {"reference": "Patient/PT-77"},
                        "code": {
                            "coding": [
                                {
                                    "system": "http://www.ama-assn.org/go/cpt",
                                    "code": code,
                                }
                            ]
                        },
                        "insurance": [{"display": "Medicare"}],
                    }
                },
            ],
        }
    )


def test_fhir_bundle_imports_and_flags(maple, catalog):
    report = actions.import_schedule(maple, fhir_bundle(), "visits.json")

    appointment = Appointment.objects.get()
    assert report.created == 1
    assert appointment.source_key == "fhir:a-77"
    assert appointment.flags.get().kind == "auth_missing"


def test_fhir_bundle_twice_adds_nothing(maple, catalog):
    actions.import_schedule(maple, fhir_bundle(), "visits.json")

    report = actions.import_schedule(maple, fhir_bundle(), "visits.json")

    assert report.created == 0
    assert Appointment.objects.count() == 1


def test_fhir_bundle_unknown_code_imports_nothing(maple, catalog):
    report = actions.import_schedule(maple, fhir_bundle("99999"), "visits.json")

    assert report.errors[0].value == "99999"
    assert not Appointment.objects.exists()


def test_invalid_fhir_bundle_reports_path(maple, catalog):
    broken = json.loads(fhir_bundle())
    del broken["entry"][0]["resource"]["status"]

    report = actions.import_schedule(maple, json.dumps(broken), "visits.json")

    assert report.errors[0].column == "entry.0.resource.status"
    assert not Appointment.objects.exists()


def test_fhir_reimport_corrects_patient(maple, catalog):
    actions.import_schedule(maple, fhir_bundle(), "visits.json")
    corrected = fhir_bundle().replace("Patient/PT-77", "Patient/PT-78")

    report = actions.import_schedule(maple, corrected, "visits.json")

    assert report.created == 0
    assert Appointment.objects.get().patient_ref == "PT-78"


def test_reimport_updates_visit_fields(maple, catalog):
    header = "patient,birth_date,date,time,provider,payer,place_of_service,codes\n"
    import_text(
        maple, header + "PT-1,1980-05-01,2026-03-02,09:00,Dr. A,medicare,11,99213\n"
    )
    changed = "PT-1,1981-06-02,2026-03-02,09:00,Dr. A,acme health,22,99213\n"

    report = import_text(maple, header + changed)

    visit = Appointment.objects.get()
    assert report.updated == 1
    assert visit.patient_birth_date == datetime.date(1981, 6, 2)
    assert visit.place_of_service == "22"
    assert visit.payer.name == "Acme Health"


def test_fhir_reimport_moves_start(maple, catalog):
    actions.import_schedule(maple, fhir_bundle(), "visits.json")
    moved = fhir_bundle().replace("T09:00:00-05:00", "T11:30:00-05:00")

    actions.import_schedule(maple, moved, "visits.json")

    starts = timezone.localtime(Appointment.objects.get().starts_at)
    assert starts.strftime("%Y-%m-%d %H:%M") == "2026-03-02 11:30"


def test_failed_reimport_keeps_stored_visits(maple, catalog, monkeypatch):
    import_text(maple, HEADER + GOOD_ROW)

    def fail(lines_by_appointment):
        raise RuntimeError("insert failed")

    monkeypatch.setattr(actions, "insert_lines", fail)
    changed = GOOD_ROW.replace("Dr. A", "Dr. B").replace("99213", "99214")
    with pytest.raises(RuntimeError):
        import_text(maple, HEADER + changed)

    assert Appointment.objects.get().provider == "Dr. A"
    assert list(AppointmentLine.objects.values_list("code", flat=True)) == ["99213"]
