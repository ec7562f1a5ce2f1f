"""Every write of the work log: the change, its history row and its log line together.

The views, the demo loader and other apps call these functions; nothing else in the
app saves a work item, note or documentation request.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cptdesk.accounts.choices import Role
from cptdesk.lib import clock

from . import escalation, requesttext
from .choices import (
    ACTIVE_STATUSES,
    CLOSED_STATUSES,
    REQUEST_TRANSITIONS,
    HandoffField,
    HistoryAction,
    ItemStatus,
    NoteVerdict,
    Priority,
    RequestStatus,
)
from .models import (
    DocumentRequest,
    EscalationRule,
    RequestTemplate,
    StatusNote,
    WorkItem,
    WorkItemEvent,
)
from .notequality import check_note

logger = logging.getLogger(__name__)

REQUEST_DUE_HOUR = 17  # documents are due by the end of the office day, local time
FLAG_EVIDENCE_KEYS = ("kind", "severity", "message", "evidence", "routed_role")


class HandoffIncomplete(Exception):
    """An escalation lacks hand-off fields that its scenario requires."""

    def __init__(self, missing):
        self.missing = missing
        labels = ", ".join(HandoffField(value).label for value in missing)
        super().__init__(f"Add these before escalating: {labels}.")


class NoteNeedsConfirmation(Exception):
    """A vague note was saved without the author confirming it."""

    def __init__(self, verdict):
        self.verdict = verdict
        super().__init__("The note is too vague to act on; confirm to save it anyway.")


def _user_id(user):
    """Return the acting user's id for log lines; demo loading acts as no user."""
    return user.pk if user is not None else None


# Starter content


def install_starter_matrix(practice):
    """Add the starter escalation rules that the practice does not have yet."""
    rules = [
        EscalationRule(
            practice=practice,
            scenario=starter.scenario,
            label=starter.label,
            role=starter.role,
            escalate_to=starter.escalate_to,
            escalate_after_hours=starter.escalate_after_hours,
            item_kind=starter.item_kind,
            handoff_fields=list(starter.handoff_fields),
        )
        for starter in escalation.STARTER_RULES
    ]
    EscalationRule.objects.bulk_create(rules, ignore_conflicts=True)


def install_starter_templates(practice):
    """Add the starter documentation request templates the practice does not have."""
    templates = [
        RequestTemplate(practice=practice, **starter.__dict__)
        for starter in requesttext.STARTER_TEMPLATES
    ]
    RequestTemplate.objects.bulk_create(templates, ignore_conflicts=True)


def ensure_matrix(practice):
    """Give a practice with no escalation rules at all the starter matrix."""
    if not EscalationRule.objects.filter(practice=practice).exists():
        install_starter_matrix(practice)


def ensure_templates(practice):
    """Give a practice with no request templates at all the starter templates."""
    if not RequestTemplate.objects.filter(practice=practice).exists():
        install_starter_templates(practice)


def rule_for(practice, scenario):
    """Return the practice's rule for a scenario, or None when it has no such rule."""
    ensure_matrix(practice)
    return EscalationRule.objects.filter(practice=practice, scenario=scenario).first()


@transaction.atomic
def update_rule(rule, user, **fields):
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.save()
    logger.info("User %s changed escalation rule %s", _user_id(user), rule.pk)
    return rule


# Work items


def record(item, user, action, detail, at=None):
    return WorkItemEvent.objects.create(
        item=item, user=user, action=action, detail=detail[:500], at=at or clock.now()
    )


def _describe_subject(subject):
    """Return a label, patient reference, service, payer and start time for a subject."""
    starts_at = getattr(subject, "starts_at", None)
    service = getattr(subject, "service", None)
    payer = getattr(subject, "payer", None)
    label = f"{subject._meta.verbose_name} {subject}"
    return {
        "subject_label": label[:200],
        "patient_ref": getattr(subject, "patient_ref", ""),
        "service": str(service or "")[:200],
        "payer": str(payer or "")[:200],
        "appointment_at": starts_at,
    }


