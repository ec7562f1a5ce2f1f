"""Writes of the remittance app: 835 imports, learning-log entries and the taxonomy."""

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from cptdesk.codes.adjustments import carc_meanings
from cptdesk.codes.models import AdjustmentCode

from . import denials, summary
from .choices import EntryKind, EntrySource, ImportStatus
from .deadlines import default_deadlines
from .models import (
    MAX_WARNINGS,
    LearningEntry,
    Remittance,
    RemittanceImport,
    RootCause,
)
from .posting import RemittanceWriter, payer_key
from .reader import read_835
from .taxonomy import ensure_taxonomy, root_cause_ids
from .x12 import RemittanceError

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate"  # warning kind for a transaction that was already posted


@dataclass
class ImportOutcome:
    """The stored report of an import and whether it posted anything."""

    report: RemittanceImport

    @property
    def posted(self):
        return self.report.status == ImportStatus.POSTED

    @property
    def message(self):
        report = self.report
        if not self.posted:
            return (
                f"{report.file_name}: every remittance in it was already imported; "
                "nothing was posted again."
            )
        text = (
            f"{report.file_name}: posted {report.claims} claims, {report.lines} "
            f"lines, {report.denials} denials, paid {report.paid_total}."
        )
        if report.duplicates:
            text += f" {report.duplicates} remittances were duplicates, not posted."
        return text

    def to_dict(self):
        report = self.report
        return {
            "import_id": report.pk,
            "file": report.file_name,
            "status": report.status,
            "transactions": report.transactions,
            "duplicates": report.duplicates,
            "claims": report.claims,
            "lines": report.lines,
            "adjustments": report.adjustments,
            "denials": report.denials,
            "charge_total": str(report.charge_total),
            "paid_total": str(report.paid_total),
            "adjustment_total": str(report.adjustment_total),
            "provider_adjustment_total": str(report.provider_adjustment_total),
            "payment_total": str(report.payment_total),
            "warning_count": report.warning_count,
            "warning_kinds": report.warning_kinds,
            "warnings": report.warnings,
        }


def import_835(data, file_name, practice, *, user=None, progress=None):
    """Read one 835 file and post each remittance in it that is not posted yet.

    The file is read completely before anything is written, so a malformed file raises
    RemittanceError and stores nothing. The writes happen in one transaction. A
    remittance whose payer and trace number are already stored for the practice is
    reported as a duplicate and skipped. `progress` is called with the number of
    claims written so far.
    """
    known_carcs = set(
        AdjustmentCode.objects.filter(kind="carc").values_list("code", flat=True)
    )
    remittance = read_835(data, known_carcs=known_carcs or None, source=file_name)
    digest = hashlib.sha256(bytes(data)).hexdigest()
    try:
        with transaction.atomic():
            report = _post(remittance, file_name, digest, practice, user, progress)
    except IntegrityError as error:
        # Two people importing the same remittance at once: the second one loses.
        raise RemittanceError(
            "another import of the same remittance finished first",
            fix="Import the file again; it will be reported as a duplicate",
            source=file_name,
        ) from error

    logger.info(
        "Imported 835 %s for practice %s: %s, %s claims, %s duplicates",
        report.pk,
        practice.pk,
        report.status,
        report.claims,
        report.duplicates,
    )
    return ImportOutcome(report)


def _post(remittance, file_name, digest, practice, user, progress):
    report = RemittanceImport.objects.create(
        practice=practice,
        file_name=file_name[:255],
        sha256=digest,
        imported_by=user,
        status=ImportStatus.DUPLICATE,
        transactions=len(remittance.transactions),
    )
    fresh, duplicate_notes = _split_duplicates(remittance.transactions, practice)
    report.duplicates = len(duplicate_notes)
    warnings = duplicate_notes + [_warning_dict(w) for w in remittance.warnings]
    report.warning_count = len(warnings)
    report.warning_kinds = dict(Counter(warning["kind"] for warning in warnings))
    report.warnings = warnings[:MAX_WARNINGS]
    if fresh:
        report.status = ImportStatus.POSTED
        writer = RemittanceWriter(report, practice, progress)
        for transaction_read in fresh:
            writer.add_transaction(transaction_read)
        writer.finish()
    report.save()
    return report


