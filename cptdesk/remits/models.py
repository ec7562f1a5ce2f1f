from typing import TypedDict

from django.conf import settings
from django.db import models

from .choices import (
    EntryKind,
    EntrySource,
    EntryStatus,
    ImportStatus,
    MissedTrigger,
    ReworkType,
    SummaryDimension,
)


class MoneyFieldOptions(TypedDict):
    """Size arguments of every money DecimalField, typed so mypy checks ``**MONEY``."""

    max_digits: int
    decimal_places: int


MONEY: MoneyFieldOptions = {"max_digits": 12, "decimal_places": 2}
MAX_WARNINGS = 200  # masked sample files carry thousands; the count is kept in full


class RemittanceImport(models.Model):
    """The report of one 835 file import: what was posted, what was a duplicate."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=ImportStatus.choices)
    transactions = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    claims = models.PositiveIntegerField(default=0)
    lines = models.PositiveIntegerField(default=0)
    adjustments = models.PositiveIntegerField(default=0)
    denials = models.PositiveIntegerField(default=0)
    charge_total = models.DecimalField(default=0, **MONEY)
    paid_total = models.DecimalField(default=0, **MONEY)
    adjustment_total = models.DecimalField(default=0, **MONEY)
    provider_adjustment_total = models.DecimalField(default=0, **MONEY)
    payment_total = models.DecimalField(default=0, **MONEY)  # BPR02, debits negative
    warning_count = models.PositiveIntegerField(default=0)
    warning_kinds = models.JSONField(default=dict, blank=True)  # count of each kind
    warnings = models.JSONField(default=list, blank=True)  # the first MAX_WARNINGS

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"


class Remittance(models.Model):
    """One 835 transaction set: a single payment (BPR/TRN) from a payer."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    source = models.ForeignKey(
        RemittanceImport, on_delete=models.CASCADE, related_name="remittances"
    )
    payer_name = models.CharField(max_length=200, blank=True)
    payer_key = models.CharField(max_length=80)  # TRN03, else N1*PR id, else name
    trace_number = models.CharField(max_length=80)  # TRN02, the check or EFT number
    control_number = models.CharField(max_length=9, blank=True)  # ST02
    payment_amount = models.DecimalField(**MONEY)
    credit_debit = models.CharField(max_length=1, blank=True)
    method = models.CharField(max_length=3, blank=True)
    paid_on = models.DateField(null=True, blank=True)  # BPR16

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "payer_key", "trace_number"],
                name="remittance_once_per_payer_trace",
            )
        ]

    def __str__(self):
        return f"{self.payer_name} {self.trace_number}"


class ClaimPayment(models.Model):
    """One CLP claim of a remittance, with its raw segments (patient names cut)."""

    remittance = models.ForeignKey(
        Remittance, on_delete=models.CASCADE, related_name="claims"
    )
    patient_ref = models.CharField(max_length=64)  # CLP01, never a name
    status_code = models.CharField(max_length=2)
    charge = models.DecimalField(**MONEY)
    payment = models.DecimalField(**MONEY)
    patient_responsibility = models.DecimalField(null=True, blank=True, **MONEY)
    payer_claim_number = models.CharField(max_length=80, blank=True)
    statement_start = models.DateField(null=True, blank=True)
    adjustments = models.JSONField(default=list, blank=True)  # claim-level CAS
    remark_codes = models.JSONField(default=list, blank=True)
    raw_text = models.TextField()
    segment_number = models.PositiveIntegerField(default=0)  # CLP within the file

    class Meta:
        indexes = [models.Index(fields=["remittance", "segment_number"])]

    def __str__(self):
        return f"claim {self.patient_ref} {self.payer_claim_number}"


class PaymentLine(models.Model):
    """One SVC service line of a claim with its CAS adjustments as [group, CARC, amount]."""

    claim = models.ForeignKey(
        ClaimPayment, on_delete=models.CASCADE, related_name="lines"
    )
    code = models.CharField(max_length=48, blank=True)
    modifiers = models.CharField(max_length=16, blank=True)
    charge = models.DecimalField(**MONEY)
    payment = models.DecimalField(**MONEY)
    units = models.DecimalField(max_digits=10, decimal_places=3, default=1)
    service_date = models.DateField(null=True, blank=True)
    adjustments = models.JSONField(default=list, blank=True)
    remark_codes = models.JSONField(default=list, blank=True)
    segment_number = models.PositiveIntegerField(default=0)  # SVC within the file

    def __str__(self):
        return f"{self.code} {self.service_date}"


