"""Synthetic work for the demo practice: queues, notes, requests, late and escalated items.

Items are created at moments in the past through a fixed clock, so the demo shows work
that is overdue, waiting past its escalation limit, or escalated and resolved. Intake
appointments and authorizations of the demo practice are linked when they exist.
"""

import datetime
import logging

from cptdesk.accounts.choices import Role
from cptdesk.accounts.models import User
from cptdesk.intake.models import Appointment, Authorization
from cptdesk.lib import clock

from . import actions
from .choices import Channel, ItemStatus, Priority, RequestFormat, RequestStatus
from .models import RequestTemplate

logger = logging.getLogger(__name__)

# The roles whose first member, when the practice has one, writes the demo notes. The
# loader creates no users: the first administrator is created only on an empty install.
STAFF_ROLES = (Role.FRONT_DESK, Role.AUTH_COORDINATOR, Role.BILLER)

ACTIONABLE_NOTE = {
    "channel": Channel.PHONE,
    "contact_name": "Dana",
    "contact_org": "Lakeside Imaging",
    "requested": "signed order and last progress note",
    "committed": "they will fax by end of day",
    "next_step": "check the fax queue and attach to the packet",
    "next_step_owner": "authorization team",
    "text": "Asked for the signed order for the MRI authorization packet.",
}
VAGUE_TEXTS = ("called office", "LVM", "sent docs", "waiting on payer")


def load(practice):
    actions.install_starter_matrix(practice)
    actions.install_starter_templates(practice)
    staff = _demo_staff(practice)
    appointments = list(Appointment.objects.filter(practice=practice)[:8])
    authorizations = list(Authorization.objects.filter(practice=practice)[:3])
    real_clock_now = clock.now()
    try:
        items = _create_items(practice, staff, appointments, authorizations)
        _add_notes(items, staff, real_clock_now)
        _add_requests(items, staff, real_clock_now)
    finally:
        clock.use(None)
    logger.info("Added %s demo work items to practice %s", len(items), practice.pk)


def _demo_staff(practice):
    """Return the first user of each staff role in the practice, or None."""
    return {
        role: User.objects.filter(practice=practice, roles__role=role).first()
        for role in STAFF_ROLES
    }


def _at(moment):
    clock.use(clock.FixedClock(moment))


# Scenario, patient reference, days ago, owner role of the person, priority.
ITEM_PLAN = (
    ("prior_auth_missing", "PT-20418", 4, Role.AUTH_COORDINATOR, Priority.HIGH),
    ("unsigned_order", "PT-20422", 0.2, None, Priority.NORMAL),
    ("denial_missing_auth", "PT-19877", 5, Role.AUTH_COORDINATOR, Priority.HIGH),
    ("payer_records_request", "PT-18830", 1, Role.BILLER, Priority.NORMAL),
    ("cost_estimate_request", "PT-20501", 0.1, Role.BILLER, Priority.NORMAL),
    ("patient_disputes_code", "PT-17702", 4, Role.BILLER, Priority.NORMAL),
    ("auth_about_to_expire", "PT-20133", 2, Role.AUTH_COORDINATOR, Priority.URGENT),
    ("doc_service_mismatch", "PT-20290", 0.5, None, Priority.HIGH),
    ("ncci_pair", "PT-20310", 1.5, None, Priority.NORMAL),
    ("global_period", "PT-20311", 0.3, None, Priority.LOW),
    ("code_invalid", "PT-20312", 2.5, None, Priority.NORMAL),
    ("auth_code_mismatch", "PT-20313", 0.8, Role.AUTH_COORDINATOR, Priority.HIGH),
)


def _create_items(practice, staff, appointments, authorizations):
    now = clock.now()
    items = []
    for index, (scenario, patient, days_ago, person_role, priority) in enumerate(
        ITEM_PLAN
    ):
        _at(now - datetime.timedelta(days=days_ago))
        subject = _subject(index, appointments, authorizations)
        item = actions.create_work_item(
            practice,
            patient_ref=getattr(subject, "patient_ref", "") or patient,
            scenario=scenario,
            subject=subject,
            owner_user=staff.get(person_role),
            priority=priority,
            evidence=_evidence(scenario),
            payer="Aetna" if subject is None else "",
            service="Lumbar spine MRI" if subject is None else "",
        )
        items.append(item)
    _escalate_some(items, staff, now)
    return items


