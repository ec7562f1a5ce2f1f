"""Which reader, table and columns each reference data set uses.

A loader turns the records of one official file format into rows of one table. The
import action in actions.py does the rest (transaction, release record, search index)
the same way for every data set.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from django.db.models import Q

from cptdesk.lib.inputerrors import InputFileError

from . import models
from .adjustments import carc_meanings
from .choices import DataKind
from .formats import cpt, hcpcs, ncci, pfs, pos, priorauth, x12codes

# The record type that a loader's reader yields and its row and key functions take.
RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class Loader(Generic[RecordT]):
    model: type
    columns: tuple[str, ...]
    reader: Callable[..., Iterator[RecordT]]
    row: Callable[[RecordT], tuple]
    label: Callable[[Path], str | None]
    expected_format: str
    practice_owned: bool = False
    # Millions of rows: build the table's indexes after the load instead of during it.
    bulk: bool = False
    # The fields that identify a row; a second row with the same key is an input error.
    key: Callable[[RecordT], object] | None = None
    key_name: str = "code"
    series: Callable[[Path], str] = lambda path: ""
    # Picks, among the current releases of the data set, those that the new one replaces.
    superseded: Callable = lambda older, release: older

    def read(self, path, keep_description=False, **options):
        if self.key is None:
            return self.reader(path)
        return unique_records(self.reader(path), path, self.key, self.key_name)

    def release_label(self, path):
        return self.label(path) or f"{path.stem} (loaded from file)"


def unique_records(records, path, key, key_name):
    """Yield the records, raising on a second record with the same key."""
    first_lines = {}
    for record in records:
        value = key(record)
        first = first_lines.setdefault(value, record.line)
        if first != record.line:
            raise InputFileError(
                path,
                record.line,
                value,
                f"duplicate {key_name}, first given on line {first}",
                "Keep one row for each",
            )
        yield record


def checked_shape(reader, pattern, code_set):
    """Wrap a reader so that every code must match the data set's code shape."""

    def read(path):
        for record in reader(path):
            if not pattern.match(record.code):
                raise InputFileError(
                    path,
                    record.line,
                    record.code,
                    f"not a {code_set}",
                    f"Check that this file is a {code_set} list",
                )
            yield record

    return read


def iso(value):
    return value.isoformat() if value else None


def ptp_parts(older, release):
    """Keep the other part files of the same quarterly release."""
    return older.exclude(Q(label=release.label) & ~Q(file_name=release.file_name))


def prior_auth_list(path):
    """Name the list from its header, since each list replaces only its own releases."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        header = handle.readline()
    if header.startswith("policy_group"):
        return "CMS DMEPOS required prior-authorization list"
    return "CMS hospital outpatient prior-authorization list"


def same_series(older, release):
    """Replace only earlier releases of the same list."""
    return older.filter(series=release.series)


def hcpcs_row(record):
    return (
        record.code,
        record.is_modifier,
        record.short_description,
        record.long_description,
        record.coverage_code,
        record.betos,
        record.action_code,
        iso(record.added_date),
        iso(record.action_effective_date),
        iso(record.termination_date),
    )


def pfs_row(record):
    return (
        record.code,
        record.modifier,
        record.status_code,
        record.glob_days,
        decimal(record.pre_op),
        decimal(record.intra_op),
        decimal(record.post_op),
        record.mult_proc,
        record.bilat_surg,
        record.asst_surg,
        record.co_surg,
        record.team_surg,
        record.pctc_ind,
    )


def decimal(value):
    return None if value is None else str(value)


# A quarter's two million PTP rows share a few hundred dates; format each one once.
DATE_TEXTS = {None: None}


def date_text(value):
    text = DATE_TEXTS.get(value)
    if text is None and value is not None:
        text = DATE_TEXTS[value] = value.isoformat()
    return text


def ptp_row(record):
    effective = date_text(record.effective_date)
    deletion = date_text(record.deletion_date)
    return (
        record.column1,
        record.column2,
        effective,
        deletion,
        record.modifier_indicator,
    )


def mue_row(record):
    return (
        record.code,
        record.max_units,
        record.adjudication_indicator,
        record.rationale[:200],
    )


def pos_row(record):
    return (record.code, record.name, record.note, record.is_telehealth)


def prior_auth_row(record):
    return (
        record.list_name,
        record.service_category,
        record.code,
        record.code_role,
        record.status,
        record.status_detail,
        iso(record.effective_from),
        iso(record.removed_on),
        record.confidence,
        record.source,
        record.note,
    )


def adjustment_row(kind):
    meanings = carc_meanings() if kind == "carc" else {}

    def row(record):
        meaning = meanings.get(record.code)
        return (
            kind,
            record.code,
            record.description or "",
            meaning.meaning if meaning else "",
            meaning.category if meaning else "",
            meaning.owner_role if meaning else "",
            meaning.front_office_preventable if meaning else None,
            iso(record.start_date),
            iso(record.stop_date),
        )

    return row


def read_cpt(path, **options):
    """Read a practice's `code,descriptor` CSV, or the descriptions of a PPRRVU file."""
    with open(path, "rb") as handle:
        first_line = handle.readline().decode("utf-8-sig", errors="replace").lower()
    if first_line.replace(" ", "").startswith("code,descriptor"):
        yield from cpt.read_cpt_descriptors(path)
        return
    for record in pfs.read_pfs(path, keep_description=True):
        if record.description and not record.modifier and is_cpt(record.code):
            yield cpt.CptDescriptor(record.line, record.code, record.description)


