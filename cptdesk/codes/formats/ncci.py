"""Readers for the CMS NCCI edit files: PTP code-pair edits and MUE unit limits.

A quarter's practitioner PTP edits come as four tab-separated files of several hundred
thousand rows each, so the PTP reader uses no regular expression or strptime per row
and caches the distinct dates.
"""

import datetime
import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import parse_yyyymmdd, require_choice, require_code
from .textlines import iter_csv_rows, iter_lines_one_encoding

# Windows-1252 can decode the notice line whether CMS wrote it in that encoding or in
# UTF-8, and the edit rows are ASCII.
PTP_ENCODING = "cp1252"
PTP_HEADER_LINES = 6
PTP_COLUMNS_LINE = 3  # the header line that names Column 1 and Column 2
PTP_COLUMNS_START = "column 1\tcolumn 2"
NO_DELETION = "*"  # the deletion date of an edit that is still in force
IN_EXISTENCE_BEFORE_1996 = "*"
MODIFIER_INDICATORS = {"0", "1", "9"}  # 0 not allowed, 1 allowed, 9 not applicable

MUE_HEADER_START = "hcpcs/ cpt code"
MUE_PREAMBLE_MAX_ROWS = 5
MUE_INDICATORS = {
    "1": "Line Edit",
    "2": "Date of Service Edit: Policy",
    "3": "Date of Service Edit: Clinical",
}

PTP_NAME = re.compile(r"cci(pra|oph)-v(\d+)(\d)r(\d+)", re.IGNORECASE)
PTP_SETTINGS = {"pra": "practitioner", "oph": "outpatient hospital"}
MUE_NAME = re.compile(r"MUE_([A-Za-z]+?)(?:Services)?_Eff_(\d\d)-(\d\d)-(\d{4})")
MUE_SETTINGS = {
    "practitioner": "practitioner",
    "outpatienthospital": "outpatient hospital",
    "dmesupplier": "DME supplier",
}


class PtpEdit(NamedTuple):
    """A column 1 / column 2 code pair that Medicare does not pay together."""

    line: int
    column1: str
    column2: str
    in_existence_before_1996: bool
    effective_date: datetime.date
    deletion_date: datetime.date | None
    modifier_indicator: str
    rationale: str


class MueLimit(NamedTuple):
    """The maximum units of a code per line or per day of service."""

    line: int
    code: str
    max_units: int
    adjudication_indicator: str
    rationale: str


def release_label(path) -> str | None:
    """Return a label such as "NCCI PTP practitioner v32.2 r0" for an NCCI file name.

    MUE file names give labels such as "MUE practitioner effective 2026-07-01", and
    other names give None.
    """
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    ptp = PTP_NAME.search(name)
    if ptp:
        setting = PTP_SETTINGS[ptp.group(1).lower()]
        return f"NCCI PTP {setting} v{ptp.group(2)}.{ptp.group(3)} r{ptp.group(4)}"
    mue = MUE_NAME.search(name)
    if mue and mue.group(1).lower() in MUE_SETTINGS:
        setting = MUE_SETTINGS[mue.group(1).lower()]
        return f"MUE {setting} effective {mue.group(4)}-{mue.group(2)}-{mue.group(3)}"
    return None


