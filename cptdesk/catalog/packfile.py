"""The rule pack file format: one record per rule, read into Rule field values.

The columns result and code are required, and code may be empty when the service
column names a service. The columns payer, plan, service, place_of_service, min_age,
max_age, min_units, paired_codes, documents, source_title, source_url, source_version,
source_confirmed, effective_from, effective_to and note are optional. docs/catalog.md
describes each.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from cptdesk.codes.formats.fieldvalues import parse_iso_date
from cptdesk.lib.inputerrors import InputFileError

from .choices import RuleResult
from .matching import find_payer, find_plan, normalise_name
from .models import Service
from .recordfiles import (
    parse_code,
    parse_count,
    parse_flag,
    parse_place,
    read_records,
    split_list,
    text,
)
from .ruleengine import code_shape

REQUIRED_COLUMNS = ("code", "result")
PACK_FIELDS = ("name", "source_title", "source_url", "source_version")
SOURCE_FIELDS = ("source_title", "source_url", "source_version")
MAX_AGE = 130


def read_pack(path, practice):
    """Return (pack header, [Rule field dicts]) for a rule pack file of the practice.

    Payers, plans and services are looked up by name or alias. An unknown one is an
    error, because a rule that matches nothing would silently never fire.
    """
    header, records = read_records(path, "rules", REQUIRED_COLUMNS)
    header = {name: text(header.get(name)) for name in PACK_FIELDS}
    check_url(path, 1, header["source_url"])
    services = services_by_name(practice)
    rules = [
        parse_rule(path, line, record, practice, services, header)
        for line, record in records
    ]
    return header, rules


def services_by_name(practice):
    found = {}
    for service in Service.objects.filter(practice=practice):
        for name in [*service.alias_list, service.name]:
            found[normalise_name(name)] = service
    return found


def parse_rule(path, line, record, practice, services, header):
    rule = {"result": parse_result(path, line, record["result"])}
    rule |= parse_target(path, line, record, practice, services)
    rule["place_of_service"] = parse_place(path, line, record.get("place_of_service"))
    for name in ("min_age", "max_age"):
        rule[name] = parse_count(path, line, record.get(name), name, 0, MAX_AGE)
    rule["min_units"] = parse_count(path, line, record.get("min_units"), "min_units", 1)
    rule["paired_codes"] = [
        parse_code(path, line, code, "paired code")
        for code in split_codes(record.get("paired_codes"))
    ]
    rule["documents"] = split_list(record.get("documents"))
    rule |= parse_source(path, line, record, header)
    rule |= parse_dates(path, line, record)
    rule["note"] = text(record.get("note"))
    return rule


def split_codes(value):
    """Return the codes of a list cell separated by spaces, commas or semicolons."""
    if isinstance(value, list):
        return split_list(value)
    return [code for code in re.split(r"[\s;,]+", text(value)) if code]


def parse_result(path, line, value):
    by_word = {choice.value: choice.value for choice in RuleResult}
    by_word |= {choice.label.casefold(): choice.value for choice in RuleResult}
    result = by_word.get(text(value).casefold())
    if result is None:
        raise InputFileError(
            path, line, value, "unknown result", f"Use one of {', '.join(by_word)}"
        )
    return result


def parse_target(path, line, record, practice, services):
    """Return payer, plan, code range and service of a rule, each checked."""
    payer_name, plan_name = text(record.get("payer")), text(record.get("plan"))
    payer = find_payer(practice, payer_name) if payer_name else None
    if payer_name and payer is None:
        raise InputFileError(
            path,
            line,
            payer_name,
            "unknown payer",
            "Add the payer on the Payers page, or give it this name as an alias",
        )
    plan = None
    if plan_name:
        plan = find_plan(payer, plan_name)
        if plan is None:
            raise InputFileError(
                path,
                line,
                plan_name,
                "unknown plan" if payer else "a plan needs its payer",
                "Name the payer too, and add the plan to it on the Payers page",
            )

    service_name = text(record.get("service"))
    service = services.get(normalise_name(service_name)) if service_name else None
    if service_name and service is None:
        raise InputFileError(
            path, line, service_name, "unknown service", "Use a catalog service name"
        )
    code_from, code_to = parse_range(path, line, record.get("code"))
    if not code_from and service is None:
        raise InputFileError(
            path, line, "", "missing code", "Give a code, a code range or a service"
        )
    return {
        "payer": payer,
        "plan": plan,
        "service": service,
        "code_from": code_from,
        "code_to": code_to,
    }


def parse_range(path, line, value):
    """Parse "72148" or "70551-70553" into (first, last); both empty when blank."""
    raw = text(value)
    if not raw:
        return "", ""
    first, _, last = raw.partition("-")
    first = parse_code(path, line, first)
    last = parse_code(path, line, last) if last.strip() else first
    if code_shape(first) != code_shape(last) or last < first:
        raise InputFileError(
            path,
            line,
            raw,
            "invalid code range",
            "Write FIRST-LAST with two codes of the same shape, the lower one first",
        )
    return first, last


def parse_source(path, line, record, header):
    source = {name: text(record.get(name)) or header[name] for name in SOURCE_FIELDS}
    check_url(path, line, source["source_url"])
    confirmed = record.get("source_confirmed")
    source["source_confirmed"] = (
        True
        if text(confirmed) == ""
        else parse_flag(path, line, confirmed, "source_confirmed")
    )
    return source


def check_url(path, line, url):
    if not url:
        return
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InputFileError(
            path, line, url, "invalid source_url", "Write a full http(s) address"
        ) from None


def parse_dates(path, line, record):
    starts = parse_iso_date(
        path, line, text(record.get("effective_from")), "effective_from"
    )
    ends = parse_iso_date(path, line, text(record.get("effective_to")), "effective_to")
    if starts and ends and ends < starts:
        raise InputFileError(
            path,
            line,
            f"{starts} to {ends}",
            "effective_to is before effective_from",
            "Swap the dates or correct one of them",
        )
    return {"effective_from": starts, "effective_to": ends}
