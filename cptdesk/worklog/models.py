from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from cptdesk.accounts.choices import Role
from cptdesk.lib import clock

from . import escalation
from .choices import (
    ACTIVE_STATUSES,
    CLOSED_STATUSES,
    OPEN_REQUEST_STATUSES,
    OVERDUE,
    Channel,
    HandoffField,
    HistoryAction,
    ItemKind,
    ItemStatus,
    NoteVerdict,
    Priority,
    RequestFormat,
    RequestStatus,
)


class EscalationRule(models.Model):
    """One row of a practice's escalation matrix: a scenario and who handles it."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    scenario = models.SlugField(max_length=64)
    label = models.CharField(max_length=200)
    role = models.CharField(max_length=32, choices=Role.choices)
    escalate_to = models.CharField(max_length=32, choices=Role.choices)
    escalate_after_hours = models.PositiveIntegerField()
    item_kind = models.CharField(max_length=32, choices=ItemKind.choices)
    handoff_fields = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "scenario"], name="unique_escalation_scenario"
            )
        ]

    def __str__(self):
        return self.label

    def handoff_labels(self):
        return [HandoffField(name).label for name in self.handoff_fields]


class WorkItemQuerySet(models.QuerySet):
    def active(self):
        # closed_at is empty exactly when the status is active (a check constraint
        # holds this), and filtering on it lets one index serve the filter and the
        # due-date order of every worklist.
        return self.filter(closed_at__isnull=True)

    def due_today(self, moment=None):
        start, end = clock.local_day_bounds(moment)
        return self.active().filter(due_at__gte=start, due_at__lt=end)

    def overdue(self, moment=None):
        """Active items past their due time or with an overdue documentation request."""
        moment = moment or clock.now()
        late_items = DocumentRequest.objects.overdue(moment).values("item_id")
        return self.active().filter(Q(due_at__lt=moment) | Q(pk__in=late_items))

    def waiting(self):
        return self.filter(status=ItemStatus.WAITING)

    def escalate_early(self, moment=None):
        """Active items past their waiting limit that nobody has escalated."""
        return self.active().filter(
            escalate_at__lt=moment or clock.now(), escalated_at__isnull=True
        )


class WorkItem(models.Model):
    """One piece of follow-up for a patient, owned by a person or a role queue."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    kind = models.CharField(max_length=32, choices=ItemKind.choices)
    title = models.CharField(max_length=200)
    patient_ref = models.CharField(max_length=64)  # the practice's id, never a name
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField(max_length=200, blank=True)
    service = models.CharField(max_length=200, blank=True)
    payer = models.CharField(max_length=200, blank=True)
    appointment_at = models.DateTimeField(null=True, blank=True)
    owner_role = models.CharField(max_length=32, choices=Role.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_items",
    )
    priority = models.PositiveSmallIntegerField(
        choices=Priority.choices, default=Priority.NORMAL
    )
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    scenario = models.ForeignKey(
        EscalationRule, on_delete=models.SET_NULL, null=True, blank=True
    )
    escalate_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalation_question = models.TextField(blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["practice", "closed_at", "due_at", "id"]),
            models.Index(fields=["practice", "closed_at", "priority", "due_at"]),
            models.Index(fields=["practice", "kind", "closed_at", "due_at"]),
            models.Index(fields=["practice", "patient_ref"]),
            models.Index(fields=["practice", "status", "due_at"]),
            models.Index(fields=["practice", "owner_user", "closed_at", "due_at"]),
            models.Index(fields=["practice", "owner_role", "closed_at", "due_at"]),
            models.Index(
                fields=["practice", "closed_at", "escalated_at", "escalate_at"]
            ),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ACTIVE_STATUSES, closed_at__isnull=True)
                | Q(status__in=CLOSED_STATUSES, closed_at__isnull=False),
                name="work_item_closed_at_matches_status",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.patient_ref}"

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    def is_overdue(self, moment=None):
        return self.is_active and self.due_at < (moment or clock.now())

    def needs_escalation(self, moment=None):
        return self.is_active and escalation.is_escalation_due(
            self.escalate_at, self.escalated_at, moment or clock.now()
        )


class WorkItemEvent(models.Model):
    """One change to a work item: who made it, when, and what changed."""

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=16, choices=HistoryAction.choices)
    detail = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.detail}"


class StatusNote(models.Model):
    """A structured note of one contact or step on a work item."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    written_at = models.DateTimeField()
    contacted_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_org = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    requested = models.CharField(max_length=500, blank=True)
    received = models.CharField(max_length=500, blank=True)
    pending = models.CharField(max_length=500, blank=True)
    committed = models.CharField(max_length=500, blank=True)
    next_step = models.CharField(max_length=500, blank=True)
    next_step_owner = models.CharField(max_length=200, blank=True)
    follow_up_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    verdict = models.CharField(max_length=16, choices=NoteVerdict.choices)
    missing = models.JSONField(default=list, blank=True)  # ids from the note check
    saved_as_vague = models.BooleanField(default=False)  # the author confirmed it

    class Meta:
        ordering = ["-written_at", "-pk"]
        indexes = [
            models.Index(fields=["practice", "written_at"]),
            models.Index(fields=["item", "written_at"]),
        ]

    def __str__(self):
        return f"Note {self.pk} ({self.verdict})"


class RequestTemplate(models.Model):
    """A practice's wording for one kind of documentation request."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    what_missing = models.CharField(max_length=300)
    reason = models.CharField(max_length=500)
    due_days = models.PositiveIntegerField(default=3)
    next_step_owner = models.CharField(max_length=300)
    send_to = models.CharField(max_length=300)
    body = models.TextField()
    reminder_text = models.CharField(max_length=500)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"], name="unique_request_template_name"
            )
        ]

    def __str__(self):
        return self.name


class DocumentRequestQuerySet(models.QuerySet):
    def overdue(self, moment=None):
        return self.filter(
            status__in=OPEN_REQUEST_STATUSES, due_at__lt=moment or clock.now()
        )


class DocumentRequest(models.Model):
    """A request for a document, filled in from a template when it was made."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    item = models.ForeignKey(
        WorkItem, on_delete=models.CASCADE, related_name="requests"
    )
    template = models.ForeignKey(
        RequestTemplate, on_delete=models.SET_NULL, null=True, blank=True
    )
    format = models.CharField(max_length=8, choices=RequestFormat.choices)
    recipient = models.CharField(max_length=300, blank=True)
    what_missing = models.CharField(max_length=300)
    reason = models.CharField(max_length=500)
    next_step_owner = models.CharField(max_length=300)
    send_to = models.CharField(max_length=300)
    reference = models.CharField(max_length=40, blank=True)
    body = models.TextField()
    reminder_text = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    due_at = models.DateTimeField()
    requested_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = DocumentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["item", "status", "due_at"]),
            models.Index(fields=["practice", "status", "due_at"]),
        ]

    def __str__(self):
        return f"{self.reference}: {self.what_missing}"

    def is_overdue(self, moment=None):
        return self.status in OPEN_REQUEST_STATUSES and self.due_at < (
            moment or clock.now()
        )

    def display_status(self, moment=None):
        """Return the stored state's label, or "Overdue" once the due time passed."""
        if self.is_overdue(moment):
            return OVERDUE.capitalize()
        return self.get_status_display()
