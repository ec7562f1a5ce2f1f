"""Writes of the intake app: schedule imports, evaluations, flag and checklist decisions."""

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cptdesk.accounts.models import Practice

from .bulksql import chunked, insert_rows, update_rows
from .choices import AppointmentStatus, ChecklistState, FlagState, ImportStep
from .evaluation import booked_visit, evaluate_appointments, load_visits
from .flagdata import INACTIVE
from .models import (
    Appointment,
    AppointmentLine,
    ChecklistItem,
    RedFlag,
    ScheduleImport,
)
from .scheduleimport import detect_format, parse_schedule

logger = logging.getLogger(__name__)

BULK_BATCH = None  # the largest batch the database backend accepts
APPOINTMENT_FIELDS = (
    "patient_ref",  # a FHIR Appointment keeps its id when its patient is corrected
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
class StoredRows:
    """The appointments a schedule created, updated or left as they were."""

    created: list  # ids
    updated: list  # ids
    unchanged: list  # ids
    visits: list  # evaluation.BookedVisit of the rows that are not cancelled


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
    flags: int = 0  # the flags that the imported visits have after their evaluation
    flagged_visits: int = 0
    first_date: datetime.date | None = None  # of the imported visits, local time
    last_date: datetime.date | None = None

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
    practice,
    text,
    file_name,
    *,
    user=None,
    mapping=None,
    valid_rows_only=False,
    progress=None,
):
    """Import a CSV schedule or FHIR bundle, then evaluate the visits it holds.

    All or nothing unless `valid_rows_only`: a row with an error stops the whole file,
    and the file's ScheduleImport record keeps the errors. Re-importing the same visits
    updates them in place through their source key. `progress`, when given, is called
    with (ImportStep, done, total) as the import goes on; a total of 0 means that the
    step is not counted.
    """
    step = progress or skip_progress
    parsed = parse_schedule(
        practice, text, file_name, mapping, partial(step, ImportStep.CHECK_ROWS)
    )
    report = ImportReport(file_name, parsed.errors, parsed.rows_read)
    header_failed = not parsed.rows and parsed.errors
    if header_failed or (parsed.errors and not valid_rows_only):
        report.schedule_import = record_import(practice, parsed, text, user, report)
        logger.warning(
            "Rejected schedule %s for practice %s: %s errors",
            report.schedule_import.pk,
            practice.pk,
            len(parsed.errors),
        )
        return report

    with transaction.atomic():
        lock_schedule_imports(practice)
        step(ImportStep.STORE_VISITS, 0, 0)
        stored = store_rows(practice, parsed.rows, file_name)
        report.created, report.updated, report.unchanged = (
            len(stored.created),
            len(stored.updated),
            len(stored.unchanged),
        )
        report.appointment_ids = stored.created + stored.updated + stored.unchanged
        report.imported = True
        report.schedule_import = record_import(practice, parsed, text, user, report)
        evaluations = evaluate_visits(practice, stored.visits, step)

    report.flags = sum(len(result.findings) for result in evaluations.values())
    report.flagged_visits = sum(1 for result in evaluations.values() if result.findings)
    days = [timezone.localdate(item.starts_at) for item in parsed.rows]
    if days:
        report.first_date, report.last_date = min(days), max(days)
    logger.info(
        "Imported schedule %s for practice %s: %s added, %s updated, %s skipped rows",
        report.schedule_import.pk,
        practice.pk,
        report.created,
        report.updated,
        report.skipped,
    )
    return report


def skip_progress(step, done, total):
    pass


def lock_schedule_imports(practice):
    """Make another schedule import of the practice wait until this transaction ends.

    Without the lock, two PostgreSQL transactions importing the same new visits, such as
    a form sent twice, would both insert them and the second would fail on the unique
    source key. Once the first commits, the second finds its visits unchanged. The
    remittance summary locks the same row, so it waits for the import too. SQLite runs
    one writer at a time anyway, so Django leaves the clause out there.
    """
    list(
        Practice.objects.select_for_update(no_key=True)
        .filter(pk=practice.pk)
        .values_list("pk", flat=True)
    )


def record_import(practice, parsed, text, user, report):
    """Create the ScheduleImport record of an imported or rejected file."""
    return ScheduleImport.objects.create(
        practice=practice,
        file_name=report.file_name[:255],
        file_format=parsed.file_format,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        imported_by=user,
        imported=report.imported,
        rows_read=parsed.rows_read,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=report.skipped,
        errors=[error.to_dict() for error in parsed.errors],
    )


