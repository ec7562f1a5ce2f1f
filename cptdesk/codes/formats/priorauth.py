"""Reader for the CMS prior-authorization code lists kept as CSV.

Two lists with different columns are read, and the reader detects which one from the
header. The hospital outpatient department (OPD) list has effective and removal dates,
and the DMEPOS Required Prior Authorization List has a status per code.
"""

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import parse_iso_date, require_code
from .textlines import iter_csv_rows, pick_cells

HOSPITAL_OUTPATIENT = "hospital outpatient"
DMEPOS = "DMEPOS"
OPD_COLUMNS = (
    "service_category",
    "code",
    "code_role",
    "pa_effective_from",
    "pa_removed",
    "confidence",
    "source",
    "note",
)
DMEPOS_COLUMNS = ("policy_group", "hcpcs", "pa_status", "note", "source")
DMEPOS_STATUSES = {"required", "removed", "voluntary", "suspended"}


class PriorAuthEntry(NamedTuple):
    """A code on a CMS prior-authorization list, with its dates and pairing role."""

    line: int
    list_name: str
    service_category: str
    code: str
    code_role: str
    status: str
    status_detail: str
    effective_from: datetime.date | None
    removed_on: datetime.date | None
    removed_text: str
    confidence: str
    source: str
    note: str


def release_label(path) -> str | None:
    """Return None: the compiled list files carry no release in their names."""
    return None


def read_prior_auth(path) -> Iterator[PriorAuthEntry]:
    """Yield each code of an OPD or DMEPOS prior-authorization CSV."""
    rows = iter_csv_rows(path)
    number, header = next(rows, (1, []))
    names = [name.strip().lower() for name in header]
    columns: tuple[str, ...]
    if all(name in names for name in OPD_COLUMNS):
        columns, parse = OPD_COLUMNS, _parse_opd_row
    elif all(name in names for name in DMEPOS_COLUMNS):
        columns, parse = DMEPOS_COLUMNS, _parse_dmepos_row
    else:
        raise InputFileError(
            path,
            number,
            ",".join(header),
            "header matches neither prior-authorization list",
            f"Name the columns {','.join(OPD_COLUMNS)} for the hospital outpatient "
            f"list, or {','.join(DMEPOS_COLUMNS)} for the DMEPOS list",
        )
    positions = {name: names.index(name) for name in columns}
    for number, cells in rows:
        yield parse(path, number, pick_cells(path, number, cells, positions))


def _parse_opd_row(path, number, values: dict[str, str]) -> PriorAuthEntry:
    removed_text = values["pa_removed"]
    effective_from = parse_iso_date(
        path, number, values["pa_effective_from"], "pa_effective_from"
    )
    if effective_from is None:
        raise InputFileError(
            path, number, "", "missing pa_effective_from date", "Write YYYY-MM-DD"
        )
    return PriorAuthEntry(
        line=number,
        list_name=HOSPITAL_OUTPATIENT,
        service_category=_require_text(path, number, values, "service_category"),
        code=require_code(path, number, values["code"]),
        code_role=values["code_role"],
        status="removed" if removed_text else "required",
        status_detail="",
        effective_from=effective_from,
        removed_on=_parse_removal(path, number, removed_text),
        removed_text=removed_text,
        confidence=values["confidence"],
        source=values["source"],
        note=values["note"],
    )


def _parse_removal(path, number, text: str) -> datetime.date | None:
    """Parse the leading date of a removal cell such as "2024-08 (removed; ...)".

    A month without a day is read as the first day of that month. The record's
    removed_text keeps the cell as written, so the lower precision stays visible.
    """
    head = text.split(" ", 1)[0]
    if len(head) == 7:
        head = f"{head}-01"
    return parse_iso_date(path, number, head, "pa_removed")


def _parse_dmepos_row(path, number, values: dict[str, str]) -> PriorAuthEntry:
    status, _, detail = values["pa_status"].partition(" ")
    if status not in DMEPOS_STATUSES:
        raise InputFileError(
            path,
            number,
            values["pa_status"],
            "invalid pa_status",
            f"Start pa_status with one of {', '.join(sorted(DMEPOS_STATUSES))}",
        )
    return PriorAuthEntry(
        line=number,
        list_name=DMEPOS,
        service_category=_require_text(path, number, values, "policy_group"),
        code=require_code(path, number, values["hcpcs"], "HCPCS code"),
        code_role="",
        status=status,
        status_detail=detail.strip().strip("()"),
        effective_from=None,
        removed_on=None,
        removed_text="",
        confidence="",
        source=values["source"],
        note=values["note"],
    )


def _require_text(path, number, values, name) -> str:
    if not values[name]:
        raise InputFileError(path, number, "", f"missing {name}", f"Fill in {name}")
    return values[name]
