"""Check schedule rows against the practice's catalog and the loaded code data.

A code is known when the current HCPCS file, the PFS file (which lists CPT numbers) or
the MUE file lists it. Payers, plans and services match by name or alias, ignoring case.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from cptdesk.catalog.matching import first_match, normalise_name
from cptdesk.catalog.models import Payer, Plan, Service
from cptdesk.codes.models import DataRelease, HcpcsCode, MueLimit, PfsIndicator

from .fhirbundle import BundleError, read_bundle
from .scheduleformat import RowError, ScheduleHeaderError, read_schedule


@dataclass
class ResolvedRow:
    """A schedule row with its catalog records found and its start time made aware."""

    row: object  # scheduleformat.ScheduleRow
    starts_at: datetime.datetime
    payer: object = None
    plan: object = None
    service: object = None


@dataclass
class ParsedSchedule:
    file_name: str
    file_format: str
    rows: list = field(default_factory=list)  # ResolvedRow
    errors: list = field(default_factory=list)  # RowError
    rows_read: int = 0


def detect_format(file_name, text):
    if Path(file_name).suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return "fhir"
    return "csv"


def parse_schedule(practice, text, file_name, mapping=None, progress=None):
    """Read and check a CSV schedule or FHIR bundle; return a ParsedSchedule.

    `progress`, when given, is called with (rows checked, rows to check) after each row.
    """
    file_format = detect_format(file_name, text)
    parsed = ParsedSchedule(file_name, file_format)
    try:
        if file_format == "fhir":
            rows, errors = read_bundle(text)
        else:
            rows, errors = read_schedule(text, mapping)
    except (ScheduleHeaderError, BundleError) as error:
        parsed.errors = list(error.errors)
        return parsed

    parsed.rows_read = len(rows) + len({e.row for e in errors})
    parsed.errors = list(errors)
    catalog = CatalogNames(practice)
    known = known_codes({line.code for row in rows for line in row.lines})
    seen = {}
    zone = timezone.get_current_timezone()
    for checked, row in enumerate(rows, start=1):
        problems = row_problems(row, catalog, known, seen)
        if problems:
            parsed.errors.extend(problems)
        else:
            parsed.rows.append(resolve(row, catalog, zone))
        if progress:
            progress(checked, len(rows))
    parsed.errors.sort(key=lambda error: (error.row, error.column))
    return parsed


def row_problems(row, catalog, known, seen):
    problems = []
    for line in row.lines:
        if line.code not in known:
            problems.append(
                RowError(
                    row.row,
                    "codes",
                    line.code,
                    "unknown code: not in the loaded HCPCS, fee schedule or MUE data",
                )
            )
    payer = catalog.payer(row.payer)
    if row.payer and payer is None:
        problems.append(RowError(row.row, "payer", row.payer, "unknown payer"))
    if row.plan and payer is not None and catalog.plan(payer, row.plan) is None:
        problems.append(RowError(row.row, "plan", row.plan, f"unknown plan of {payer}"))
    if row.plan and not row.payer:
        problems.append(RowError(row.row, "plan", row.plan, "plan given without payer"))
    if row.service and catalog.service(row.service) is None:
        problems.append(RowError(row.row, "service", row.service, "unknown service"))
    key = row.key()
    if key in seen:
        problems.append(
            RowError(row.row, "patient", row.patient, f"same visit as row {seen[key]}")
        )
    seen.setdefault(key, row.row)
    return problems


def resolve(row, catalog, zone):
    starts_at = row.starts_at
    if starts_at is None:
        local = datetime.datetime.combine(row.date, row.time)
        starts_at = timezone.make_aware(local, zone)
    payer = catalog.payer(row.payer)
    return ResolvedRow(
        row=row,
        starts_at=starts_at,
        payer=payer,
        plan=catalog.plan(payer, row.plan) if payer and row.plan else None,
        service=catalog.service(row.service) if row.service else None,
    )


def known_codes(codes):
    """Return the subset of codes listed by a current HCPCS, PFS or MUE release."""
    if not codes:
        return set()
    releases = DataRelease.objects.current().filter(practice=None).values("pk")
    known = set()
    for model in (HcpcsCode, PfsIndicator, MueLimit):
        rows = model.objects.filter(release_id__in=releases, code__in=codes)
        known.update(rows.values_list("code", flat=True).distinct())
    return known


class CatalogNames:
    """The practice's payers, plans and services, loaded once and matched by name."""

    def __init__(self, practice):
        self.payers = list(Payer.objects.filter(practice=practice))
        self.plans = {}
        for plan in Plan.objects.filter(payer__practice=practice):
            self.plans.setdefault(plan.payer_id, []).append(plan)
        self.services = list(Service.objects.filter(practice=practice))
        self.cache = {}

    def match(self, kind, records, text):
        wanted = normalise_name(text)
        if not wanted:
            return None
        key = (kind, wanted)
        if key not in self.cache:
            self.cache[key] = first_match(records, wanted)
        return self.cache[key]

    def payer(self, text):
        return self.match("payer", self.payers, text)

    def plan(self, payer, text):
        return self.match(f"plan:{payer.pk}", self.plans.get(payer.pk, []), text)

    def service(self, text):
        return self.match("service", self.services, text)
