"""Reader for CARC and RARC code lists kept as CSV.

The full list that a user supplies has the columns code, description, start_date,
last_modified_date, stop_date, status and notes, with the official X12 text. The list
bundled with cptdesk contains only code, start_date, last_modified_date and stop_date,
and its last_modified_date column may be left out. The reader detects the layout from
the header. Dates are MM/DD/YYYY as X12 prints them, or YYYY-MM-DD.
"""

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import parse_us_date, require_choice
from .textlines import iter_csv_rows, pick_cells

FULL_COLUMNS = (
    "code",
    "description",
    "start_date",
    "last_modified_date",
    "stop_date",
    "status",
    "notes",
)
NUMBER_COLUMNS = ("code", "start_date", "stop_date")
OPTIONAL_NUMBER_COLUMNS = ("last_modified_date",)
STATUSES = {"active", "deactivated"}
MAX_CODE_LENGTH = 5  # the longest codes in use, such as the RARC MA130


class AdjustmentCode(NamedTuple):
    """A CARC or RARC with its dates, and its text unless the list has numbers only."""

    line: int
    code: str
    start_date: datetime.date | None
    last_modified_date: datetime.date | None
    stop_date: datetime.date | None
    description: str | None
    status: str | None
    notes: str | None


def release_label(path) -> str | None:
    """Return None: CARC and RARC file names carry no release."""
    return None


def read_adjustment_codes(path) -> Iterator[AdjustmentCode]:
    """Yield each code of a full or numbers-only CARC or RARC list."""
    rows = iter_csv_rows(path)
    number, header = next(rows, (1, []))
    positions = _find_columns(path, number, header)
    for number, cells in rows:
        values = pick_cells(path, number, cells, positions)
        yield _parse_row(path, number, values)


def _find_columns(path, number, header) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    columns: tuple[str, ...]
    if all(name in names for name in FULL_COLUMNS):
        columns = FULL_COLUMNS
    elif all(name in names for name in NUMBER_COLUMNS):
        columns = NUMBER_COLUMNS + tuple(
            name for name in OPTIONAL_NUMBER_COLUMNS if name in names
        )
    else:
        raise InputFileError(
            path,
            number,
            ",".join(header),
            "header matches no CARC or RARC list layout",
            f"Name the columns {','.join(FULL_COLUMNS)}, "
            f"or {','.join(NUMBER_COLUMNS)} for a list of code numbers",
        )
    return {name: names.index(name) for name in columns}


def _parse_row(path, number, values: dict[str, str]) -> AdjustmentCode:
    code = values["code"]
    if not code or len(code) > MAX_CODE_LENGTH or not code.isalnum():
        raise InputFileError(
            path,
            number,
            code,
            "invalid adjustment code",
            f"A CARC or RARC is 1 to {MAX_CODE_LENGTH} letters and digits",
        )
    status = values.get("status")
    if status is not None:
        require_choice(path, number, status, "status", STATUSES)
    return AdjustmentCode(
        line=number,
        code=code,
        start_date=parse_us_date(path, number, values["start_date"], "start"),
        last_modified_date=parse_us_date(
            path, number, values.get("last_modified_date", ""), "last modified"
        ),
        stop_date=parse_us_date(path, number, values["stop_date"], "stop"),
        description=values.get("description"),
        status=status,
        notes=values.get("notes"),
    )