def _subject(index, appointments, authorizations):
    if index < len(appointments) and index % 3 != 1:
        return appointments[index]
    if authorizations and index % 3 == 1:
        return authorizations[index % len(authorizations)]
    return None


def _evidence(scenario):
    if scenario in ("prior_auth_missing", "ncci_pair", "code_invalid", "global_period"):
        return {"kind": scenario, "message": "Raised by the demo schedule check"}
    return {}


def _escalate_some(items, staff, now):
    # One escalated in time and still open, one escalated and then closed at the first
    # level within hours (a needless escalation), one escalated after its limit.
    in_time = items[3]
    _at(now - datetime.timedelta(hours=20))
    _note(in_time, staff[Role.BILLER], ACTIONABLE_NOTE | {"reference": "REC-55120"})
    actions.escalate(in_time, staff[Role.BILLER], "Payer deadline is shorter than ours")

    needless = items[4]
    _at(now - datetime.timedelta(hours=2))
    actions.escalate(needless, staff[Role.BILLER], "Can we give an estimate by phone?")
    _at(now - datetime.timedelta(hours=1))
    actions.change_status(needless, staff[Role.BILLER], ItemStatus.DONE)

    late = items[5]
    _at(now - datetime.timedelta(hours=7))
    _note(late, staff[Role.BILLER], ACTIONABLE_NOTE)
    _at(now - datetime.timedelta(hours=6))
    actions.escalate(late, staff[Role.BILLER], "Patient asks why this code was billed")


def _note(item, author, data, confirm_vague=False):
    if not confirm_vague:
        data = {"follow_up_at": clock.now() + datetime.timedelta(days=1)} | data
    return actions.add_note(item, author, data, confirm_vague=confirm_vague)


def _add_notes(items, staff, now):
    authors = list(staff.values())
    for index, item in enumerate(items):
        author = authors[index % len(authors)]
        written = now - datetime.timedelta(hours=20 - index)
        _at(max(written, item.created_at + datetime.timedelta(minutes=10)))
        if index % 3 == 0:
            _note(item, author, {"text": VAGUE_TEXTS[index % len(VAGUE_TEXTS)]}, True)
        else:
            _note(item, author, ACTIONABLE_NOTE)


def _add_requests(items, staff, now):
    templates = {
        t.name: t for t in RequestTemplate.objects.filter(practice=items[0].practice)
    }
    author = staff[Role.AUTH_COORDINATOR]
    plan = (
        # Made 3.5 days ago with two days to send the order, so it is overdue by now.
        (items[0], "Signed order", RequestFormat.FAX, 3.5, RequestStatus.SENT),
        (items[1], "Signed order", RequestFormat.FAX, 0.1, None),
        (items[3], "Records request", RequestFormat.PORTAL, 0.9, RequestStatus.SENT),
        (items[6], "Progress notes", RequestFormat.FAX, 1.9, RequestStatus.PARTIAL),
        (items[7], "Imaging report", RequestFormat.EMAIL, 0.4, RequestStatus.RECEIVED),
        (items[11], "Medical-necessity letter", RequestFormat.EMAIL, 0.7, None),
    )
    for item, name, fmt, days_ago, status in plan:
        _at(now - datetime.timedelta(days=days_ago))
        request = actions.create_document_request(
            item,
            author,
            templates[name],
            fmt,
            recipient="Lakeside Imaging, fax 555-0100",
        )
        if status in (RequestStatus.PARTIAL, RequestStatus.RECEIVED):
            actions.set_request_status(request, author, RequestStatus.SENT)
        if status is not None:
            actions.set_request_status(request, author, status, "Demo")
