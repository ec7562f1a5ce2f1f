import datetime

from cptdesk.intake.models import Appointment
from cptdesk.lib import clock
from cptdesk.worklog import demo
from cptdesk.worklog.choices import NoteVerdict, RequestStatus
from cptdesk.worklog.models import DocumentRequest, StatusNote, WorkItem

from .conftest import START


def test_demo_fills_queues_without_intake(maple, fixed_clock):
    demo.load(maple)

    items = WorkItem.objects.filter(practice=maple)
    assert items.count() == len(demo.ITEM_PLAN)
    assert items.escalate_early().exists()
    assert items.filter(escalated_at__isnull=False).count() == 3
    assert len({item.owner_role for item in items}) >= 4


def test_demo_notes_are_mixed(maple, fixed_clock):
    demo.load(maple)

    verdicts = set(
        StatusNote.objects.filter(practice=maple).values_list("verdict", flat=True)
    )

    assert verdicts == {NoteVerdict.VAGUE, NoteVerdict.ACTIONABLE}


def test_demo_requests_cover_each_state(maple, fixed_clock):
    demo.load(maple)

    requests = DocumentRequest.objects.filter(practice=maple)
    states = set(requests.values_list("status", flat=True))
    assert states == {
        RequestStatus.REQUESTED,
        RequestStatus.SENT,
        RequestStatus.PARTIAL,
        RequestStatus.RECEIVED,
    }
    assert requests.overdue().exists()


def test_demo_links_intake_appointments(maple, fixed_clock):
    Appointment.objects.create(
        practice=maple,
        patient_ref="PT-DEMO",
        starts_at=START + datetime.timedelta(days=2),
    )

    demo.load(maple)

    assert WorkItem.objects.filter(practice=maple, patient_ref="PT-DEMO").exists()


def test_demo_restores_the_clock(maple, fixed_clock):
    demo.load(maple)

    assert clock.now() > START + datetime.timedelta(days=30)
