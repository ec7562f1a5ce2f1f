"""The catalog's CSV and YAML file format: reading it into records and writing it.

One record is one service. CSV list cells separate items with semicolons: aliases
("Botox; Botox for migraine"), codes with optional units ("64615; J0585:100"), notices
("abn; financial_policy") and documents as owner and name ("patient: Headache diary").
A column left out of the file leaves that field of existing services unchanged.
"""

import csv
import io
from dataclasses import dataclass, field

import yaml

from cptdesk.lib.inputerrors import InputFileError

from .choices import Notice, OwnerClass
from .recordfiles import (
    parse_code,
    parse_count,
    parse_flag,
    parse_place,
    read_records,
    split_list,
    text,
)

REQUIRED_COLUMNS = ("name", "codes")
TEXT_COLUMNS = ("location", "room", "equipment", "prep_instructions")
COLUMNS = (
    "name",
    "aliases",
    "codes",
    "slot_minutes",
    "location",
    "place_of_service",
    "room",
    "equipment",
    "prep_instructions",
    "notices",
    "referral_required",
    "documents",
    "active",
)
MAX_SLOT_MINUTES = 12 * 60  # an overnight sleep study is the longest slot
MAX_UNITS = 9999


@dataclass
class ServiceRecord:
    """One service read from a catalog file; `fields` holds only the columns present."""

    line: int
    name: str
    fields: dict = field(default_factory=dict)
    codes: list[tuple[str, int]] | None = None
    documents: list[tuple[str, str]] | None = None


def read_catalog(path):
    """Read and check every record of a catalog file; raise at the first bad value."""
    _, records = read_records(path, "services", REQUIRED_COLUMNS)
    services = []
    seen = {}
    for line, record in records:
        service = parse_service(path, line, record)
        key = service.name.casefold()
        if key in seen:
            raise InputFileError(
                path,
                line,
                service.name,
                f"the service is listed twice (first on line {seen[key]})",
                "Keep one record per service name",
            )
        seen[key] = line
        services.append(service)
    return services


def parse_service(path, line, record):
    name = text(record["name"])
    if not name:
        raise InputFileError(path, line, "", "missing service name", "Fill in name")
    service = ServiceRecord(line=line, name=name)
    fields = service.fields

    if "aliases" in record:
        fields["aliases"] = "\n".join(split_list(record["aliases"]))
    for column in TEXT_COLUMNS:
        if column in record:
            fields[column] = text(record[column])
    if "slot_minutes" in record:
        minutes = parse_count(
            path, line, record["slot_minutes"], "slot_minutes", 1, MAX_SLOT_MINUTES
        )
        fields["slot_minutes"] = minutes or 15
    if "place_of_service" in record:
        fields["place_of_service"] = parse_place(path, line, record["place_of_service"])
    if "notices" in record:
        fields["notices"] = parse_notices(path, line, record["notices"])

    for flag in ("referral_required", "active"):
        if flag in record:
            default = flag == "active"
            value = record[flag]
            fields[flag] = (
                default if text(value) == "" else parse_flag(path, line, value, flag)
            )

    service.codes = parse_codes(path, line, record["codes"])
    if "documents" in record:
        service.documents = parse_documents(path, line, record["documents"])
    return service


def parse_notices(path, line, value):
    by_word = {choice.value: choice.value for choice in Notice}
    by_word |= {choice.label.casefold(): choice.value for choice in Notice}
    notices = []
    for item in split_list(value):
        notice = by_word.get(item.casefold()) or by_word.get(item)
        if notice is None:
            raise InputFileError(
                path,
                line,
                item,
                "unknown notice",
                f"Use one of {', '.join(Notice.values)}",
            )
        if notice not in notices:
            notices.append(notice)
    return notices


def parse_codes(path, line, value):
    codes = []
    items = value if isinstance(value, list) else split_list(value)
    for item in items:
        if isinstance(item, dict):
            code, units = item.get("code"), item.get("units", 1)
        else:
            code, _, units = text(item).partition(":")
        units = parse_count(path, line, units, "units", 1, MAX_UNITS) or 1
        codes.append((parse_code(path, line, code), units))
    return codes


def parse_documents(path, line, value):
    documents = []
    items = value if isinstance(value, list) else split_list(value)
    for item in items:
        if isinstance(item, dict):
            owner, name = text(item.get("owner")), text(item.get("name"))
        else:
            owner, _, name = text(item).partition(":")
        owner, name = owner.strip().lower(), name.strip()
        if owner not in OwnerClass.values or not name:
            raise InputFileError(
                path,
                line,
                text(item),
                "invalid document",
                f"Write owner: name, with owner one of {', '.join(OwnerClass.values)}",
            )
        documents.append((name, owner))
    return documents


def service_record(service):
    """Return a service as a plain dict in the file's column order, for export."""
    return {
        "name": service.name,
        "aliases": service.alias_list,
        "codes": [{"code": c.code, "units": c.units} for c in service.codes.all()],
        "slot_minutes": service.slot_minutes,
        "location": service.location,
        "place_of_service": service.place_of_service,
        "room": service.room,
        "equipment": service.equipment,
        "prep_instructions": service.prep_instructions,
        "notices": list(service.notices),
        "referral_required": service.referral_required,
        "documents": [
            {"owner": d.owner_class, "name": d.name} for d in service.documents.all()
        ],
        "active": service.active,
    }


def write_yaml(records):
    return yaml.safe_dump(
        {"services": records}, sort_keys=False, allow_unicode=True, width=88
    )


def write_csv(records):
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([csv_cell(name, record[name]) for name in COLUMNS])
    return output.getvalue()


def csv_cell(name, value):
    if name == "codes":
        return "; ".join(f"{item['code']}:{item['units']}" for item in value)
    if name == "documents":
        return "; ".join(f"{item['owner']}: {item['name']}" for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    return value
