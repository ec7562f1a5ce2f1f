from django.conf import settings
from django.db import models
from django.utils import timezone

from cptdesk.accounts.choices import Role

from .choices import (
    AppointmentStatus,
    AuthorizationStatus,
    ChecklistKind,
    ChecklistState,
    FlagKind,
    FlagState,
    Severity,
)


class Appointment(models.Model):
    """A booked visit of a patient, identified by the practice's patient reference."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    patient_ref = models.CharField(max_length=64)  # the practice's id, never a name
    patient_birth_date = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField()
    booked_minutes = models.PositiveIntegerField(default=15)
    provider = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    place_of_service = models.CharField(max_length=2, blank=True)
    payer = models.ForeignKey(
        "catalog.Payer", on_delete=models.PROTECT, null=True, blank=True
    )
    plan = models.ForeignKey(
        "catalog.Plan", on_delete=models.PROTECT, null=True, blank=True
    )
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.SET_NULL, null=True, blank=True
    )
    status = models.CharField(
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    source = models.CharField(max_length=200, blank=True)  # import file or "manual"
    source_key = models.CharField(max_length=200, blank=True)  # idempotent re-import
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["practice", "starts_at"]),
            models.Index(fields=["practice", "patient_ref"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_appointment_source_key",
            )
        ]

    def __str__(self):
        # Local time: the label is shown to staff and copied onto work items.
        starts = timezone.localtime(self.starts_at)
        return f"{self.patient_ref} {starts:%Y-%m-%d %H:%M}"


class AppointmentLine(models.Model):
    """A code scheduled on an appointment, with units."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="lines"
    )
    code = models.CharField(max_length=5)
    units = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.code} x{self.units}"


class Authorization(models.Model):
    """A payer's prior authorization for a patient: codes, units and dates."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    number = models.CharField(max_length=100, blank=True)
    patient_ref = models.CharField(max_length=64)
    payer = models.ForeignKey(
        "catalog.Payer", on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(
        max_length=16,
        choices=AuthorizationStatus.choices,
        default=AuthorizationStatus.REQUESTED,
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    renew_by = models.DateField(null=True, blank=True)
    appointments = models.ManyToManyField(
        Appointment, blank=True, related_name="authorizations"
    )
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["practice", "patient_ref"])]

    def __str__(self):
        return self.number or f"authorization {self.pk}"


class AuthorizationCode(models.Model):
    """A code an authorization covers and the units approved for it."""

    authorization = models.ForeignKey(
        Authorization, on_delete=models.CASCADE, related_name="codes"
    )
    code = models.CharField(max_length=5)
    units_approved = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.code} x{self.units_approved}"


class ScheduleImport(models.Model):
    """One schedule file given to a practice to import: its row counts and row errors."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8, default="csv")  # csv or fhir
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported = models.BooleanField(default=True)  # False: errors stopped the file
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)  # visits already stored as read
    skipped = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True
    )  # [{row, column, value, problem}]

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


class ChecklistItemQuerySet(models.QuerySet):
    def for_practice(self, practice):
        return self.filter(appointment__practice=practice)


class ChecklistItem(models.Model):
    """One thing that must happen before a visit, the rule behind it and its state."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="checklist"
    )
    key = models.CharField(max_length=120)  # stable across re-evaluation
    kind = models.CharField(max_length=16, choices=ChecklistKind.choices)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)  # rule and its source
    position = models.PositiveIntegerField(default=0)
    is_current = models.BooleanField(
        default=True
    )  # False once the trigger stops firing
    state = models.CharField(
        max_length=8, choices=ChecklistState.choices, default=ChecklistState.OPEN
    )
    reason = models.TextField(blank=True)  # required when waived
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "key"], name="unique_checklist_item_key"
            )
        ]

    def __str__(self):
        return self.title


class RedFlagQuerySet(models.QuerySet):
    def unresolved(self):
        return self.exclude(state=FlagState.RESOLVED)

    def needing_action(self):
        return self.filter(state=FlagState.OPEN)


class RedFlag(models.Model):
    """A risk found on a booked visit, routed to the role that decides it."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(max_length=24, choices=FlagKind.choices)
    fingerprint = models.CharField(max_length=120)  # kind plus the codes involved
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    blocking = models.BooleanField(default=False)
    routed_role = models.CharField(max_length=32, choices=Role.choices)
    message = models.CharField(max_length=500)
    evidence = models.JSONField(default=dict)
    state = models.CharField(
        max_length=16, choices=FlagState.choices, default=FlagState.OPEN
    )
    reason = models.TextField(blank=True)  # why it was acknowledged or overridden
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = RedFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-severity", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "fingerprint"], name="unique_flag_fingerprint"
            )
        ]
        indexes = [models.Index(fields=["practice", "state"])]

    def __str__(self):
        return f"{self.get_kind_display()} on appointment {self.appointment_id}"
