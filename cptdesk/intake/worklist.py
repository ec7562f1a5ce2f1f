"""Reads for the pre-scrub worklist: at-risk visits in a date range, and their export."""

import csv
import datetime
import io

from django.db.models import Q
from django.utils import timezone

from .choices import FlagState
from .models import RedFlag

EXPORT_COLUMNS = (
    ("date", "Date"),
    ("time", "Time"),
    ("patient", "Patient"),
    ("provider", "Provider"),
    ("payer", "Payer"),
    ("codes", "Codes"),
    ("severity", "Severity"),
    ("blocking", "Blocking"),
    ("kind", "Flag"),
    ("routed_to", "Routed to"),
    ("state", "State"),
    ("message", "Message"),
)


def day_bounds(date_from, date_to):
    """Return the aware start and end instants of the local days date_from..date_to."""
    start = end = None
    if date_from:
        start = timezone.make_aware(
            datetime.datetime.combine(date_from, datetime.time())
        )
    if date_to:
        next_day = date_to + datetime.timedelta(days=1)
        end = timezone.make_aware(datetime.datetime.combine(next_day, datetime.time()))
    return start, end


def flags_in_range(
    practice,
    date_from=None,
    date_to=None,
    *,
    kind="",
    payer_id=None,
    provider="",
    query="",
    states=(FlagState.OPEN, FlagState.ACKNOWLEDGED, FlagState.OVERRIDDEN),
    appointment_ids=None,
):
    """Return the practice's flags, ordered by visit time then severity, in one query."""
    flags = RedFlag.objects.filter(practice=practice, state__in=states)
    start, end = day_bounds(date_from, date_to)
    if start:
        flags = flags.filter(appointment__starts_at__gte=start)
    if end:
        flags = flags.filter(appointment__starts_at__lt=end)
    if kind:
        flags = flags.filter(kind=kind)
    if payer_id:
        flags = flags.filter(appointment__payer_id=payer_id)
    if provider:
        flags = flags.filter(appointment__provider__iexact=provider)
    if appointment_ids is not None:
        flags = flags.filter(appointment_id__in=list(appointment_ids))
    if query:
        flags = flags.filter(
            Q(appointment__patient_ref__icontains=query)
            | Q(message__icontains=query)
            | Q(appointment__provider__icontains=query)
        )
    return flags.select_related(
        "appointment", "appointment__payer", "decided_by"
    ).order_by("appointment__starts_at", "-severity", "kind", "pk")


def flag_rows(practice, **filters):
    """Return the flags as JSON-ready rows for the CLI and the exports."""
    flags = flags_in_range(practice, **filters).prefetch_related("appointment__lines")
    return [flag_row(flag) for flag in flags]


def flag_row(flag):
    appointment = flag.appointment
    starts_at = timezone.localtime(appointment.starts_at)
    return {
        "flag_id": flag.pk,
        "appointment_id": appointment.pk,
        "date": starts_at.date().isoformat(),
        "time": f"{starts_at:%H:%M}",
        "patient": appointment.patient_ref,
        "provider": appointment.provider,
        "payer": str(appointment.payer) if appointment.payer else "",
        "codes": " ".join(
            f"{line.code}:{line.units}" if line.units != 1 else line.code
            for line in appointment.lines.all()
        ),
        "severity": flag.get_severity_display(),
        "blocking": flag.blocking,
        "kind": flag.kind,
        "routed_to": flag.get_routed_role_display(),
        "state": flag.state,
        "message": flag.message,
        "evidence": flag.evidence,
    }


def export_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([export_value(row[name]) for name, _ in EXPORT_COLUMNS])
    return buffer.getvalue()


def export_xlsx(rows):
    # Imported on the first export, because openpyxl (with numpy, which it loads when
    # installed) added 26 MB to a process on the bench machine.
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pre-scrub"
    sheet.append([label for _, label in EXPORT_COLUMNS])
    for row in rows:
        sheet.append([export_value(row[name]) for name, _ in EXPORT_COLUMNS])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_value(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    # A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    if text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text
