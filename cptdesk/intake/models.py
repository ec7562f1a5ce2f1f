from django.db import models

from .choices import AppointmentStatus, AuthorizationStatus


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

    class Meta:
        indexes = [
            models.Index(fields=["practice", "starts_at"]),
            models.Index(fields=["practice", "patient_ref"]),
        ]

    def __str__(self):
        return f"{self.patient_ref} {self.starts_at:%Y-%m-%d %H:%M}"


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
