"""Writes of the intake app: schedule imports, evaluations, flag and checklist decisions."""

import hashlib
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .choices import AppointmentStatus, ChecklistState, FlagState
from .evaluation import evaluate_appointments
from .models import (
    Appointment,
    AppointmentLine,
    ChecklistItem,
    RedFlag,
    ScheduleImport,
)
from .scheduleimport import parse_schedule

logger = logging.getLogger(__name__)

BULK_BATCH = None  # the largest batch the database backend accepts
APPOINTMENT_FIELDS = (
    "patient_birth_date",
    "starts_at",
    "booked_minutes",
    "provider",
    "location",
    "place_of_service",
    "payer_id",
    "plan_id",
    "service_id",
)
FLAG_FIELDS = ("severity", "blocking", "routed_role", "message", "evidence", "state")
ITEM_FIELDS = ("kind", "title", "detail", "source", "position", "is_current")
DECIDED_STATES = (FlagState.ACKNOWLEDGED, FlagState.OVERRIDDEN)


@dataclass
class ImportReport:
    """The outcome of a schedule import: its counts, or the errors that stopped it."""

    file_name: str
    errors: list = field(default_factory=list)  # scheduleformat.RowError
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    imported: bool = False
    appointment_ids: list = field(default_factory=list)
    schedule_import: ScheduleImport | None = None

    @property
    def skipped(self):
        return len({error.row for error in self.errors})

    @property
    def message(self):
        if not self.imported:
            return (
                f"{self.file_name}: {len(self.errors)} error(s) in {self.skipped} "
                "row(s); nothing was imported. Fix the rows listed, or import the "
                "valid rows only."
            )
        text = (
            f"{self.file_name}: {self.created} appointment(s) added, {self.updated} "
            f"updated, {self.unchanged} unchanged"
        )
        if self.errors:
            text += f"; {self.skipped} row(s) with errors skipped"
        return text + "."


def import_schedule(
    practice, text, file_name, *, user=None, mapping=None, valid_rows_only=False
):
    """Import a CSV schedule or FHIR bundle, then evaluate the visits it holds.

    All or nothing unless `valid_rows_only`: a row with an error stops the whole file.
    Re-importing the same visits updates them in place through their source key.
    """
    parsed = parse_schedule(practice, text, file_name, mapping)
    report = ImportReport(file_name, parsed.errors, parsed.rows_read)
    header_failed = not parsed.rows and parsed.errors
    if header_failed or (parsed.errors and not valid_rows_only):
        logger.warning(
            "Rejected schedule for practice %s: %s errors",
            practice.pk,
            len(parsed.errors),
        )
        return report

    with transaction.atomic():
        created, updated, unchanged = store_rows(practice, parsed.rows, file_name)
        report.created, report.updated, report.unchanged = (
            len(created),
            len(updated),
            len(unchanged),
        )
        report.appointment_ids = created + updated + unchanged
        report.schedule_import = ScheduleImport.objects.create(
            practice=practice,
            file_name=file_name[:255],
            file_format=parsed.file_format,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            imported_by=user,
            rows_read=parsed.rows_read,
            created=report.created,
            updated=report.updated,
            skipped=report.skipped,
            errors=[error.to_dict() for error in parsed.errors],
        )
        report.imported = True
        evaluate(practice, report.appointment_ids)
    logger.info(
        "Imported schedule %s for practice %s: %s added, %s updated, %s skipped rows",
        report.schedule_import.pk,
        practice.pk,
        report.created,
        report.updated,
        report.skipped,
    )
    return report


