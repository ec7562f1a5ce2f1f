"""Parsers for the dates, indicators and code numbers found in reference files.

Each parser takes the file path and line number so that its InputFileError points at
the cell at fault.
"""

import datetime
from decimal import Decimal, InvalidOperation

from cptdesk.lib.inputerrors import InputFileError

CPT_SUFFIXES = "FTUMA"  # Category II, Category III, PLA, MAAA and vaccine codes


def parse_yyyymmdd(path, number, value: str, field: str) -> datetime.date | None:
    """Parse an 8-digit YYYYMMDD date, or return None for a blank value."""
    if not value:
        return None
    if len(value) != 8 or not value.isdigit():
        raise _bad_date(path, number, value, field, "YYYYMMDD")
    return _make_date(path, number, value, field, value[:4], value[4:6], value[6:])


def parse_iso_date(path, number, value: str, field: str) -> datetime.date | None:
    """Parse a YYYY-MM-DD date, or return None for a blank value."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise _bad_date(path, number, value, field, "YYYY-MM-DD")
    return _make_date(path, number, value, field, *parts)


def parse_us_date(path, number, value: str, field: str) -> datetime.date | None:
    """Parse an MM/DD/YYYY (as X12 prints it) or YYYY-MM-DD date; None if blank."""
    if not value:
        return None
    if "-" in value:
        return parse_iso_date(path, number, value, field)
    parts = value.split("/")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise _bad_date(path, number, value, field, "MM/DD/YYYY")
    month, day, year = parts
    return _make_date(path, number, value, field, year, month, day)


def _make_date(path, number, value, field, year, month, day) -> datetime.date:
    if len(year) != 4:
        raise _bad_date(path, number, value, field, "a four-digit year")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise _bad_date(path, number, value, field, "a real calendar date") from None


def _bad_date(path, number, value, field, shape) -> InputFileError:
    return InputFileError(
        path,
        number,
        value,
        f"invalid {field} date",
        f"Write the {field} date as {shape}",
    )


def require_choice(path, number, value: str, field: str, allowed) -> str:
    """Return the value if it is one of the allowed values, else raise."""
    if value in allowed:
        return value
    listed = ", ".join(repr(item) for item in sorted(allowed))
    raise InputFileError(
        path, number, value, f"invalid {field}", f"Use one of {listed}"
    )


def parse_decimal(path, number, value: str, field: str) -> Decimal | None:
    """Parse a decimal number such as 0.10, or return None for a blank value."""
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise InputFileError(
            path, number, value, f"invalid {field}", "Write a decimal number"
        ) from None


def is_cpt_shaped(code: str) -> bool:
    """Return whether the code is five digits, or four digits and F, T, U, M or A."""
    if len(code) != 5 or not code[:4].isdigit():
        return False
    return code[4].isdigit() or code[4] in CPT_SUFFIXES


def is_hcpcs_level2_shaped(code: str) -> bool:
    """Return whether the code is a letter A-V followed by four digits."""
    return len(code) == 5 and "A" <= code[0] <= "V" and code[1:].isdigit()


def require_code(path, number, code: str, field: str = "code") -> str:
    """Return a CPT- or HCPCS-Level-II-shaped code, else raise."""
    if is_cpt_shaped(code) or is_hcpcs_level2_shaped(code):
        return code
    raise InputFileError(
        path,
        number,
        code,
        f"invalid {field}",
        "A code is five characters: five digits, four digits and a letter, "
        "or a letter and four digits",
    )
