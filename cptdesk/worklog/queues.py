"""Worklists: which work items a queue view shows, filtered and sorted, for one page.

Every list reads a fixed number of queries whatever its length: the items with their
owner and scenario joined, the page count, and one query for the overdue documentation
requests of the items on the page.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from cptdesk.lib import clock

from .models import DocumentRequest, WorkItem

VIEWS = {
    "mine": "My queue",
    "role": "Role queue",
    "today": "Due today",
    "overdue": "Overdue",
    "waiting": "Waiting on outside",
    "escalate": "Escalate early",
    "all": "All open",
}
SORTS = {
    "due": ("due_at", "pk"),
    "-due": ("-due_at", "-pk"),
    "priority": ("priority", "due_at", "pk"),
    "created": ("-created_at", "-pk"),
    "patient": ("patient_ref", "due_at", "pk"),
}
PAGE_SIZE = 50


@dataclass
class QueueChoice:
    """The view, filters and sort order that select one worklist."""

    view: str = "mine"
    role: str = ""
    kind: str = ""
    priority: int | None = None
    patient: str = ""
    sort: str = "due"


def queue_items(practice, user, choice, moment=None):
    """Return the queryset of a worklist; no query runs until it is read."""
    moment = moment or clock.now()
    items = WorkItem.objects.filter(practice=practice)
    items = _select_view(items, user, choice, moment)

    if choice.kind:
        items = items.filter(kind=choice.kind)
    if choice.priority:
        items = items.filter(priority=choice.priority)
    if choice.patient:
        # A range on the raw value uses the patient_ref index on SQLite too, where
        # LIKE is case-insensitive and skips the index. Patient references are matched
        # case-sensitively as a result.
        items = items.filter(
            patient_ref__gte=choice.patient, patient_ref__lt=choice.patient + "\uffff"
        )

    late_requests = DocumentRequest.objects.overdue(moment).order_by("due_at")
    return (
        items.select_related("owner_user", "scenario")
        .prefetch_related(
            Prefetch("requests", queryset=late_requests, to_attr="overdue_requests")
        )
        .order_by(*SORTS.get(choice.sort, SORTS["due"]))
    )


def _select_view(items, user, choice, moment):
    if choice.view == "mine":
        return items.active().filter(owner_user=user)
    if choice.view == "role":
        return items.active().filter(owner_role=choice.role)
    if choice.view == "today":
        return items.due_today(moment)
    if choice.view == "overdue":
        return items.overdue(moment)
    if choice.view == "waiting":
        return items.waiting()
    if choice.view == "escalate":
        return items.escalate_early(moment)
    return items.active()