def store_rows(practice, resolved, source):
    """Create or update one appointment per row; return (created, updated, unchanged) ids."""
    keys = [item.row.key() for item in resolved]
    existing = {
        a.source_key: a
        for a in Appointment.objects.filter(practice=practice, source_key__in=keys)
    }
    old_lines = {}
    for line in AppointmentLine.objects.filter(
        appointment__in=list(existing.values())
    ).order_by("pk"):
        old_lines.setdefault(line.appointment_id, []).append((line.code, line.units))

    new, changed, unchanged, relined = [], [], [], []
    for item in resolved:
        appointment = existing.get(item.row.key())
        values = appointment_values(item)
        lines = [(line.code, line.units) for line in item.row.lines]
        if appointment is None:
            appointment = Appointment(
                practice=practice, source=source[:200], source_key=item.row.key()
            )
            set_values(appointment, values)
            new.append((appointment, lines))
            continue
        fields_differ = set_values(appointment, values)
        lines_differ = old_lines.get(appointment.pk, []) != lines
        if lines_differ:
            relined.append((appointment, lines))
        (changed if fields_differ or lines_differ else unchanged).append(appointment)

    Appointment.objects.bulk_create([a for a, _ in new], batch_size=BULK_BATCH)
    Appointment.objects.bulk_update(changed, APPOINTMENT_FIELDS, batch_size=BULK_BATCH)
    AppointmentLine.objects.filter(appointment__in=[a for a, _ in relined]).delete()
    AppointmentLine.objects.bulk_create(
        [
            AppointmentLine(appointment=appointment, code=code, units=units)
            for appointment, lines in new + relined
            for code, units in lines
        ],
        batch_size=BULK_BATCH,
    )
    return [a.pk for a, _ in new], [a.pk for a in changed], [a.pk for a in unchanged]


def appointment_values(item):
    row = item.row
    return {
        "patient_ref": row.patient,
        "patient_birth_date": row.birth_date,
        "starts_at": item.starts_at,
        "booked_minutes": row.booked_minutes or 15,
        "provider": row.provider[:200],
        "location": row.location[:200],
        "place_of_service": row.place_of_service,
        "payer_id": item.payer.pk if item.payer else None,
        "plan_id": item.plan.pk if item.plan else None,
        "service_id": item.service.pk if item.service else None,
    }