@transaction.atomic
def create_work_item(
    practice,
    *,
    kind=None,
    title="",
    patient_ref="",
    user=None,
    scenario=None,
    subject=None,
    owner_role=None,
    owner_user=None,
    priority=Priority.NORMAL,
    due_at=None,
    evidence=None,
    service="",
    payer="",
):
    """Create a work item, routed to the scenario's role queue when one is named.

    Without a scenario the item goes to owner_role, or the owner user's queue, or the
    supervisors. The due time defaults to the scenario's waiting limit and is never
    later than the start of a linked appointment.
    """
    now = clock.now()
    rule = rule_for(practice, scenario) if scenario else None
    if scenario and rule is None:
        raise ValueError(f"The practice has no escalation rule named {scenario!r}")
    item = WorkItem(
        practice=practice,
        kind=kind or (rule.item_kind if rule else None),
        title=(title or (rule.label if rule else ""))[:200],
        patient_ref=patient_ref,
        owner_user=owner_user,
        priority=priority,
        evidence=evidence or {},
        service=service,
        payer=payer,
        scenario=rule,
        created_at=now,
        created_by=user,
    )
    if not item.kind:
        raise ValueError("A work item needs a kind or a scenario")
    _attach_subject(item, subject)
    item.owner_role = _route(rule, owner_role, owner_user)
    item.escalate_at = (
        escalation.escalate_by(now, rule.escalate_after_hours) if rule else None
    )
    item.due_at = _initial_due(item, due_at, now)
    if not item.patient_ref:
        raise ValueError("A work item needs a patient reference")
    item.save()

    routed = f" by rule {rule.scenario}" if rule else ""
    record(item, user, HistoryAction.CREATED, f"Created for {item.owner_role}{routed}")
    logger.info(
        "Created work item %s in practice %s for %s%s",
        item.pk,
        practice.pk,
        item.owner_role,
        routed,
    )
    return item


def _attach_subject(item, subject):
    if subject is None:
        return
    item.subject = subject
    for name, value in _describe_subject(subject).items():
        if value and not getattr(item, name):
            setattr(item, name, value)


def _route(rule, owner_role, owner_user):
    if owner_role:
        return owner_role
    if rule:
        return rule.role
    if owner_user is not None:
        roles = sorted(owner_user.role_set())
        if roles:
            return roles[0]
    return Role.SUPERVISOR


def _initial_due(item, due_at, now):
    due = due_at or item.escalate_at or now + datetime.timedelta(days=1)
    if item.appointment_at and item.appointment_at > now:
        due = min(due, item.appointment_at)
    return due


def create_work_item_from_flag(flag, user):
    """Create a work item for a red flag, carrying its evidence, routed by its kind.

    The flag needs the attributes practice, appointment, kind, severity, routed_role,
    message and evidence. The practice's matrix row named after the flag kind decides
    the role queue; the flag's own routed_role applies only when no such row exists.
    """
    appointment = getattr(flag, "appointment", None)
    existing = open_item_for_flag(flag, appointment)
    if existing is not None:
        return existing
    rule = rule_for(flag.practice, escalation.scenario_for_flag(flag.kind))
    evidence = {key: _plain(getattr(flag, key, None)) for key in FLAG_EVIDENCE_KEYS}
    return create_work_item(
        flag.practice,
        kind=rule.item_kind if rule else "mismatch_review",
        title=str(flag.message or "")[:200],
        patient_ref=getattr(appointment, "patient_ref", "") if appointment else "",
        user=user,
        scenario=rule.scenario if rule else None,
        subject=appointment,
        owner_role=None if rule else (flag.routed_role or Role.SUPERVISOR),
        priority=escalation.priority_for_severity(
            flag.severity, getattr(flag, "blocking", False)
        ),
        evidence=evidence,
    )


def open_item_for_flag(flag, appointment):
    """Return the open work item already made for this kind of flag on the visit.

    A second click on "Create work item", from the visit page or the worklist, must not
    put the same follow-up in a queue twice.
    """
    if appointment is None or getattr(appointment, "pk", None) is None:
        return None
    return (
        WorkItem.objects.active()
        .filter(
            practice=flag.practice,
            subject_type=ContentType.objects.get_for_model(appointment),
            subject_id=appointment.pk,
            evidence__kind=flag.kind,
        )
        .first()
    )


