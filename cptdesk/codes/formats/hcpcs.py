"""Reader for the CMS HCPCS Level II quarterly file in its fixed-width ANWEB layout.

Each record is 320 characters in Windows-1252. A code's first record contains the
administrative fields, and its continuation records contain the rest of its long
description. The slices below are the 1-based field positions of the CMS record layout
shifted to 0-based Python indexes.
"""

import datetime
import logging
import re
from collections.abc import Iterator
from typing import NamedTuple

from cptdesk.lib.inputerrors import InputFileError

from .fieldvalues import parse_yyyymmdd, require_choice
from .textlines import iter_lines

logger = logging.getLogger(__name__)

RECORD_LENGTH = 320
ENCODINGS = ("cp1252",)

FIRST_PROCEDURE = "3"  # first record of a procedure code, with the detail fields
MORE_PROCEDURE = "4"  # continuation of a procedure's long description
FIRST_MODIFIER = "7"  # first record of a modifier, with the detail fields
MORE_MODIFIER = "8"  # continuation of a modifier's long description
CONTINUES = {MORE_PROCEDURE: FIRST_PROCEDURE, MORE_MODIFIER: FIRST_MODIFIER}

COVERAGE_CODES = {"C", "D", "I", "M", "S"}
ACTION_CODES = {"A", "B", "C", "D", "F", "N", "P", "R", "S", "T"}

CODE = slice(0, 5)
RECORD_ID = 10
LONG_DESCRIPTION = slice(11, 91)
SHORT_DESCRIPTION = slice(91, 119)
PRICING_INDICATORS = [slice(start, start + 2) for start in (119, 121, 123, 125)]
COVERAGE = 229
BETOS = slice(256, 259)
TYPES_OF_SERVICE = range(260, 265)
ADDED_DATE = slice(268, 276)
ACTION_EFFECTIVE_DATE = slice(276, 284)
TERMINATION_DATE = slice(284, 292)
ACTION = 292

RELEASE_NAME = re.compile(r"HCPC(\d{4})_([A-Z]{3})_", re.IGNORECASE)
MONTHS = {
    "JAN": "January",
    "APR": "April",
    "JUL": "July",
    "OCT": "October",
}


class HcpcsCode(NamedTuple):
    """A HCPCS Level II code or modifier with its long description joined."""

    line: int
    code: str
    is_modifier: bool
    long_description: str
    short_description: str
    pricing_indicators: tuple[str, ...]
    coverage_code: str
    betos: str
    types_of_service: tuple[str, ...]
    action_code: str
    added_date: datetime.date | None
    action_effective_date: datetime.date | None
    termination_date: datetime.date | None


def release_label(path) -> str | None:
    """Return e.g. "HCPCS 2026 January" for HCPC2026_JAN_ANWEB_01122026.txt."""
    match = RELEASE_NAME.search(str(path).replace("\\", "/").rsplit("/", 1)[-1])
    if not match or match.group(2).upper() not in MONTHS:
        return None
    return f"HCPCS {match.group(1)} {MONTHS[match.group(2).upper()]}"


def read_hcpcs(path) -> Iterator[HcpcsCode]:
    """Yield each code and modifier of an ANWEB file, in file order."""
    current = None
    parts: list[str] = []
    for number, text in iter_lines(path, ENCODINGS):
        record = text.rstrip("\r\n")
        if not record.strip():
            continue
        record = _check_length(path, number, record)
        record_id = record[RECORD_ID]
        if record_id in CONTINUES:
            _check_continuation(path, number, record, current)
            parts.append(record[LONG_DESCRIPTION].strip())
            continue
        if current is not None:
            yield _finish(current, parts)
        current = _parse_first_record(path, number, record)
        parts = [record[LONG_DESCRIPTION].strip()]
    if current is not None:
        yield _finish(current, parts)


def _check_length(path, number, record: str) -> str:
    if len(record) < RECORD_LENGTH:
        raise InputFileError(
            path,
            number,
            record[CODE].strip(),
            f"record is {len(record)} characters, shorter than the "
            f"{RECORD_LENGTH} of the HCPCS record layout",
            "The file looks truncated or edited; download the CMS file again",
        )
    if len(record) > RECORD_LENGTH:
        # CMS has shipped a record padded with extra blanks, its fields still in place.
        logger.warning(
            "HCPCS record on line %d of %s is %d characters; reading the first %d",
            number,
            path,
            len(record),
            RECORD_LENGTH,
        )
    return record[:RECORD_LENGTH]


def _check_continuation(path, number, record: str, current) -> None:
    code = record[CODE].strip()
    expected_kind = CONTINUES[record[RECORD_ID]]
    if current is None or current["code"] != code or current["kind"] != expected_kind:
        raise InputFileError(
            path,
            number,
            code,
            "continuation record does not follow the first record of the same code",
            "Keep each code's records together, as in the CMS file",
        )


def _parse_first_record(path, number, record: str) -> dict:
    """Parse the fields of a first record. The caller adds the continuation text."""
    kind = require_choice(
        path,
        number,
        record[RECORD_ID],
        "record identification code",
        {FIRST_PROCEDURE, MORE_PROCEDURE, FIRST_MODIFIER, MORE_MODIFIER},
    )
    code = record[CODE].strip()
    if not code or not code.isalnum():
        raise InputFileError(
            path, number, code, "invalid HCPCS code", "Download the CMS file again"
        )
    return {
        "line": number,
        "code": code,
        "kind": kind,
        "short_description": record[SHORT_DESCRIPTION].strip(),
        "pricing_indicators": _present(record[part] for part in PRICING_INDICATORS),
        "coverage_code": require_choice(
            path, number, record[COVERAGE], "coverage code", COVERAGE_CODES
        ),
        "betos": record[BETOS].strip(),
        "types_of_service": _present(record[index] for index in TYPES_OF_SERVICE),
        "action_code": require_choice(
            path, number, record[ACTION], "action code", ACTION_CODES
        ),
        **_parse_dates(path, number, record),
    }


def _parse_dates(path, number, record: str) -> dict:
    return {
        "added_date": parse_yyyymmdd(
            path, number, record[ADDED_DATE].strip(), "code added"
        ),
        "action_effective_date": parse_yyyymmdd(
            path, number, record[ACTION_EFFECTIVE_DATE].strip(), "action effective"
        ),
        "termination_date": parse_yyyymmdd(
            path, number, record[TERMINATION_DATE].strip(), "termination"
        ),
    }


def _present(values) -> tuple[str, ...]:
    return tuple(value.strip() for value in values if value.strip())


def _finish(fields: dict, parts: list[str]) -> HcpcsCode:
    # CMS breaks a long description between words into 80-character pieces padded
    # with blanks, so the trimmed pieces joined with one space give the full text.
    kind = fields.pop("kind")
    return HcpcsCode(
        **fields,
        is_modifier=kind == FIRST_MODIFIER,
        long_description=" ".join(part for part in parts if part),
    )