def is_cpt(code):
    from .anatomy import explain

    return explain(code).is_cpt


CARC_SHAPE = re.compile(r"^(\d{1,3}|[A-Z]\d{1,2})$")  # 1-308, or A0, B7, P12, W1
RARC_SHAPE = re.compile(r"^(M|MA|N)\d{1,3}$")  # M1-M144, MA01-MA133, N1-N922


def code_key(record):
    return record.code


ADJUSTMENT_COLUMNS = (
    "kind",
    "code",
    "official_text",
    "meaning",
    "category",
    "owner_role",
    "front_office_preventable",
    "start_date",
    "stop_date",
)

LOADERS = {
    DataKind.HCPCS: Loader(
        model=models.HcpcsCode,
        columns=(
            "code",
            "is_modifier",
            "short_description",
            "long_description",
            "coverage_code",
            "betos",
            "action_code",
            "added_date",
            "effective_date",
            "termination_date",
        ),
        reader=hcpcs.read_hcpcs,
        key=code_key,
        row=hcpcs_row,
        label=hcpcs.release_label,
        expected_format="Use the CMS HCPCS ANWEB fixed-width .txt file",
    ),
    DataKind.PFS: Loader(
        model=models.PfsIndicator,
        columns=(
            "code",
            "modifier",
            "status_code",
            "global_days",
            "pre_op",
            "intra_op",
            "post_op",
            "multiple_procedure",
            "bilateral_surgery",
            "assistant_surgery",
            "co_surgery",
            "team_surgery",
            "pctc_indicator",
        ),
        reader=pfs.read_pfs,
        key=lambda record: (record.code, record.modifier),
        key_name="code and modifier",
        row=pfs_row,
        label=pfs.release_label,
        expected_format="Use the CMS PPRRVU .csv file of the RVU release",
    ),
    DataKind.NCCI_PTP: Loader(
        model=models.PtpEdit,
        columns=(
            "column1",
            "column2",
            "effective_date",
            "deletion_date",
            "modifier_indicator",
        ),
        reader=ncci.read_ptp_edits,
        row=ptp_row,
        label=ncci.release_label,
        expected_format="Use a CMS NCCI practitioner PTP .txt file (tab-separated)",
        superseded=ptp_parts,
        bulk=True,
    ),
    DataKind.MUE: Loader(
        model=models.MueLimit,
        columns=("code", "max_units", "adjudication_indicator", "rationale"),
        reader=ncci.read_mue_limits,
        key=code_key,
        row=mue_row,
        label=ncci.release_label,
        expected_format="Use the CMS MUE practitioner services .csv file",
    ),
    DataKind.POS: Loader(
        model=models.PlaceOfService,
        columns=("code", "name", "description", "is_telehealth"),
        reader=pos.read_places_of_service,
        key=code_key,
        row=pos_row,
        label=pos.release_label,
        expected_format="Use a place of service CSV with code and name columns",
    ),
    DataKind.PRIOR_AUTH: Loader(
        model=models.PriorAuthListing,
        columns=(
            "list_name",
            "service_category",
            "code",
            "code_role",
            "status",
            "status_detail",
            "effective_from",
            "removed_on",
            "confidence",
            "source",
            "note",
        ),
        reader=priorauth.read_prior_auth,
        key=lambda record: (record.list_name, record.code),
        key_name="code on the list",
        row=prior_auth_row,
        label=prior_auth_list,
        series=prior_auth_list,
        expected_format="Use a prior-authorization list CSV in the OPD or DMEPOS layout",
        superseded=same_series,
    ),
    DataKind.CARC: Loader(
        model=models.AdjustmentCode,
        columns=ADJUSTMENT_COLUMNS,
        reader=checked_shape(x12codes.read_adjustment_codes, CARC_SHAPE, "CARC"),
        key=code_key,
        row=adjustment_row("carc"),
        label=x12codes.release_label,
        expected_format="Use a CARC list CSV with code and start_date columns",
    ),
    DataKind.RARC: Loader(
        model=models.AdjustmentCode,
        columns=ADJUSTMENT_COLUMNS,
        reader=checked_shape(x12codes.read_adjustment_codes, RARC_SHAPE, "RARC"),
        key=code_key,
        row=adjustment_row("rarc"),
        label=x12codes.release_label,
        expected_format="Use a RARC list CSV with code and start_date columns",
    ),
    DataKind.CPT: Loader(
        model=models.CptDescriptor,
        columns=("code", "descriptor"),
        reader=read_cpt,
        key=code_key,
        row=lambda record: (record.code, record.descriptor),
        label=cpt.release_label,
        expected_format="Use a code,descriptor CSV or the PPRRVU file with descriptions",
        practice_owned=True,
    ),
}


def get(kind):
    try:
        return LOADERS[DataKind(kind)]
    except ValueError as error:
        choices = ", ".join(DataKind.values)
        raise ValueError(f"Unknown data set {kind!r}; use one of {choices}") from error
