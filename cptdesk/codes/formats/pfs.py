"""Reader for the payment-policy indicators of the CMS PFS relative value file (PPRRVU).

Two layouts are read. The official CSV opens with title and copyright rows and a column
header spread over several rows, whose last row starts HCPCS, MOD, DESCRIPTION. Its
columns are read by position, in the order of the CMS file documentation. The derived
CSV has one snake_case header row and no DESCRIPTION column.
"""

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import parse_decimal, require_choice, require_code
from .textlines import iter_csv_rows, pick_cells

STATUS_CODES = set("ABCDEFGHIJMNPRTX")
GLOBAL_DAYS = {"000", "010", "090", "MMM", "XXX", "YYY", "ZZZ"}
PCTC_INDICATORS = set("0123456789")
MULTIPLE_PROCEDURE = set("012345679")
BILATERAL_SURGERY = {"0", "1", "2", "3", "9"}
SURGERY_PAYMENT = {"0", "1", "2", "9"}  # assistant, co- and team surgery indicators

# Column positions in the official CSV, in the order of the CMS file documentation.
OFFICIAL_POSITIONS = {
    "hcpcs": 0,
    "mod": 1,
    "description": 2,
    "status_code": 3,
    "pctc_ind": 13,
    "glob_days": 14,
    "pre_op": 15,
    "intra_op": 16,
    "post_op": 17,
    "mult_proc": 18,
    "bilat_surg": 19,
    "asst_surg": 20,
    "co_surg": 21,
    "team_surg": 22,
}
DERIVED_COLUMNS = tuple(name for name in OFFICIAL_POSITIONS if name != "description")
OFFICIAL_HEADER_START = ("hcpcs", "mod", "description")
PREAMBLE_MAX_ROWS = 20

RELEASE_NAME = re.compile(r"PPRRVU_?(\d{2}|\d{4})_([A-Za-z]{3})", re.IGNORECASE)
MONTHS = {
    "jan": "January",
    "apr": "April",
    "jul": "July",
    "oct": "October",
}


class PfsIndicators(NamedTuple):
    """The payment-policy indicators of one code and modifier in the PFS file."""

    line: int
    code: str
    modifier: str
    status_code: str
    glob_days: str
    pre_op: Decimal | None
    intra_op: Decimal | None
    post_op: Decimal | None
    mult_proc: str
    bilat_surg: str
    asst_surg: str
    co_surg: str
    team_surg: str
    pctc_ind: str
    description: str | None = None


def release_label(path) -> str | None:
    """Return e.g. "PFS RVU 2025 October" for PPRRVU2025_Oct.csv."""
    match = RELEASE_NAME.search(str(path).replace("\\", "/").rsplit("/", 1)[-1])
    if not match or match.group(2).lower() not in MONTHS:
        return None
    year = match.group(1)
    if len(year) == 2:
        year = f"20{year}"
    return f"PFS RVU {year} {MONTHS[match.group(2).lower()]}"


def read_pfs(path, keep_description=False) -> Iterator[PfsIndicators]:
    """Yield the indicators of each row of an official or derived PPRRVU CSV.

    The DESCRIPTION column of the official file contains AMA CPT text, so it reaches a
    record only when the caller passes keep_description=True.
    """
    rows = iter_csv_rows(path)
    positions = _find_layout(path, rows)
    keep = keep_description and "description" in positions
    if not keep:
        positions = {k: v for k, v in positions.items() if k != "description"}
    for number, cells in rows:
        values = pick_cells(path, number, cells, positions)
        yield _parse_row(path, number, values)


def _find_layout(path, rows) -> dict[str, int]:
    """Consume the header row(s) and return the column positions to read."""
    for _ in range(PREAMBLE_MAX_ROWS):
        try:
            number, cells = next(rows)
        except StopIteration:
            break
        names = tuple(cell.strip().lower() for cell in cells)
        if names[:3] == OFFICIAL_HEADER_START:
            return OFFICIAL_POSITIONS
        if names[:3] == DERIVED_COLUMNS[:3]:
            return _derived_positions(path, number, names)
        if number == 1 and _looks_like_data(names):
            break
    raise InputFileError(
        path,
        None,
        None,
        "no PPRRVU header row found",
        "Use the PPRRVU CSV from the CMS RVU zip file, whose header row starts "
        "HCPCS, MOD, DESCRIPTION, or a CSV with the header hcpcs,mod,status_code,...",
    )


def _looks_like_data(names) -> bool:
    return bool(names) and len(names[0]) == 5 and names[0].isalnum()


def _derived_positions(path, number, names) -> dict[str, int]:
    missing = [name for name in DERIVED_COLUMNS if name not in names]
    if missing:
        raise InputFileError(
            path,
            number,
            ",".join(names),
            f"header lacks the column(s) {', '.join(missing)}",
            f"The header must name the columns {', '.join(DERIVED_COLUMNS)}",
        )
    return {name: names.index(name) for name in DERIVED_COLUMNS}


def _parse_row(path, number, values: dict[str, str]) -> PfsIndicators:
    modifier = values["mod"]
    if modifier and (len(modifier) != 2 or not modifier.isalnum()):
        raise InputFileError(
            path, number, modifier, "invalid modifier", "A modifier is two characters"
        )
    return PfsIndicators(
        line=number,
        code=require_code(path, number, values["hcpcs"], "HCPCS code"),
        modifier=modifier,
        description=values.get("description"),
        **_parse_indicators(path, number, values),
    )


def _parse_indicators(path, number, values: dict[str, str]) -> dict:
    def choice(name, field, allowed):
        return require_choice(path, number, values[name], field, allowed)

    def share(name, field):
        return parse_decimal(path, number, values[name], field)

    return {
        "status_code": choice("status_code", "status code", STATUS_CODES),
        "glob_days": choice("glob_days", "global days", GLOBAL_DAYS),
        "pre_op": share("pre_op", "preoperative share"),
        "intra_op": share("intra_op", "intraoperative share"),
        "post_op": share("post_op", "postoperative share"),
        "mult_proc": choice(
            "mult_proc", "multiple procedure indicator", MULTIPLE_PROCEDURE
        ),
        "bilat_surg": choice(
            "bilat_surg", "bilateral surgery indicator", BILATERAL_SURGERY
        ),
        "asst_surg": choice(
            "asst_surg", "assistant at surgery indicator", SURGERY_PAYMENT
        ),
        "co_surg": choice("co_surg", "co-surgeons indicator", SURGERY_PAYMENT),
        "team_surg": choice("team_surg", "team surgery indicator", SURGERY_PAYMENT),
        "pctc_ind": choice("pctc_ind", "PC/TC indicator", PCTC_INDICATORS),
    }
