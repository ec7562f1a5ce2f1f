import datetime

from cptdesk.intake.models import Appointment
from cptdesk.worklog import actions
from cptdesk.worklog.choices import ItemKind, Priority

from .conftest import START, make_flag


def booked_visit(practice):
    return Appointment.objects.create(
        practice=practice,
        patient_ref="PT-4410",
        starts_at=START + datetime.timedelta(days=3),
    )


def test_flag_routes_through_matrix(maple, alice, fixed_clock):
    flag = make_flag(maple, booked_visit(maple))

    item = actions.create_work_item_from_flag(flag, alice)

    assert item.owner_role == "coder"
    assert item.scenario.scenario == "ncci_pair"
    assert item.kind == ItemKind.MISMATCH_REVIEW


def test_flag_evidence_is_carried(maple, alice, fixed_clock):
    flag = make_flag(maple, booked_visit(maple))

    item = actions.create_work_item_from_flag(flag, alice)

    assert item.evidence["evidence"] == {
        "column1": "20610",
        "column2": "20611",
        "modifier": "1",
    }
    assert item.evidence["kind"] == "ncci_pair"
    assert item.title == "Two scheduled codes form an NCCI pair"


def test_flag_links_its_appointment(maple, alice, fixed_clock):
    visit = booked_visit(maple)

    item = actions.create_work_item_from_flag(make_flag(maple, visit), alice)

    assert item.subject == visit
    assert item.patient_ref == "PT-4410"


def test_flag_severity_sets_priority(maple, alice, fixed_clock):
    flag = make_flag(maple, booked_visit(maple), severity="high")

    item = actions.create_work_item_from_flag(flag, alice)

    assert item.priority == Priority.HIGH


def test_intake_kind_spelling_is_routed(maple, alice, fixed_clock):
    flag = make_flag(maple, booked_visit(maple), kind="auth_missing", severity=3)

    item = actions.create_work_item_from_flag(flag, alice)

    assert item.scenario.scenario == "prior_auth_missing"
    assert item.owner_role == "auth_coordinator"


def test_unknown_kind_uses_flag_role(maple, alice, fixed_clock):
    flag = make_flag(maple, booked_visit(maple), kind="new_kind", routed_role="biller")

    item = actions.create_work_item_from_flag(flag, alice)

    assert item.scenario is None
    assert item.owner_role == "biller"
