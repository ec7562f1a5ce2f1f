"""Fetch the reference rows a batch of visits needs, in a fixed number of queries.

One query per table covers the whole batch: all PTP pairs among all the batch's codes,
all MUE rows for them, their HCPCS and fee schedule rows, the patients' earlier
surgeries and their authorizations. The checks in `flagrules` then run in memory.

The queries filter on codes only and keep the current releases' rows in Python: with a
release condition in the SQL, SQLite walks the release index, which holds every row of
a two-million-row PTP file.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.utils import timezone

from cptdesk.codes.choices import DataKind
from cptdesk.codes.models import DataRelease, HcpcsCode, MueLimit, PfsIndicator, PtpEdit

from . import flagrules
from .choices import AppointmentStatus
from .models import AppointmentLine, Authorization, AuthorizationCode


class AuthorizationRows(NamedTuple):
    by_patient: dict  # patient_ref -> [Authorization values]
    codes: dict  # authorization id -> {code: units approved}
    linked: dict  # appointment id -> {authorization id}
    usage: dict  # authorization id -> [(starts_at, appointment id, code, units)]


INACTIVE = (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
LONGEST_GLOBAL_DAYS = max(flagrules.GLOBAL_PERIOD_DAYS.values())


def current_releases():
    """Return {release id: label} and {kind: [release ids]} of the public current data."""
    labels, by_kind = {}, defaultdict(list)
    rows = DataRelease.objects.current().filter(practice=None)
    for pk, kind, label in rows.values_list("pk", "kind", "label"):
        labels[pk] = label
        by_kind[kind].append(pk)
    return labels, by_kind


def load_reference(practice, visits):
    """Return a flagrules.Reference for the visits (flagrules.Visit without auth facts)."""
    labels, by_kind = current_releases()
    codes = {line.code for visit in visits for line in visit.lines}
    reference = flagrules.Reference()
    if not visits:
        return reference
    reference.surgeries = earlier_surgeries(practice, visits, by_kind)
    reference.codes = code_facts(codes, labels, by_kind)
    reference.mue = mue_facts(codes, labels, by_kind)
    # Laboratory codes such as 0001U are in neither HCPCS Level II nor the fee schedule
    # file. The MUE file lists them, so they count as known codes.
    for code, limit in reference.mue.items():
        reference.codes.setdefault(
            code, flagrules.CodeFacts(code, release=limit.release)
        )
    reference.ptp = ptp_pairs(codes, labels, by_kind)
    return reference


def code_facts(codes, labels, by_kind):
    facts = {}
    pfs = PfsIndicator.objects.filter(code__in=codes, modifier="").values_list(
        "code", "status_code", "global_days", "release_id"
    )
    current = set(by_kind[DataKind.PFS])
    for code, status, global_days, release in pfs:
        if release not in current:
            continue
        facts[code] = flagrules.CodeFacts(
            code, pfs_status=status, global_days=global_days, release=labels[release]
        )
    hcpcs = HcpcsCode.objects.filter(code__in=codes, is_modifier=False).values_list(
        "code", "added_date", "termination_date", "release_id"
    )
    current = set(by_kind[DataKind.HCPCS])
    for code, added, ended, release in hcpcs:
        if release not in current:
            continue
        known = facts.get(code)
        facts[code] = flagrules.CodeFacts(
            code,
            added_date=added,
            termination_date=ended,
            pfs_status=known.pfs_status if known else "",
            global_days=known.global_days if known else "",
            release=labels[release],
        )
    return facts


def mue_facts(codes, labels, by_kind):
    rows = MueLimit.objects.filter(code__in=codes).values_list(
        "code", "max_units", "adjudication_indicator", "release_id"
    )
    current = set(by_kind[DataKind.MUE])
    facts = {}
    for code, units, indicator, release in rows:
        if release not in current:
            continue
        # Several MUE files (practitioner, hospital, DME) may list a code; the lowest
        # maximum is the one a claim can hit first.
        known = facts.get(code)
        if known is None or units < known.max_units:
            facts[code] = flagrules.MueFacts(units, indicator, labels[release])
    return facts


def ptp_pairs(codes, labels, by_kind):
    if len(codes) < 2:
        return {}
    current = set(by_kind[DataKind.NCCI_PTP])
    rows = PtpEdit.objects.filter(column1__in=codes, column2__in=codes).values_list(
        "column1",
        "column2",
        "effective_date",
        "deletion_date",
        "modifier_indicator",
        "release_id",
    )
    pairs = defaultdict(list)
    for first, second, effective, deleted, indicator, release in rows:
        if release not in current:
            continue
        pair = flagrules.PtpPair(
            first, second, effective, deleted, indicator, labels[release]
        )
        pairs[(first, second)].append(pair)
    return dict(pairs)


def earlier_surgeries(practice, visits, by_kind):
    """Return {patient_ref: [Surgery]} of booked codes with a 010 or 090 global period."""
    patients = {visit.patient_ref for visit in visits}
    first_day = min(visit.date_of_service for visit in visits)
    last_day = max(visit.date_of_service for visit in visits)
    since = first_day - datetime.timedelta(days=LONGEST_GLOBAL_DAYS)

    # The patients' earlier lines are few, so their global days are looked up after
    # them rather than joined against the whole fee schedule.
    lines = list(
        AppointmentLine.objects.filter(
            appointment__practice=practice,
            appointment__patient_ref__in=patients,
            appointment__starts_at__gte=local_midnight(since),
            appointment__starts_at__lt=local_midnight(last_day),
        )
        .exclude(appointment__status__in=INACTIVE)
        .values_list(
            "appointment_id",
            "appointment__patient_ref",
            "appointment__starts_at",
            "code",
        )
    )
    if not lines:
        return {}

    current = set(by_kind[DataKind.PFS])
    rows = PfsIndicator.objects.filter(
        modifier="", code__in={line[3] for line in lines}
    ).values_list("code", "global_days", "release_id")
    days = {code: value for code, value, release in rows if release in current}
    surgeries = defaultdict(list)
    zone = timezone.get_current_timezone()
    for appointment, patient, starts_at, code in lines:
        if days.get(code) not in flagrules.GLOBAL_PERIOD_DAYS:
            continue
        day = starts_at.astimezone(zone).date()
        surgeries[patient].append(flagrules.Surgery(appointment, day, code, days[code]))
    return dict(surgeries)


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def load_authorizations(practice, appointments):
    """Return the authorizations of the batch's patients, their codes and usage.

    Usage lists (starts_at, appointment id, code, units) of every active visit linked
    to the authorization, so units used can be counted up to any one visit.
    """
    patients = {appointment.patient_ref for appointment in appointments}
    authorizations = list(
        Authorization.objects.filter(practice=practice, patient_ref__in=patients)
        .values(
            "pk",
            "number",
            "status",
            "valid_from",
            "valid_to",
            "payer_id",
            "patient_ref",
        )
        .order_by("pk")
    )
    ids = [row["pk"] for row in authorizations]
    codes = defaultdict(dict)
    for auth_id, code, units in AuthorizationCode.objects.filter(
        authorization_id__in=ids
    ).values_list("authorization_id", "code", "units_approved"):
        codes[auth_id][code] = codes[auth_id].get(code, 0) + units

    links = Authorization.appointments.through.objects.filter(authorization_id__in=ids)
    linked = defaultdict(set)
    for auth_id, appointment_id in links.values_list(
        "authorization_id", "appointment_id"
    ):
        linked[appointment_id].add(auth_id)
    usage = defaultdict(list)
    lines = AppointmentLine.objects.filter(appointment_id__in=list(linked)).exclude(
        appointment__status__in=INACTIVE
    )
    for appointment_id, starts_at, code, units in lines.values_list(
        "appointment_id", "appointment__starts_at", "code", "units"
    ):
        for auth_id in linked[appointment_id]:
            usage[auth_id].append((starts_at, appointment_id, code, units))

    by_patient = defaultdict(list)
    for row in authorizations:
        by_patient[row["patient_ref"]].append(row)
    return AuthorizationRows(dict(by_patient), dict(codes), dict(linked), dict(usage))


def authorization_facts(appointment, found):
    """Return the flagrules.AuthorizationFacts that apply to one appointment."""
    facts = []
    order = (appointment.starts_at, appointment.pk)
    codes, linked, usage = found.codes, found.linked, found.usage
    for row in found.by_patient.get(appointment.patient_ref, ()):
        if row["payer_id"] and appointment.payer_id:
            if row["payer_id"] != appointment.payer_id:
                continue
        used = defaultdict(int)
        for starts_at, other_id, code, units in usage.get(row["pk"], ()):
            if other_id != appointment.pk and (starts_at, other_id) < order:
                used[code] += units
        facts.append(
            flagrules.AuthorizationFacts(
                id=row["pk"],
                number=row["number"],
                status=row["status"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
                codes=dict(codes.get(row["pk"], {})),
                linked=row["pk"] in linked.get(appointment.pk, ()),
                units_used=dict(used),
            )
        )
    return tuple(facts)


def covering_authorizations(practice, appointments):
    """Return {appointment id: [Authorization]} of the unlinked ones covering each visit.

    As in the red-flag check, an authorization covers a visit when it belongs to the
    visit's patient, has the visit's payer unless either has none, lists one of the
    visit's codes, and its dates include the visit's local date. Any status counts.
    Prefetch the appointments' lines first.
    """
    if not appointments:
        return {}
    found = load_authorizations(practice, appointments)
    matched = {}
    for appointment in appointments:
        day = timezone.localdate(appointment.starts_at)
        codes = {line.code for line in appointment.lines.all()}
        matched[appointment.pk] = [
            facts.id
            for facts in authorization_facts(appointment, found)
            if not facts.linked and flagrules.covers_visit(facts, day, codes)
        ]

    by_id = Authorization.objects.in_bulk(
        {pk for ids in matched.values() for pk in ids}
    )
    return {
        appointment_id: [by_id[pk] for pk in ids]
        for appointment_id, ids in matched.items()
        if ids
    }