def _split_duplicates(transactions, practice):
    """Return the transactions not posted before, and notes on the others."""
    keys = [(payer_key(t), t.trace_number[:80]) for t in transactions]
    stored = set(
        Remittance.objects.filter(
            practice=practice,
            trace_number__in={trace for _, trace in keys},
        ).values_list("payer_key", "trace_number")
    )
    seen = set()
    fresh = []
    notes = []
    for transaction_read, key in zip(transactions, keys, strict=True):
        if key in stored or key in seen:
            where = "was already imported" if key in stored else "repeats in this file"
            notes.append(
                {
                    "kind": DUPLICATE,
                    "message": f"the remittance with payer {key[0]} and trace number "
                    f"{key[1]!r} {where}, so it was not posted again",
                    "segment_number": transaction_read.segment_number,
                }
            )
            continue
        seen.add(key)
        fresh.append(transaction_read)
    return fresh, notes


def _warning_dict(warning):
    return {
        "kind": warning.kind,
        "message": warning.message,
        "segment_number": warning.segment_number,
    }


# Learning-log entries made by hand


def create_entry(practice, user, data):
    """Add a paper-EOB denial or a rework entry, filling the defaults the rule gives.

    `data` contains the cleaned fields of the entry form. A paper EOB is classified
    from its CARC like a remittance denial, and rework takes its category from its type.
    """
    ensure_taxonomy(practice)
    entry = LearningEntry(practice=practice, created_by=user, **data)
    if entry.source == EntrySource.PAPER_EOB:
        entry.kind = EntryKind.DENIAL
        entry.rework_type = ""
        kind = denials.classify(entry.reason_code, carc_meanings())
        entry.category = kind.category
        entry.front_office_preventable = kind.front_office_preventable
        appeal, filing = default_deadlines(entry.occurred_on, entry.service_date)
        entry.appeal_deadline = entry.appeal_deadline or appeal
        entry.timely_filing_deadline = entry.timely_filing_deadline or filing
    else:
        entry.kind = EntryKind.REWORK
        entry.category = denials.REWORK_CATEGORIES[entry.rework_type]
        kind = denials.classify_category(entry.category)
    entry.responsible_role = entry.responsible_role or kind.owner_role
    entry.missed_trigger = entry.missed_trigger or kind.missed_trigger
    if entry.root_cause_id is None:
        entry.root_cause_id = root_cause_ids(practice).get(kind.root_cause)
    with transaction.atomic():
        entry.save()
        summary.refresh_days(practice.pk, [entry.occurred_on])
    logger.info("Added %s entry %s to practice %s", entry.kind, entry.pk, practice.pk)
    return entry


def update_entry(entry, user, data):
    """Save a review of an entry: cause, trigger, prevention, time, status, dates.

    The summary days of the entry are aggregated again only when a summarized value
    changed, so a status change alone costs one UPDATE.
    """
    old_status = entry.status
    old_day = entry.occurred_on
    old_values = summary.summarized_values(entry)
    for name, value in data.items():
        setattr(entry, name, value)
    with transaction.atomic():
        entry.save()
        if summary.summarized_values(entry) != old_values:
            summary.refresh_days(entry.practice_id, {old_day, entry.occurred_on})
    if entry.status != old_status:
        logger.info(
            "Entry %s moved from %s to %s by user %s",
            entry.pk,
            old_status,
            entry.status,
            user.pk,
        )
    return entry


def save_root_cause(practice, form):
    """Save a root cause of the practice's taxonomy from its form."""
    root_cause = form.save(commit=False)
    root_cause.practice = practice
    if not root_cause.slug:
        root_cause.slug = unique_slug(practice, root_cause.name)
    root_cause.save()
    logger.info("Saved root cause %s of practice %s", root_cause.pk, practice.pk)
    return root_cause


def unique_slug(practice, name):
    base = slugify(name)[:50] or "cause"
    slug = base
    number = 2
    while RootCause.objects.filter(practice=practice, slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def save_prevention_action(practice, form):
    """Save a prevention action of the practice from its form."""
    action = form.save(commit=False)
    action.practice = practice
    action.save()
    logger.info("Saved prevention action %s of practice %s", action.pk, practice.pk)
    return action