def _plain(value):
    """Return a JSON-safe copy of a flag attribute."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(inner) for inner in value]
    return str(value)


@transaction.atomic
def change_status(item, user, status):
    if status == item.status:
        return item
    previous = item.get_status_display()
    now = clock.now()
    item.status = status
    if status in CLOSED_STATUSES:
        item.closed_at, item.closed_by = now, user
    else:
        item.closed_at, item.closed_by = None, None
    item.save(update_fields=["status", "closed_at", "closed_by"])
    record(
        item,
        user,
        HistoryAction.STATUS,
        f"{previous} → {item.get_status_display()}",
        now,
    )
    logger.info("User %s set work item %s to %s", _user_id(user), item.pk, status)
    return item


def _owner_text(owner_role, owner_user):
    who = Role(owner_role).label if owner_role else ""
    if owner_user is not None:
        who = f"{owner_user.get_username()} ({who})" if who else owner_user.username
    return who


@transaction.atomic
def reassign(item, user, owner_role=None, owner_user=None):
    before = _owner_text(item.owner_role, item.owner_user)
    item.owner_role = owner_role or _route(None, None, owner_user)
    item.owner_user = owner_user
    item.save(update_fields=["owner_role", "owner_user"])
    after = _owner_text(item.owner_role, owner_user)
    record(item, user, HistoryAction.REASSIGNED, f"{before} → {after}")
    logger.info("User %s reassigned work item %s", _user_id(user), item.pk)
    return item


@transaction.atomic
def bulk_reassign(practice, item_ids, user, owner_role=None, owner_user=None):
    """Reassign the practice's items among item_ids in two queries plus history rows."""
    items = list(
        WorkItem.objects.filter(practice=practice, pk__in=item_ids).select_related(
            "owner_user"
        )
    )
    role = owner_role or _route(None, None, owner_user)
    now = clock.now()
    after = _owner_text(role, owner_user)
    events = [
        WorkItemEvent(
            item=item,
            user=user,
            at=now,
            action=HistoryAction.REASSIGNED,
            detail=f"{_owner_text(item.owner_role, item.owner_user)} → {after}",
        )
        for item in items
    ]
    WorkItem.objects.filter(pk__in=[item.pk for item in items]).update(
        owner_role=role, owner_user=owner_user
    )
    WorkItemEvent.objects.bulk_create(events)
    logger.info("User %s reassigned %s work items", _user_id(user), len(items))
    return len(items)


def missing_handoff(item, question=""):
    """Return the hand-off fields that the item's scenario requires and it lacks."""
    if item.scenario is None:
        return []
    present = {
        HandoffField.PATIENT_REF: bool(item.patient_ref),
        HandoffField.SUBJECT: item.subject_id is not None,
        HandoffField.EVIDENCE: bool(item.evidence),
        HandoffField.QUESTION: bool(question or item.escalation_question),
        HandoffField.ACTIONABLE_NOTE: item.notes.filter(
            verdict=NoteVerdict.ACTIONABLE
        ).exists(),
        HandoffField.PAYER_REFERENCE: item.notes.exclude(reference="").exists(),
    }
    return [name for name in item.scenario.handoff_fields if not present.get(name)]


@transaction.atomic
def escalate(item, user, question=""):
    """Hand the item to the next level named by its scenario, or to the supervisors."""
    if item.status not in ACTIVE_STATUSES:
        raise ValueError("Only an open item can be escalated")
    missing = missing_handoff(item, question)
    if missing:
        raise HandoffIncomplete(missing)
    now = clock.now()
    target = item.scenario.escalate_to if item.scenario else Role.SUPERVISOR
    before = _owner_text(item.owner_role, item.owner_user)
    item.status = ItemStatus.ESCALATED
    item.escalated_at = item.escalated_at or now
    item.escalation_level += 1
    item.escalation_question = question or item.escalation_question
    item.owner_role, item.owner_user = target, None
    item.save()
    late = (
        " after its waiting limit"
        if escalation.escalated_late(item.escalate_at, now)
        else ""
    )
    detail = f"{before} → {Role(target).label}{late}"
    if question:
        detail += f": {question}"
    record(item, user, HistoryAction.ESCALATED, detail, now)
    logger.info("User %s escalated work item %s to %s", _user_id(user), item.pk, target)
    return item


# Status notes


def note_check_fields(data):
    """Map note form values to the field names of the note-quality check."""
    return {
        "when": data.get("contacted_at"),
        "channel": data.get("channel"),
        "contact_name": data.get("contact_name"),
        "contact_org": data.get("contact_org"),
        "reference": data.get("reference"),
        "requested": data.get("requested"),
        "received": data.get("received"),
        "pending": data.get("pending"),
        "committed": data.get("committed"),
        "next_step": data.get("next_step"),
        "owner": data.get("next_step_owner"),
        "follow_up": data.get("follow_up_at"),
        "text": data.get("text") or "",
    }