def record_unreadable_file(practice, file_name, sha256, problem, user=None):
    """Create the ScheduleImport record of a file rejected before its rows were read.

    Such a file is too large, empty or not UTF-8, so "Recent imports" lists it with
    the problem as its only error, on row 0.
    """
    record = ScheduleImport.objects.create(
        practice=practice,
        file_name=file_name[:255],
        file_format=detect_format(file_name, ""),
        sha256=sha256,
        imported_by=user,
        imported=False,
        errors=[{"row": 0, "column": "file", "value": "", "problem": problem}],
    )
    logger.warning(
        "Rejected schedule %s for practice %s before reading its rows: %s",
        record.pk,
        practice.pk,
        problem,
    )
    return record


def store_rows(practice, resolved, source):
    """Create or update one appointment per row; return a StoredRows."""
    keys = [item.row.key() for item in resolved]
    existing = stored_appointments(practice, keys)
    old_lines = stored_lines([row["pk"] for row in existing.values()])

    new, changed, unchanged, relined, visits = [], [], [], [], []
    for key, item in zip(keys, resolved, strict=True):
        values = appointment_values(item)
        lines = [(line.code, line.units) for line in item.row.lines]
        stored = existing.get(key)
        if stored is None:
            new.append((key, values, lines))
            continue
        pk = stored["pk"]
        fields_differ = any(stored[name] != value for name, value in values.items())
        lines_differ = old_lines.get(pk, []) != lines
        if lines_differ:
            relined.append((pk, lines))
        if fields_differ or lines_differ:
            changed.append((*(values[name] for name in APPOINTMENT_FIELDS), pk))
        else:
            unchanged.append(pk)
        if stored["status"] not in INACTIVE:
            visits.append(booked_visit(pk, values, lines, stored["evaluated_at"]))

    created = insert_appointments(practice, source, new)
    update_rows(Appointment, APPOINTMENT_FIELDS, changed)
    for chunk in chunked(pk for pk, _ in relined):
        AppointmentLine.objects.filter(appointment_id__in=chunk).delete()
    for pk, (_, values, lines) in zip(created, new, strict=True):
        relined.append((pk, lines))
        visits.append(booked_visit(pk, values, lines))
    insert_lines(relined)
    return StoredRows(created, [row[-1] for row in changed], unchanged, visits)


def stored_appointments(practice, keys):
    """Return {source key: values} of the practice's appointments with these keys."""
    fields = ("pk", "source_key", "patient_ref", *APPOINTMENT_FIELDS)
    fields += ("status", "evaluated_at")
    found = {}
    for chunk in chunked(keys):
        rows = Appointment.objects.filter(practice=practice, source_key__in=chunk)
        found.update((row["source_key"], row) for row in rows.values(*fields))
    return found


def stored_lines(appointment_ids):
    """Return {appointment id: [(code, units)]} in the order the lines were stored."""
    lines = {}
    for chunk in chunked(appointment_ids):
        rows = AppointmentLine.objects.filter(appointment_id__in=chunk).order_by("pk")
        for pk, code, units in rows.values_list("appointment_id", "code", "units"):
            lines.setdefault(pk, []).append((code, units))
    return lines


def insert_appointments(practice, source, new):
    """Insert (source key, values, lines) appointments; return their ids in order."""
    if not new:
        return []
    names = list(new[0][1])
    columns = ("practice_id", "source", "source_key", "status", *names)
    fixed = (practice.pk, source[:200])
    rows = [
        (*fixed, key, AppointmentStatus.BOOKED, *(values[name] for name in names))
        for key, values, _ in new
    ]
    last = Appointment.objects.aggregate(last=Max("pk"))["last"] or 0
    insert_rows(Appointment, columns, rows)

    # SQLite and PostgreSQL hand out ids above every id given before, so the new rows
    # are among those above `last`. Rows another import adds meanwhile have other keys.
    added = Appointment.objects.filter(practice=practice, pk__gt=last)
    ids = dict(added.values_list("source_key", "pk"))
    return [ids[key] for key, _, _ in new]


def insert_lines(lines_by_appointment):
    """Insert the lines of (appointment id, [(code, units)]) pairs."""
    rows = [
        (pk, code, units) for pk, lines in lines_by_appointment for code, units in lines
    ]
    insert_rows(AppointmentLine, ("appointment_id", "code", "units"), rows)


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


