"""Reader for the CMS place-of-service code set kept as CSV.

Columns: code, name, status (assigned or unassigned), is_telehealth_pos (0 or 1), note.
"""

from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import require_choice
from .textlines import iter_csv_rows, pick_cells, require_header

COLUMNS = ("code", "name", "status", "is_telehealth_pos", "note")
STATUSES = {"assigned", "unassigned"}
FLAGS = {"0": False, "1": True}


class PlaceOfService(NamedTuple):
    """A two-digit place-of-service code and its name."""

    line: int
    code: str
    name: str
    is_assigned: bool
    is_telehealth: bool
    note: str


def release_label(path) -> str | None:
    """Return None: the place-of-service file name carries no release."""
    return None


def read_places_of_service(path) -> Iterator[PlaceOfService]:
    """Yield each code of a place-of-service CSV."""
    rows = iter_csv_rows(path)
    positions = require_header(path, rows, COLUMNS)
    for number, cells in rows:
        values = pick_cells(path, number, cells, positions)
        yield _parse_row(path, number, values)


def _parse_row(path, number, values: dict[str, str]) -> PlaceOfService:
    code = values["code"]
    if len(code) != 2 or not code.isascii() or not code.isdigit() or code == "00":
        raise InputFileError(
            path, number, code, "invalid place-of-service code", "Use 01 to 99"
        )
    if not values["name"]:
        raise InputFileError(
            path, number, code, "missing name", "Give every code a name"
        )
    status = require_choice(path, number, values["status"], "status", STATUSES)
    telehealth = require_choice(
        path, number, values["is_telehealth_pos"], "is_telehealth_pos", FLAGS
    )
    return PlaceOfService(
        line=number,
        code=code,
        name=values["name"],
        is_assigned=status == "assigned",
        is_telehealth=FLAGS[telehealth],
        note=values["note"],
    )