def set_values(instance, values):
    """Set the values on the instance; return True when any of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def evaluate(practice, appointment_ids):
    """Re-evaluate the appointments and store their flags and checklists."""
    appointments = (
        Appointment.objects.filter(practice=practice, pk__in=list(appointment_ids))
        .exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW))
        .prefetch_related("lines")
        .order_by("starts_at", "pk")
    )
    evaluations = evaluate_appointments(practice, appointments)
    store_evaluations(practice, evaluations)
    return evaluations


@transaction.atomic
def store_evaluations(practice, evaluations):
    """Write the flags and checklist items of evaluated appointments.

    A flag or item that still fires keeps its state and decision. A flag that no
    longer fires is marked resolved and such an item is marked not current. Neither
    is deleted, so the record of who decided what stays.
    """
    ids = list(evaluations)
    now = timezone.now()
    changed = store_flags(practice, evaluations, ids, now)
    changed |= store_checklists(evaluations, ids)
    # Stamp only what changed, so re-checking an unchanged visit writes nothing.
    changed |= {pk for pk, result in evaluations.items() if result.first_time}
    if changed:
        Appointment.objects.filter(pk__in=changed).update(evaluated_at=now)
    logger.info("Evaluated %s appointments of practice %s", len(ids), practice.pk)


def store_flags(practice, evaluations, ids, now):
    existing = {
        (flag.appointment_id, flag.fingerprint): flag
        for flag in RedFlag.objects.filter(appointment_id__in=ids)
    }
    new, changed, seen = [], [], set()
    for appointment_id, result in evaluations.items():
        for finding in result.findings:
            key = (appointment_id, finding.fingerprint)
            seen.add(key)
            values = {
                "severity": finding.severity,
                "blocking": finding.blocking,
                "routed_role": finding.routed_role,
                "message": finding.message[:500],
                "evidence": finding.evidence,
            }
            flag = existing.get(key)
            if flag is None:
                flag = RedFlag(
                    practice=practice,
                    appointment_id=appointment_id,
                    kind=finding.kind,
                    fingerprint=finding.fingerprint,
                    **values,
                )
                new.append(flag)
                continue
            if flag.state == FlagState.RESOLVED:
                values["state"] = FlagState.OPEN
            if set_values(flag, values):
                changed.append(flag)
    for key, flag in existing.items():
        if key not in seen and flag.state != FlagState.RESOLVED:
            flag.state = FlagState.RESOLVED
            flag.resolved_at = now
            changed.append(flag)
    RedFlag.objects.bulk_create(new, batch_size=BULK_BATCH)
    RedFlag.objects.bulk_update(
        changed, [*FLAG_FIELDS, "resolved_at"], batch_size=BULK_BATCH
    )
    return {flag.appointment_id for flag in new + changed}


def store_checklists(evaluations, ids):
    existing = {
        (item.appointment_id, item.key): item
        for item in ChecklistItem.objects.filter(appointment_id__in=ids)
    }
    new, changed, seen = [], [], set()
    for appointment_id, result in evaluations.items():
        for position, trigger in enumerate(result.triggers):
            key = (appointment_id, trigger.key)
            seen.add(key)
            values = {
                "kind": trigger.kind,
                "title": trigger.title[:300],
                "detail": trigger.detail,
                "source": trigger.source[:500],
                "position": position,
                "is_current": True,
            }
            item = existing.get(key)
            if item is None:
                item = ChecklistItem(
                    appointment_id=appointment_id, key=trigger.key[:120]
                )
                set_values(item, values)
                new.append(item)
            elif set_values(item, values):
                changed.append(item)
    for key, item in existing.items():
        if key not in seen and item.is_current:
            item.is_current = False
            changed.append(item)
    ChecklistItem.objects.bulk_create(new, batch_size=BULK_BATCH)
    ChecklistItem.objects.bulk_update(changed, ITEM_FIELDS, batch_size=BULK_BATCH)
    return {item.appointment_id for item in new + changed}


def decide_flag(flag, user, state, reason):
    """Acknowledge or override a flag, recording who, when and why."""
    if state not in DECIDED_STATES:
        raise ValueError(f"invalid flag decision {state!r}")
    if not reason.strip():
        raise ValueError("a reason is required to acknowledge or override a flag")
    flag.state = state
    flag.reason = reason.strip()
    flag.decided_by = user
    flag.decided_at = timezone.now()
    flag.save(update_fields=["state", "reason", "decided_by", "decided_at"])
    logger.info("Flag %s set to %s by user %s", flag.pk, state, user.pk)
    return flag


def set_checklist_state(item, user, state, reason=""):
    """Mark a checklist item open, done or waived; a waiver needs a reason."""
    if state not in ChecklistState.values:
        raise ValueError(f"invalid checklist state {state!r}")
    if state == ChecklistState.WAIVED and not reason.strip():
        raise ValueError("a reason is required to waive a checklist item")
    item.state = state
    item.reason = reason.strip()
    item.updated_by = user
    item.updated_at = timezone.now()
    item.save(update_fields=["state", "reason", "updated_by", "updated_at"])
    logger.info("Checklist item %s set to %s by user %s", item.pk, state, user.pk)
    return item


def check_in(appointment, user):
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.checked_in_at = timezone.now()
    appointment.checked_in_by = user
    appointment.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    logger.info("Appointment %s checked in by user %s", appointment.pk, user.pk)
    return appointment


def save_authorization(authorization, codes, user):
    """Save an authorization and replace its codes with (code, units approved) pairs."""
    with transaction.atomic():
        authorization.save()
        authorization.codes.all().delete()
        authorization.codes.bulk_create(
            [
                authorization.codes.model(
                    authorization=authorization, code=code, units_approved=units
                )
                for code, units in codes
            ]
        )
    logger.info("Authorization %s saved by user %s", authorization.pk, user.pk)
    # Any booked visit of the patient may gain or lose cover, and a patient has few.
    affected = Appointment.objects.filter(
        practice=authorization.practice,
        patient_ref=authorization.patient_ref,
        status=AppointmentStatus.BOOKED,
    ).values_list("pk", flat=True)
    evaluate(authorization.practice, list(affected))
    return authorization