def evaluate(practice, appointment_ids):
    """Re-evaluate the appointments and store their flags and checklists."""
    return evaluate_visits(practice, load_visits(practice, appointment_ids))


def evaluate_visits(practice, visits, progress=None):
    """Evaluate evaluation.BookedVisit records and store their flags and checklists.

    `progress` is called as in `import_schedule`.
    """
    step = progress or skip_progress
    evaluations = evaluate_appointments(
        practice, visits, partial(step, ImportStep.CHECK_VISITS)
    )
    step(ImportStep.STORE_FLAGS, 0, 0)
    store_evaluations(practice, evaluations)
    return evaluations


@transaction.atomic
def store_evaluations(practice, evaluations):
    """Write the flags and checklist items of evaluated appointments.

    A flag or item that still fires keeps its state and decision. A flag that no
    longer fires is marked resolved and such an item is marked not current. Neither
    is deleted, so the record of who decided what stays.
    """
    # A visit never evaluated has no flags or items yet, because its first ones are
    # stored in the same transaction that sets its evaluated_at.
    ids = [pk for pk, result in evaluations.items() if not result.first_time]
    now = timezone.now()
    changed = store_flags(practice, evaluations, ids, now)
    changed |= store_checklists(evaluations, ids)
    # Stamp only what changed, so re-checking an unchanged visit writes nothing.
    changed |= {pk for pk, result in evaluations.items() if result.first_time}
    for chunk in chunked(changed):
        Appointment.objects.filter(pk__in=chunk).update(evaluated_at=now)
    logger.info(
        "Evaluated %s appointments of practice %s", len(evaluations), practice.pk
    )


def store_flags(practice, evaluations, ids, now):
    fields = ("resolved_at", *FLAG_FIELDS)
    existing = stored_rows(RedFlag, ids, "fingerprint", fields)
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
            stored = existing.get(key)
            if stored is None:
                new.append(
                    (
                        appointment_id,
                        finding.kind,
                        finding.fingerprint,
                        *values.values(),
                    )
                )
                continue
            if stored["state"] == FlagState.RESOLVED:
                values["state"] = FlagState.OPEN
            if any(stored[name] != value for name, value in values.items()):
                changed.append(RedFlag(**{**stored, **values}))
    for key, stored in existing.items():
        if key not in seen and stored["state"] != FlagState.RESOLVED:
            resolved = {"state": FlagState.RESOLVED, "resolved_at": now}
            changed.append(RedFlag(**{**stored, **resolved}))

    columns = (
        *("appointment_id", "kind", "fingerprint", "severity", "blocking"),
        *("routed_role", "message", "evidence", "practice_id", "state", "reason"),
        "raised_at",
    )
    fixed = (practice.pk, FlagState.OPEN, "", now)
    insert_rows(RedFlag, columns, [row + fixed for row in new])
    RedFlag.objects.bulk_update(
        changed, [*FLAG_FIELDS, "resolved_at"], batch_size=BULK_BATCH
    )
    return {row[0] for row in new} | {flag.appointment_id for flag in changed}


def store_checklists(evaluations, ids):
    existing = stored_rows(ChecklistItem, ids, "key", ITEM_FIELDS)
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
            stored = existing.get(key)
            if stored is None:
                new.append((appointment_id, trigger.key[:120], *values.values()))
            elif any(stored[name] != value for name, value in values.items()):
                changed.append(ChecklistItem(**{**stored, **values}))
    for key, stored in existing.items():
        if key not in seen and stored["is_current"]:
            changed.append(ChecklistItem(**{**stored, "is_current": False}))

    columns = ("appointment_id", "key", *ITEM_FIELDS, "state", "reason")
    fixed = (ChecklistState.OPEN, "")
    insert_rows(ChecklistItem, columns, [row + fixed for row in new])
    ChecklistItem.objects.bulk_update(changed, ITEM_FIELDS, batch_size=BULK_BATCH)
    return {row[0] for row in new} | {item.appointment_id for item in changed}


def stored_rows(model, appointment_ids, key_field, fields):
    """Return {(appointment id, key): values} of the appointments' flags or items."""
    found = {}
    for chunk in chunked(appointment_ids):
        rows = model.objects.filter(appointment_id__in=chunk).order_by()
        for row in rows.values("pk", "appointment_id", key_field, *fields):
            found[(row["appointment_id"], row[key_field])] = row
    return found


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
