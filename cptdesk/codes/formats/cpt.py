"""Reader for the CPT descriptors that a practice licenses from the AMA.

The practice supplies a CSV with the header code,descriptor. cptdesk ships no CPT text,
so this file is the only source of descriptors.
"""

from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import is_cpt_shaped
from .textlines import iter_csv_rows, pick_cells, require_header

COLUMNS = ("code", "descriptor")


class CptDescriptor(NamedTuple):
    """A CPT code and the descriptor from the practice's licensed file."""

    line: int
    code: str
    descriptor: str


def release_label(path) -> str | None:
    """Return None: a practice's licensed file has no official name to read."""
    return None


def read_cpt_descriptors(path) -> Iterator[CptDescriptor]:
    """Yield each code and descriptor; raise on a code that is not CPT-shaped."""
    rows = iter_csv_rows(path)
    positions = require_header(path, rows, COLUMNS)
    for number, cells in rows:
        values = pick_cells(path, number, cells, positions)
        code = values["code"].upper()
        if not is_cpt_shaped(code):
            raise InputFileError(
                path,
                number,
                values["code"],
                "not a CPT code",
                "A CPT code is five digits, or four digits and F, T, U, M or A",
            )
        if not values["descriptor"]:
            raise InputFileError(
                path, number, code, "missing descriptor", "Fill in the descriptor"
            )
        yield CptDescriptor(number, code, values["descriptor"])
