"""Evaluate a batch of appointments: payer rules, red flags and checklist triggers.

Reads only. The reference rows, authorizations, rules and services come in a fixed
number of queries for the whole batch; `actions.store_evaluations` writes the result.
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.utils import timezone

from cptdesk.catalog.models import Service, ServiceDocument
from cptdesk.catalog.ruleengine import VisitFacts, evaluate
from cptdesk.catalog.rules import rules_in_force

from . import checklist, flagdata, flagrules
from .bulksql import chunked
from .models import Appointment, AppointmentLine


@dataclass(slots=True)
class BookedVisit:
    """The values of a stored appointment that its evaluation reads."""

    pk: int
    patient_ref: str
    patient_birth_date: datetime.date | None
    starts_at: datetime.datetime
    booked_minutes: int
    location: str
    place_of_service: str
    payer_id: int | None
    plan_id: int | None
    service_id: int | None
    evaluated_at: datetime.datetime | None
    lines: tuple = ()  # flagrules.Line, in the order they were stored


VISIT_FIELDS = [f.name for f in dataclasses.fields(BookedVisit) if f.name != "lines"]


def load_visits(practice, appointment_ids):
    """Return the practice's active appointments among the ids as BookedVisit records.

    Two queries per 2,000 ids, and no model instances.
    """
    rows, lines = [], {}
    for chunk in chunked(appointment_ids):
        found = Appointment.objects.filter(practice=practice, pk__in=chunk).exclude(
            status__in=flagdata.INACTIVE
        )
        rows.extend(found.values_list(*VISIT_FIELDS))
        stored = AppointmentLine.objects.filter(appointment_id__in=chunk)
        for pk, code, units in stored.order_by("pk").values_list(
            "appointment_id", "code", "units"
        ):
            lines.setdefault(pk, []).append(flagrules.Line(code, units))
    return [BookedVisit(*row, lines=tuple(lines.get(row[0], ()))) for row in rows]


def booked_visit(pk, values, lines, evaluated_at=None):
    """Return the BookedVisit of an appointment stored with these values and lines."""
    return BookedVisit(
        pk=pk,
        evaluated_at=evaluated_at,
        lines=tuple(flagrules.Line(code, units) for code, units in lines),
        **{name: values[name] for name in VISIT_FIELDS if name in values},
    )


@dataclass
class Evaluation:
    appointment_id: int
    findings: list
    triggers: list
    first_time: bool = False  # never evaluated before


class RuleIndex:
    """The practice's rules grouped so that each visit is checked against few of them.

    A plain string comparison picks the range rules that may hold a visit's code, and
    the rule engine then checks the code's shape. This keeps the engine's work per
    visit to the rules that can fire.
    """

    def __init__(self, rules):
        self.by_code, self.ranges, self.by_service, self.other = {}, [], {}, []
        self.code_rules = {}  # code -> its rules by code and by range
        for rule in rules:
            last = rule.code_to or rule.code_from
            if rule.code_from and last.upper() == rule.code_from.upper():
                self.by_code.setdefault(rule.code_from.upper(), []).append(rule)
            elif rule.code_from:
                self.ranges.append((rule.code_from.upper(), last.upper(), rule))
            elif rule.service_id is not None:
                self.by_service.setdefault(rule.service_id, []).append(rule)
            else:
                self.other.append(rule)

    def candidates(self, codes, service_id=None):
        found = list(self.other)
        found.extend(self.by_service.get(service_id, ()))
        for code in codes:
            found.extend(self.rules_for_code(code))
        # Two codes in one range would list its rule twice and double its hits.
        return list({rule.id: rule for rule in found}.values())

    def rules_for_code(self, code):
        # A batch repeats a few hundred codes, so each code's rules are found once.
        if code not in self.code_rules:
            in_range = [
                rule for first, last, rule in self.ranges if first <= code <= last
            ]
            self.code_rules[code] = self.by_code.get(code, []) + in_range
        return self.code_rules[code]


def evaluate_appointments(practice, appointments, progress=None):
    """Return {appointment id: Evaluation} for BookedVisit records.

    `progress`, when given, is called with (visits evaluated, visits to evaluate) after
    each visit, and with 0 before the reference rows load, which can take seconds.
    """
    appointments = sorted(appointments, key=lambda visit: (visit.starts_at, visit.pk))
    if not appointments:
        return {}
    if progress:
        progress(0, len(appointments))
    zone = timezone.get_current_timezone()
    basics = {a.pk: basic_visit(a, zone) for a in appointments}
    reference = flagdata.load_reference(practice, list(basics.values()))
    authorizations = flagdata.load_authorizations(practice, appointments)
    rules = RuleIndex(rules_in_force(practice))
    services = service_facts(practice, {a.service_id for a in appointments})

    results = {}
    for evaluated, appointment in enumerate(appointments, start=1):
        basic = basics[appointment.pk]
        hits = evaluate(
            rules.candidates(
                {line.code for line in basic.lines}, appointment.service_id
            ),
            visit_facts(appointment, basic),
        )
        visit = dataclasses.replace(
            basic,
            authorizations=flagdata.authorization_facts(appointment, authorizations),
            prior_auth=prior_auth_reasons(hits),
        )
        setting = checklist.VisitSetting(
            appointment.booked_minutes,
            appointment.location,
            appointment.place_of_service,
        )
        service = services.get(appointment.service_id)
        results[appointment.pk] = Evaluation(
            appointment.pk,
            flagrules.check_visit(visit, reference),
            checklist.build_checklist(setting, service, hits),
            first_time=appointment.evaluated_at is None,
        )
        if progress:
            progress(evaluated, len(appointments))
    return results


def basic_visit(appointment, zone):
    return flagrules.Visit(
        id=appointment.pk,
        patient_ref=appointment.patient_ref,
        date_of_service=appointment.starts_at.astimezone(zone).date(),
        lines=appointment.lines,
    )


def visit_facts(appointment, basic):
    return VisitFacts(
        date_of_service=basic.date_of_service,
        payer_id=appointment.payer_id,
        plan_id=appointment.plan_id,
        place_of_service=appointment.place_of_service,
        patient_age=age_on(appointment.patient_birth_date, basic.date_of_service),
        lines=tuple((line.code, line.units) for line in basic.lines),
        service_ids=(appointment.service_id,) if appointment.service_id else (),
    )


def age_on(birth_date, day):
    if birth_date is None:
        return None
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def prior_auth_reasons(hits):
    """Return {code or VISIT_LEVEL: [reason]} for the hits that require authorization."""
    reasons = {}
    for hit in hits:
        if hit.rule.result != "prior_auth":
            continue
        key = hit.code or flagrules.VISIT_LEVEL
        why = "; ".join(hit.reasons)
        reasons.setdefault(key, []).append(f"{checklist.rule_source(hit.rule)}: {why}")
    return reasons


def service_facts(practice, service_ids):
    """Return {service id: checklist.ServiceFacts} in two queries."""
    service_ids.discard(None)
    if not service_ids:
        return {}
    documents = {}
    rows = ServiceDocument.objects.filter(service_id__in=service_ids).order_by("pk")
    for service_id, name, owner in rows.values_list(
        "service_id", "name", "owner_class"
    ):
        documents.setdefault(service_id, []).append((name, owner))
    facts = {}
    for service in Service.objects.filter(practice=practice, pk__in=service_ids):
        facts[service.pk] = checklist.ServiceFacts(
            id=service.pk,
            name=service.name,
            slot_minutes=service.slot_minutes,
            location=service.location,
            place_of_service=service.place_of_service,
            equipment=service.equipment,
            prep_instructions=service.prep_instructions,
            notices=tuple(service.notices or ()),
            referral_required=service.referral_required,
            documents=tuple(documents.get(service.pk, ())),
        )
    return facts
