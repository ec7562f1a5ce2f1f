"""Read a schedule CSV into plain rows and per-row errors, without a database.

A file whose header uses the standard column names needs no mapping; any other header is
mapped column by column. Checks that need reference data (known codes, payers, plans) run
later in `scheduleimport`.
"""

import csv
import datetime
import functools
import io
import re
from dataclasses import dataclass, field

from cptdesk.codes.places import USE_ASSIGNED_PLACE, place_of_service_problem

from .flagrules import Line

COLUMNS = (
    "patient",
    "date",
    "time",
    "provider",
    "payer",
    "plan",
    "place_of_service",
    "codes",
    "birth_date",
    "service",
    "booked_minutes",
    "location",
)
REQUIRED = ("patient", "date", "time", "codes")
CODE_SEPARATORS = re.compile(r"[\s;]+")
CODE_SHAPE = re.compile(r"^[0-9A-Z]{5}$")
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%Y", "%d-%b-%y")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p")
MAX_UNITS = 999


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file; the header is row 1
    column: str
    value: str
    problem: str

    def to_dict(self):
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "problem": self.problem,
        }

    def __str__(self):
        return f"row {self.row}, {self.column} {self.value!r}: {self.problem}"


@dataclass
class ScheduleRow:
    row: int
    patient: str
    date: datetime.date
    time: datetime.time
    lines: tuple
    provider: str = ""
    payer: str = ""
    plan: str = ""
    place_of_service: str = ""
    birth_date: datetime.date | None = None
    service: str = ""
    booked_minutes: int | None = None
    location: str = ""
    source_key: str = ""
    starts_at: datetime.datetime | None = None  # set when the source gives an offset
    errors: list = field(default_factory=list)

    def key(self):
        """Return the key that makes re-importing the same visit update it in place."""
        return self.source_key or "|".join(
            ("csv", self.patient, self.date.isoformat(), f"{self.time:%H:%M}")
            + (self.provider.casefold(),)
        )


class ScheduleHeaderError(ValueError):
    """A header that lacks a required column or a mapped column."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


def parse_mapping(text):
    """Parse `patient=MRN,date=Appt Date` into {"patient": "MRN", "date": "Appt Date"}."""
    mapping = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip().lower()
        if not sep or name not in COLUMNS or not header.strip():
            raise ValueError(
                f"invalid mapping {part.strip()!r}: write COLUMN=HEADER with COLUMN "
                f"one of {', '.join(COLUMNS)}"
            )
        mapping[name] = header.strip()
    return mapping


def read_schedule(text, mapping=None):
    """Return (rows, errors) for the CSV text; raise ScheduleHeaderError on the header."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None) or []
    positions = column_positions(header, mapping or {})
    rows, errors = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = read_row(number, cells, positions)
        if row.errors:
            errors.extend(row.errors)
        else:
            rows.append(row)
    return rows, errors


def column_positions(header, mapping):
    names = [cell.strip() for cell in header]
    folded = {name.casefold(): index for index, name in enumerate(names)}
    positions, errors = {}, []
    for column in COLUMNS:
        wanted = mapping.get(column, column)
        index = folded.get(wanted.casefold())
        if index is not None:
            positions[column] = index
        elif column in REQUIRED or column in mapping:
            errors.append(
                RowError(
                    1,
                    column,
                    wanted,
                    f"missing column; the header has {', '.join(names) or 'nothing'}",
                )
            )
    if errors:
        raise ScheduleHeaderError(errors)
    return positions


def read_row(number, cells, positions):
    def cell(column):
        index = positions.get(column)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    errors = []
    patient = cell("patient")
    if not patient:
        errors.append(RowError(number, "patient", "", "missing patient reference"))
    day = parse_date(cell("date"), number, "date", errors, required=True)
    start = parse_time(cell("time"), number, errors)
    lines = parse_codes(cell("codes"), number, errors)
    birth_date = parse_date(cell("birth_date"), number, "birth_date", errors)
    minutes = parse_minutes(cell("booked_minutes"), number, errors)
    place = parse_place(cell("place_of_service"), number, "place_of_service", errors)
    return ScheduleRow(
        row=number,
        patient=patient,
        date=day,
        time=start,
        lines=lines,
        provider=cell("provider"),
        payer=cell("payer"),
        plan=cell("plan"),
        place_of_service=place,
        birth_date=birth_date,
        service=cell("service"),
        booked_minutes=minutes,
        location=cell("location"),
        errors=errors,
    )


def parse_date(text, number, column, errors, required=False):
    if not text:
        if required:
            errors.append(RowError(number, column, "", "missing date"))
        return None
    day = date_from_text(text)
    if day is not None:
        return day
    errors.append(
        RowError(
            number,
            column,
            text,
            "malformed date; use 2026-03-01, 03/01/2026, 3/1/26 or 01-Mar-2026",
        )
    )
    return None


def parse_time(text, number, errors):
    if not text:
        errors.append(RowError(number, "time", "", "missing time"))
        return None
    start = time_from_text(" ".join(text.upper().replace(".", "").split()))
    if start is not None:
        return start
    errors.append(
        RowError(number, "time", text, "malformed time; use 14:30 or 2:30 PM")
    )
    return None


# A schedule repeats a few dates and start times thousands of times, and strptime is
# slow, so each distinct text is parsed once.
@functools.lru_cache(maxsize=4096)
def date_from_text(text):
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@functools.lru_cache(maxsize=4096)
def time_from_text(text):
    for pattern in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None


def parse_place(text, number, column, errors):
    """Parse a place of service code into two digits; return "" if empty or unusable.

    A one-digit code gets its leading zero back, because spreadsheets drop it from "02".
    A malformed code, or one that the shipped CMS set does not assign, adds a row error
    to errors, with the same wording as the catalog's check.
    """
    place = text.strip()
    if not place:
        return ""
    if place.isdigit() and len(place) == 1:
        place = "0" + place
    if not (place.isdigit() and len(place) == 2):
        errors.append(
            RowError(
                number,
                column,
                text,
                "invalid place of service; write the two-digit CMS place of service "
                "code, such as 11 or 22",
            )
        )
        return ""

    problem = place_of_service_problem(place)
    if problem is not None:
        errors.append(
            RowError(number, column, text, f"{problem}. {USE_ASSIGNED_PLACE}.")
        )
        return ""
    return place


def parse_codes(text, number, errors):
    """Parse `99213 J0585:4;97110:2` into Lines, adding the units of repeated codes."""
    units = {}
    for token in CODE_SEPARATORS.split(text.upper()):
        if not token:
            continue
        code, _, count = token.partition(":")
        if not CODE_SHAPE.match(code):
            errors.append(
                RowError(
                    number, "codes", token, "malformed code; expected 5 characters"
                )
            )
            continue
        if count and not (count.isdigit() and 0 < int(count) <= MAX_UNITS):
            errors.append(
                RowError(number, "codes", token, "invalid units; write CODE:UNITS")
            )
            continue
        units[code] = units.get(code, 0) + (int(count) if count else 1)
    if not units and not any(e.column == "codes" for e in errors):
        errors.append(RowError(number, "codes", text, "missing codes"))
    return tuple(Line(code, count) for code, count in units.items())


def parse_minutes(text, number, errors):
    if not text:
        return None
    if text.isdigit() and 0 < int(text) <= 24 * 60:
        return int(text)
    errors.append(RowError(number, "booked_minutes", text, "invalid booked minutes"))
    return None