class RootCause(models.Model):
    """A root cause in the practice's own taxonomy of denials and rework."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "slug"], name="root_cause_slug_per_practice"
            )
        ]

    def __str__(self):
        return self.name


class PreventionAction(models.Model):
    """A process change the practice made against a root cause, from a given date."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    root_cause = models.ForeignKey(
        RootCause, on_delete=models.PROTECT, related_name="prevention_actions"
    )
    started_on = models.DateField()
    owner_role = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-started_on", "title"]

    def __str__(self):
        return self.title


class LearningEntryQuerySet(models.QuerySet):
    def for_practice(self, practice):
        return self.filter(practice=practice)

    def filter_deadline_before(self, last_day):
        """Keep entries with an appeal or timely-filing deadline on or before a day."""
        return self.filter(
            models.Q(appeal_deadline__lte=last_day)
            | models.Q(timely_filing_deadline__lte=last_day)
        )


class LearningEntry(models.Model):
    """One denial or piece of rework, with its cause, the missed trigger and its cost."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    kind = models.CharField(max_length=8, choices=EntryKind.choices)
    source = models.CharField(max_length=16, choices=EntrySource.choices)
    rework_type = models.CharField(
        max_length=24, choices=ReworkType.choices, blank=True
    )
    occurred_on = models.DateField()  # remittance date for denials, else event date
    what_happened = models.TextField()
    payer_name = models.CharField(max_length=200, blank=True)
    patient_ref = models.CharField(max_length=64, blank=True)  # never a name
    service_date = models.DateField(null=True, blank=True)
    procedure_code = models.CharField(max_length=48, blank=True)
    group_code = models.CharField(max_length=2, blank=True)
    reason_code = models.CharField(max_length=8, blank=True)  # CARC
    remark_codes = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=32)
    amount = models.DecimalField(default=0, **MONEY)  # dollars denied or lost
    staff_minutes = models.PositiveIntegerField(default=0)
    root_cause = models.ForeignKey(
        RootCause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    missed_trigger = models.CharField(
        max_length=32, choices=MissedTrigger.choices, blank=True
    )
    missed_trigger_note = models.CharField(max_length=300, blank=True)
    prevention_action = models.ForeignKey(
        PreventionAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    prevention_note = models.TextField(blank=True)
    front_office_preventable = models.BooleanField(null=True)
    responsible_role = models.CharField(max_length=32)
    status = models.CharField(
        max_length=16, choices=EntryStatus.choices, default=EntryStatus.OPEN
    )
    appeal_deadline = models.DateField(null=True, blank=True)
    timely_filing_deadline = models.DateField(null=True, blank=True)
    claim = models.ForeignKey(
        ClaimPayment, on_delete=models.CASCADE, null=True, blank=True
    )
    line = models.OneToOneField(
        PaymentLine, on_delete=models.CASCADE, null=True, blank=True
    )
    appointment = models.ForeignKey(
        "intake.Appointment", on_delete=models.SET_NULL, null=True, blank=True
    )
    authorization = models.ForeignKey(
        "intake.Authorization", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LearningEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            # The dashboard's GROUP BY queries read only these columns, so SQLite and
            # PostgreSQL read them from the index without visiting the table.
            models.Index(
                fields=[
                    "practice",
                    "occurred_on",
                    "kind",
                    "category",
                    "payer_name",
                    "reason_code",
                    "root_cause",
                    "responsible_role",
                    "missed_trigger",
                    "amount",
                    "staff_minutes",
                ],
                name="remits_entry_trends",
            ),
            models.Index(
                fields=["practice", "root_cause", "occurred_on"],
                name="remits_entry_cause_day",
            ),
            models.Index(fields=["practice", "status"], name="remits_entry_status"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on}"


class DailySummary(models.Model):
    """A count of one practice's entries of one day and kind sharing one dimension value.

    Only the columns that the row's dimension groups by are filled; the others stay
    blank. The rows are derived from the learning-log entries by summary.py, and the
    trends dashboard reads them instead of the entries.
    """

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    dimension = models.CharField(max_length=16, choices=SummaryDimension.choices)
    occurred_on = models.DateField()
    kind = models.CharField(max_length=8, choices=EntryKind.choices)
    category = models.CharField(max_length=32, blank=True)
    payer_name = models.CharField(max_length=200, blank=True)
    reason_code = models.CharField(max_length=8, blank=True)
    # Deleting a root cause empties this column like it empties the entries' own.
    root_cause = models.ForeignKey(
        RootCause, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responsible_role = models.CharField(max_length=32, blank=True)
    missed_trigger = models.CharField(max_length=32, blank=True)
    entries = models.PositiveIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    staff_minutes = models.PositiveBigIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["practice", "dimension", "occurred_on"],
                name="remits_summary_day",
            ),
            models.Index(
                fields=["practice", "dimension", "root_cause", "occurred_on"],
                name="remits_summary_cause_day",
            ),
        ]

    def __str__(self):
        return f"{self.dimension} {self.occurred_on} {self.kind}: {self.entries}"
