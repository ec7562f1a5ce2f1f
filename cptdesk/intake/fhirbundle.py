"""Read a FHIR Bundle of Appointment and ServiceRequest resources into schedule rows.

The bundle is validated with the `fhir.resources` R4B models (R4B shares the R4 shape of
these two resources). An Appointment takes its codes from the ServiceRequests it names
in `basedOn`; a ServiceRequest gives units in `quantityQuantity` and the payer in
`insurance[].display`. Rows are numbered by bundle entry, starting at 1.
"""

import json

from .flagrules import Line
from .scheduleformat import CODE_SHAPE, RowError, ScheduleRow, parse_place

CODE_SYSTEMS = {
    "http://www.ama-assn.org/go/cpt",
    "https://www.cms.gov/medicare/coding/hcpcsreleasecodesets",
    "http://www.cms.gov/medicare/coding/hcpcsreleasecodesets",
    "urn:oid:2.16.840.1.113883.6.12",  # CPT
    "urn:oid:2.16.840.1.113883.6.285",  # HCPCS Level II
}
POS_SYSTEM_MARK = "place-of-service"
SKIPPED_STATUSES = {"cancelled", "noshow", "entered-in-error"}


class BundleError(ValueError):
    """A document that is not a valid FHIR Bundle."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


def read_bundle(text):
    """Return (rows, errors) for a JSON Bundle; raise BundleError if it is invalid."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = (
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        )
        raise BundleError([RowError(error.lineno, "json", "", problem)]) from error
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if kind != "Bundle":
        # Say it in the office's terms before the FHIR library says it in its own.
        raise BundleError(
            [
                RowError(
                    0,
                    "resourceType",
                    str(kind or "")[:80],
                    "not a FHIR Bundle; export the schedule as a Bundle of Appointment "
                    "and ServiceRequest resources",
                )
            ]
        )
    # Imported here because the FHIR models and pydantic added 16 MB to a process on the
    # bench machine, and most practices upload CSV schedules.
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as error:
        raise BundleError(validation_errors(error)) from error

    entries = list(enumerate(bundle.entry or [], start=1))
    requests = service_requests(entries)
    rows, errors = [], []
    for number, entry in entries:
        resource = entry.resource
        if resource is None or resource.get_resource_type() != "Appointment":
            continue
        if resource.status in SKIPPED_STATUSES:
            continue
        row = appointment_row(number, resource, requests)
        if row.errors:
            errors.extend(row.errors)
        else:
            rows.append(row)
    return rows, errors


def validation_errors(error):
    found = []
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        row = int(location[1]) + 1 if location[:1] == ["entry"] else 0
        value = item.get("input")
        text = value if isinstance(value, str) else ""
        found.append(RowError(row, ".".join(location), text[:80], item["msg"]))
    return found


def service_requests(entries):
    """Index the bundle's ServiceRequests by `ServiceRequest/id` and by full URL."""
    found = {}
    for _number, entry in entries:
        resource = entry.resource
        if resource is None or resource.get_resource_type() != "ServiceRequest":
            continue
        if resource.id:
            found[f"ServiceRequest/{resource.id}"] = resource
        if entry.fullUrl:
            found[str(entry.fullUrl)] = resource
    return found


def appointment_row(number, appointment, requests):
    errors = []
    patient, provider, location = participants(appointment)
    if not patient:
        errors.append(RowError(number, "participant", "", "missing Patient actor"))
    start = appointment.start
    if start is None:
        errors.append(RowError(number, "start", "", "missing start"))

    linked = []
    for reference in appointment.basedOn or []:
        request = requests.get(reference.reference or "")
        if request is None:
            errors.append(
                RowError(
                    number,
                    "basedOn",
                    reference.reference or "",
                    "ServiceRequest not found in the bundle",
                )
            )
        else:
            linked.append(request)
    lines, payer, place = request_facts(number, linked, errors)
    if not lines and not errors:
        errors.append(
            RowError(number, "basedOn", "", "no codes: link a ServiceRequest")
        )

    minutes = appointment.minutesDuration
    if minutes is None and start is not None and appointment.end is not None:
        minutes = int((appointment.end - start).total_seconds() // 60)
    return ScheduleRow(
        row=number,
        patient=patient,
        date=start.date() if start else None,
        time=start.time().replace(tzinfo=None) if start else None,
        lines=lines,
        provider=provider,
        payer=payer,
        place_of_service=place,
        service=concept_text(appointment.serviceType),
        booked_minutes=minutes or None,
        location=location,
        source_key=f"fhir:{appointment.id}" if appointment.id else "",
        starts_at=start if start is not None and start.tzinfo else None,
        errors=errors,
    )


def participants(appointment):
    patient = provider = location = ""
    for participant in appointment.participant or []:
        actor = participant.actor
        if actor is None:
            continue
        kind, _, ident = (actor.reference or "").partition("/")
        if kind == "Patient" or (actor.type == "Patient"):
            identifier = actor.identifier.value if actor.identifier else ""
            patient = identifier or ident
        elif kind in ("Practitioner", "PractitionerRole"):
            provider = actor.display or ident
        elif kind == "Location":
            location = actor.display or ident
    return patient, provider, location


def request_facts(number, requests, errors):
    units, payer, place = {}, "", ""
    for request in requests:
        codes = [
            coding.code.upper()
            for coding in (request.code.coding if request.code else []) or []
            if coding.code and (coding.system or "").lower() in CODE_SYSTEMS
        ]
        if not codes:
            errors.append(
                RowError(number, "ServiceRequest.code", request.id or "", "no CPT code")
            )
        count = 1
        if request.quantityQuantity is not None and request.quantityQuantity.value:
            count = int(request.quantityQuantity.value)
        for code in codes:
            if not CODE_SHAPE.match(code):
                errors.append(RowError(number, "code", code, "malformed code"))
                continue
            units[code] = units.get(code, 0) + count
        for insurance in request.insurance or []:
            payer = payer or (insurance.display or "")
        for concept in request.locationCode or []:
            for coding in concept.coding or []:
                if POS_SYSTEM_MARK in (coding.system or "").lower():
                    place = coding.code or place
    lines = tuple(Line(code, count) for code, count in units.items())
    place = parse_place(place, number, "ServiceRequest.locationCode", errors)
    return lines, payer, place


def concept_text(concepts):
    for concept in concepts or []:
        if concept.text:
            return concept.text
        for coding in concept.coding or []:
            if coding.display:
                return coding.display
    return ""
