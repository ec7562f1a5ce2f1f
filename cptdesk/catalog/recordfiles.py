"""Read CSV and YAML files of records, each record with the line it starts on.

The catalog and rule pack importers share this reader, so both formats report a bad
value with the same file and line. A CSV file is one record per row under a header. A
YAML file is a list of mappings, or a mapping whose `key` entry contains that list.
"""

import datetime
from pathlib import Path

import yaml

from cptdesk.codes.anatomy import explain
from cptdesk.codes.formats.textlines import iter_csv_rows
from cptdesk.codes.places import USE_ASSIGNED_PLACE, place_of_service_problem
from cptdesk.lib.inputerrors import InputFileError

YAML_SUFFIXES = (".yaml", ".yml")
LINE_KEY = "__line__"  # added to each YAML mapping by LineLoader
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


class LineLoader(yaml.SafeLoader):
    """A safe YAML loader that records the line each mapping starts on."""


def construct_mapping_with_line(loader, node, deep=False):
    mapping = loader.construct_mapping(node, deep=deep)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping_with_line
)


def is_yaml(path):
    return Path(path).suffix.lower() in YAML_SUFFIXES


def read_records(path, key, required):
    """Return (header mapping, [(line, record dict)]) from a CSV or YAML file.

    CSV records hold stripped strings under lower-case column names, and YAML records
    hold what YAML parsed. Raise InputFileError when a required column is missing.
    """
    if is_yaml(path):
        header, records = read_yaml_records(path, key)
    else:
        header, records = {}, read_csv_records(path, required)
    for line, record in records:
        missing = [name for name in required if name not in record]
        if missing:
            raise InputFileError(
                path,
                line,
                ", ".join(sorted(record)),
                f"missing the field(s) {', '.join(missing)}",
                f"Give every record the fields {', '.join(required)}",
            )
    if not records:
        raise InputFileError(path, None, None, "the file contains no records")
    return header, records


def read_csv_records(path, required):
    rows = iter_csv_rows(path)
    try:
        number, header = next(rows)
    except StopIteration:
        raise InputFileError(path, None, None, "the file is empty") from None
    names = [name.strip().lower() for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise InputFileError(
            path,
            number,
            ",".join(header),
            f"the header lacks the column(s) {', '.join(missing)}",
            f"Name the columns {', '.join(required)} on the first line",
        )
    records = []
    for number, cells in rows:
        padded = [*cells, *[""] * (len(names) - len(cells))]
        records.append(
            (number, {name: padded[i].strip() for i, name in enumerate(names)})
        )
    return records


def read_yaml_records(path, key):
    with open(path, encoding="utf-8-sig") as handle:
        try:
            document = yaml.load(handle, Loader=LineLoader)  # noqa: S506 (safe loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else None
            raise InputFileError(
                path, line, None, f"invalid YAML: {error}", "Fix the YAML syntax"
            ) from error
    header = {}
    if isinstance(document, dict):
        header = {name: value for name, value in document.items() if name != key}
        document = document.get(key)
    if not isinstance(document, list):
        raise InputFileError(
            path,
            1,
            None,
            f"expected a list of records, or a mapping with a '{key}' list",
            f"Write the records as a YAML list under '{key}:'",
        )
    records = []
    for index, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            raise InputFileError(
                path, None, item, f"record {index} is not a mapping", "Write key: value"
            )
        line = item.pop(LINE_KEY)
        records.append(
            (line, {str(name).lower(): value for name, value in item.items()})
        )
    return header, records


def text(value):
    """Return a cell or YAML value as stripped text; None and missing become ""."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def split_list(value, separator=";"):
    """Return the items of a list cell ("a; b") or a YAML list, stripped, non-empty."""
    if isinstance(value, list):
        return [text(item) for item in value if text(item)]
    return [item.strip() for item in text(value).split(separator) if item.strip()]


def parse_flag(path, line, value, field):
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InputFileError(path, line, value, f"invalid {field}", "Write yes or no")


def parse_count(path, line, value, field, minimum=0, maximum=100_000):
    """Parse a whole number within limits; None for an empty value."""
    raw = text(value)
    if raw == "":
        return None
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise InputFileError(
            path,
            line,
            value,
            f"invalid {field}",
            f"Write a whole number from {minimum} to {maximum}",
        )
    return int(raw)


def parse_code(path, line, value, field="code"):
    """Return a valid five-character CPT or HCPCS code, uppercased, without modifiers."""
    raw = text(value).upper()
    anatomy = explain(raw)
    if not anatomy.is_valid or anatomy.modifiers or len(anatomy.code) != 5:
        reason = anatomy.reason or "not a five-character CPT or HCPCS code"
        raise InputFileError(
            path,
            line,
            value,
            f"invalid {field}: {reason.rstrip('.')}",
            "Write a CPT or HCPCS code such as 72148 or J0585, without modifiers",
        )
    return anatomy.code


def parse_place(path, line, value):
    """Return an assigned two-digit place of service code, or "" for an empty value."""
    place = text(value)
    if place.isdigit() and len(place) == 1:
        place = "0" + place  # spreadsheets drop the leading zero of "02"
    if place and not (len(place) == 2 and place.isdigit()):
        raise InputFileError(
            path,
            line,
            value,
            "invalid place_of_service",
            "Write the two-digit CMS place of service code, such as 11 or 22",
        )

    problem = place_of_service_problem(place) if place else None
    if problem is not None:
        raise InputFileError(path, line, value, problem, USE_ASSIGNED_PLACE)
    return place
