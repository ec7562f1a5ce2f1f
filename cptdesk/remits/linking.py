"""Link denial entries to the practice's appointments and authorizations.

An entry matches an appointment of the same patient reference (CLP01) that starts on
the service date, in the practice's time zone, and an authorization of the same
patient whose valid dates cover the service date.
"""

from collections import defaultdict

from django.utils import timezone

from cptdesk.intake.models import Appointment, Authorization


class VisitLinker:
    """Look up visits and authorizations for many entries with two queries."""

    def __init__(self, practice):
        self.practice = practice

    def link(self, entries):
        refs = {entry.patient_ref for entry in entries if entry.service_date}
        if not refs:
            return
        visits = self.visits_by_day(refs)
        authorizations = self.authorizations_by_patient(refs)
        for entry in entries:
            if entry.service_date is None:
                continue
            entry.appointment_id = visits.get((entry.patient_ref, entry.service_date))
            entry.authorization_id = self.covering(
                authorizations.get(entry.patient_ref, []), entry.service_date
            )

    def visits_by_day(self, refs):
        found = {}
        appointments = Appointment.objects.filter(
            practice=self.practice, patient_ref__in=refs
        ).values_list("pk", "patient_ref", "starts_at")
        for pk, ref, starts_at in appointments.order_by("starts_at"):
            found.setdefault((ref, timezone.localtime(starts_at).date()), pk)
        return found

    def authorizations_by_patient(self, refs):
        found = defaultdict(list)
        rows = (
            Authorization.objects.filter(
                practice=self.practice, patient_ref__in=refs, valid_from__isnull=False
            )
            .order_by("-valid_from")
            .values_list("pk", "patient_ref", "valid_from", "valid_to")
        )
        for pk, ref, valid_from, valid_to in rows:
            found[ref].append((pk, valid_from, valid_to))
        return found

    @staticmethod
    def covering(authorizations, day):
        for pk, valid_from, valid_to in authorizations:
            if valid_from <= day and (valid_to is None or day <= valid_to):
                return pk
        return None