NOTE_FIELDS = (
    "contacted_at",
    "channel",
    "contact_name",
    "contact_org",
    "reference",
    "requested",
    "received",
    "pending",
    "committed",
    "next_step",
    "next_step_owner",
    "follow_up_at",
    "text",
)


@transaction.atomic
def add_note(item, user, data, confirm_vague=False):
    """Check and save a status note; a vague one needs confirm_vague=True."""
    verdict = check_note(fields=note_check_fields(data))
    if not verdict.is_actionable and not confirm_vague:
        raise NoteNeedsConfirmation(verdict)
    note = StatusNote(
        practice=item.practice,
        item=item,
        author=user,
        written_at=clock.now(),
        verdict=verdict.verdict,
        missing=[entry.id for entry in verdict.missing if entry.required],
        saved_as_vague=not verdict.is_actionable,
        **{name: data.get(name) or _blank(name) for name in NOTE_FIELDS},
    )
    note.save()
    record(item, user, HistoryAction.NOTE, note.get_verdict_display())
    logger.info(
        "User %s added %s note %s to work item %s",
        _user_id(user),
        note.verdict,
        note.pk,
        item.pk,
    )
    return note


def _blank(name):
    return None if name.endswith("_at") else ""


# Documentation requests


def _local_date(moment):
    return timezone.localtime(moment).date().isoformat() if moment else ""


def _request_due(now, days):
    local = timezone.localtime(now) + datetime.timedelta(days=days)
    return local.replace(hour=REQUEST_DUE_HOUR, minute=0, second=0, microsecond=0)


def placeholder_values(item, due_at, reference, now):
    return {
        "patient_ref": item.patient_ref,
        "service": item.service,
        "payer": item.payer,
        "appointment_date": _local_date(item.appointment_at),
        "request_date": _local_date(now),
        "due_date": _local_date(due_at),
        "reference": reference,
        "practice": item.practice.name,
        "item_title": item.title,
    }


@transaction.atomic
def create_document_request(item, user, template, fmt, recipient="", due_at=None):
    """Create a request from a template, filled in from the work item."""
    now = clock.now()
    request = DocumentRequest.objects.create(
        practice=item.practice,
        item=item,
        template=template,
        format=fmt,
        recipient=recipient,
        due_at=due_at or _request_due(now, template.due_days),
        requested_at=now,
        created_by=user,
        what_missing="",
        reason="",
        next_step_owner="",
        send_to="",
        body="",
    )
    request.reference = f"DR-{request.pk:06d}"
    values = placeholder_values(item, request.due_at, request.reference, now)
    for name in ("what_missing", "reason", "next_step_owner", "send_to", "body"):
        setattr(request, name, requesttext.fill(getattr(template, name), values))
    request.reminder_text = requesttext.fill(template.reminder_text, values)
    request.save()

    record(item, user, HistoryAction.REQUEST, f"Requested {request.reference}", now)
    logger.info(
        "User %s created documentation request %s on work item %s",
        _user_id(user),
        request.pk,
        item.pk,
    )
    return request


def request_text(request):
    """Return the request's filled-in parts for rendering."""
    return requesttext.RequestText(
        what_missing=request.what_missing,
        reason=request.reason,
        due_date=_local_date(request.due_at),
        next_step_owner=request.next_step_owner,
        send_to=request.send_to,
        reference=request.reference,
        body=request.body,
        practice=request.item.practice.name,
        recipient=request.recipient,
    )


@transaction.atomic
def set_request_status(request, user, status, note=""):
    """Move a request to a new state; an invalid change raises ValueError."""
    if status not in REQUEST_TRANSITIONS[request.status]:
        raise ValueError(
            f"A request that is {request.get_status_display().lower()} cannot become "
            f"{RequestStatus(status).label.lower()}"
        )
    now = clock.now()
    request.status = status
    if status == RequestStatus.SENT:
        request.sent_at = now
    if status in (RequestStatus.PARTIAL, RequestStatus.RECEIVED):
        request.received_at = now
        request.received_note = note or request.received_note
    request.save()
    record(
        request.item,
        user,
        HistoryAction.REQUEST,
        f"{request.reference} {request.get_status_display().lower()}",
        now,
    )
    logger.info("User %s set request %s to %s", _user_id(user), request.pk, status)
    return request