def read_ptp_edits(path) -> Iterator[PtpEdit]:
    """Yield every edit of a tab-separated CMS PTP file after its six header lines."""
    lines = iter_lines_one_encoding(path, PTP_ENCODING)
    _skip_ptp_header(path, lines)
    dates: dict[str, datetime.date] = {}
    for number, text in lines:
        fields = text.rstrip("\r\n").split("\t")
        if len(fields) < 6:
            if not text.strip():
                continue
            raise _short_ptp_line(path, number, text)
        column1, column2, before_1996, effective, deletion, modifier = fields[:6]

        # The cheap checks on every row accept any five letters and digits. The full
        # checks run only to raise with the right message.
        if len(column1) != 5 or not column1.isalnum():
            require_code(path, number, column1, "column 1 code")
        if len(column2) != 5 or not column2.isalnum():
            require_code(path, number, column2, "column 2 code")
        if modifier not in MODIFIER_INDICATORS:
            require_choice(
                path, number, modifier, "modifier indicator", MODIFIER_INDICATORS
            )
        if before_1996 and before_1996 != IN_EXISTENCE_BEFORE_1996:
            require_choice(path, number, before_1996, "prior to 1996 flag", {"", "*"})

        # Edit files repeat a small set of dates, so each distinct date is parsed once.
        effective_date = dates.get(effective)
        if effective_date is None:
            effective_date = _cached_date(path, number, effective, "effective", dates)
        if deletion == NO_DELETION:
            deletion_date = None
        else:
            deletion_date = dates.get(deletion)
            if deletion_date is None:
                deletion_date = _cached_date(path, number, deletion, "deletion", dates)

        yield PtpEdit(
            number,
            column1,
            column2,
            before_1996 == IN_EXISTENCE_BEFORE_1996,
            effective_date,
            deletion_date,
            modifier,
            fields[6] if len(fields) > 6 else "",
        )


def _skip_ptp_header(path, lines) -> None:
    header = [text for _number, text in itertools.islice(lines, PTP_HEADER_LINES)]
    columns = header[PTP_COLUMNS_LINE - 1] if len(header) >= PTP_COLUMNS_LINE else ""
    if not columns.lower().startswith(PTP_COLUMNS_START):
        raise InputFileError(
            path,
            PTP_COLUMNS_LINE,
            columns.strip()[:60],
            "unexpected PTP header: line 3 should start with Column 1, Column 2",
            "Use the tab-separated text file from the CMS NCCI PTP zip file",
        )


def _short_ptp_line(path, number, text: str) -> InputFileError:
    count = text.count("\t") + 1
    return InputFileError(
        path,
        number,
        text.strip()[:60],
        f"line has {count} tab-separated columns, expected at least 6",
        "The file looks truncated or edited; download the CMS file again",
    )


def _cached_date(path, number, value, field, dates) -> datetime.date:
    parsed = parse_yyyymmdd(path, number, value, field)
    if parsed is None:
        raise InputFileError(
            path, number, value, f"missing {field} date", "Write the date as YYYYMMDD"
        )
    dates[value] = parsed
    return parsed


def read_mue_limits(path) -> Iterator[MueLimit]:
    """Yield every row of a CMS MUE CSV after its notice and header rows."""
    rows = iter_csv_rows(path)
    _skip_mue_header(path, rows)
    for number, cells in rows:
        if len(cells) < 3:
            raise InputFileError(
                path,
                number,
                ",".join(cells),
                f"row has {len(cells)} columns, expected 4",
                "Each row needs the code, MUE value, adjudication indicator "
                "and rationale",
            )
        yield _parse_mue_row(path, number, cells)


def _skip_mue_header(path, rows) -> None:
    # The first row is a notice in one quoted cell that spans several lines, and the
    # header's first cell contains a line break inside "HCPCS/ CPT Code".
    for _ in range(MUE_PREAMBLE_MAX_ROWS):
        number, cells = next(rows, (None, [""]))
        first = " ".join(cells[0].split()).lower()
        if first.startswith(MUE_HEADER_START):
            return
    raise InputFileError(
        path,
        None,
        None,
        "no MUE header row found starting with HCPCS/CPT Code",
        "Use the CSV file from the CMS MUE zip file",
    )


def _parse_mue_row(path, number, cells) -> MueLimit:
    code = require_code(path, number, cells[0].strip())
    units = cells[1].strip()
    if not (units.isascii() and units.isdigit()):
        raise InputFileError(
            path, number, units, "invalid MUE value", "Write a whole number of units"
        )
    indicator_text = cells[2].strip()
    indicator = indicator_text[:1]
    if indicator not in MUE_INDICATORS or indicator_text[1:2] not in ("", " "):
        raise InputFileError(
            path,
            number,
            indicator_text,
            "invalid MUE adjudication indicator",
            "Use 1 Line Edit, 2 Date of Service Edit: Policy or "
            "3 Date of Service Edit: Clinical",
        )
    rationale = cells[3].strip() if len(cells) > 3 else ""
    return MueLimit(number, code, int(units), indicator, rationale)
