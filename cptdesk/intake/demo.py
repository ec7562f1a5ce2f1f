"""Synthetic appointments, authorizations and flags for the demo practice.

Every patient is made up (PT-1001 and up). The NCCI pair 0001U/0030U and the MUE
maximum of 1 for 0001U come from the bundled CMS excerpts; 29881 and 15823 carry a
90-day global period in the bundled fee schedule file.
"""

import datetime
import logging

from django.utils import timezone

from cptdesk.catalog.models import Payer, Plan, Rule, Service
from cptdesk.catalog.rules import rules_in_force

from . import actions
from .choices import AuthorizationStatus
from .models import Appointment, AppointmentLine, Authorization, AuthorizationCode

logger = logging.getLogger(__name__)

DEMO_PROVIDERS = ("Dr. Rivera", "Dr. Chen", "Dr. Okafor")
# (patient, day offset from today, hour, codes, place of service)
AROUND_TODAY = (
    ("PT-2001", -40, 8, [("29881", 1)], "22"),  # earlier surgery: global period
    ("PT-2001", 1, 10, [("99213", 1)], "11"),
    ("PT-2002", -20, 8, [("15823", 1)], "22"),  # linked to an authorization's units
    ("PT-2002", 2, 9, [("15823", 1)], "22"),
    ("PT-2003", 0, 9, [("15823", 1)], "22"),
    ("PT-2004", 0, 10, [("15823", 1), ("99213", 1)], "22"),
    ("PT-2005", 0, 11, [("0001U", 1), ("0030U", 1)], "11"),
    ("PT-2006", 3, 9, [("0001U", 2)], "11"),
    ("PT-2007", 4, 14, [("A9155", 1)], "11"),
    ("PT-2008", 5, 9, [("15823", 1)], "22"),
    ("PT-2009", -3, 9, [("99213", 1)], "11"),
    ("PT-2010", -1, 15, [("97110", 2), ("97140", 1)], "11"),
    ("PT-2011", 0, 14, [("99214", 1)], "11"),
    ("PT-2012", 6, 10, [("20610", 1)], "11"),
    ("PT-2013", 7, 9, [("99213", 1)], "11"),
    ("PT-2014", -6, 11, [("97110", 3)], "11"),
)


def load(practice):
    """Add two weeks of appointments around today, authorizations, flags and checklists."""
    if Appointment.objects.filter(practice=practice, source="demo").exists():
        return
    payer = demo_payer(practice)
    ensure_prior_auth_rule(practice, payer)
    today = timezone.localdate()
    created = {}
    for index, (patient, offset, hour, codes, place) in enumerate(AROUND_TODAY):
        day = today + datetime.timedelta(days=offset)
        created[(patient, offset)] = add_appointment(
            practice, patient, day, hour, codes, place, payer, index
        )
    add_authorizations_around(practice, payer, today, created)
    add_schedule_authorizations(practice, payer)
    actions.evaluate(practice, [a.pk for a in created.values()])
    logger.info(
        "Loaded %s demo appointments for practice %s", len(created), practice.pk
    )


def demo_payer(practice):
    """Return the catalog's Medicare payer of the practice, creating one if missing."""
    payer = Payer.objects.filter(practice=practice, kind="medicare_ffs").first()
    if payer is None:
        payer, _ = Payer.objects.get_or_create(
            practice=practice, name="Medicare", defaults={"kind": "medicare_ffs"}
        )
    acme, _ = Payer.objects.get_or_create(
        practice=practice, name="Acme Health", defaults={"kind": "commercial"}
    )
    Plan.objects.get_or_create(payer=acme, name="Acme PPO")
    return payer


def ensure_prior_auth_rule(practice, payer):
    """Make sure a rule puts 15823 under prior authorization for the demo payer."""
    covered = any(
        rule.result == "prior_auth"
        and rule.code_from
        and rule.code_from <= "15823" <= (rule.code_to or rule.code_from)
        and rule.payer_id in (None, payer.pk)
        for rule in rules_in_force(practice)
    )
    if not covered:
        Rule.objects.create(
            practice=practice,
            payer=payer,
            code_from="15820",
            code_to="15823",
            result="prior_auth",
            source_title="Demo rule: blepharoplasty needs prior authorization",
            effective_from=datetime.date(2020, 7, 1),
        )


def add_appointment(practice, patient, day, hour, codes, place, payer, index):
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    # Only a service billed with one of the visit's codes, so the demo never shows a
    # visit whose service and codes disagree.
    service = (
        Service.objects.filter(
            practice=practice, active=True, codes__code__in=[code for code, _ in codes]
        )
        .order_by("pk")
        .first()
    )
    appointment = Appointment.objects.create(
        practice=practice,
        patient_ref=patient,
        patient_birth_date=datetime.date(1950 + index, 1 + index % 12, 10),
        starts_at=starts_at,
        booked_minutes=45 if place == "22" else 20,
        provider=DEMO_PROVIDERS[index % len(DEMO_PROVIDERS)],
        place_of_service=place,
        payer=payer,
        service=service,
        source="demo",
        source_key=f"demo:{patient}:{day.isoformat()}:{hour}",
    )
    AppointmentLine.objects.bulk_create(
        AppointmentLine(appointment=appointment, code=code, units=units)
        for code, units in codes
    )
    return appointment


def authorize(practice, patient, payer, codes, valid_from, valid_to, **fields):
    authorization = Authorization.objects.create(
        practice=practice,
        patient_ref=patient,
        payer=payer,
        valid_from=valid_from,
        valid_to=valid_to,
        **fields,
    )
    AuthorizationCode.objects.bulk_create(
        AuthorizationCode(authorization=authorization, code=code, units_approved=units)
        for code, units in codes
    )
    return authorization


def add_authorizations_around(practice, payer, today, created):
    days = datetime.timedelta
    used = authorize(
        practice,
        "PT-2002",
        payer,
        [("15823", 1)],
        today - days(30),
        today + days(60),
        number="DEMO-A-2002",
        status=AuthorizationStatus.APPROVED,
        renew_by=today + days(45),
    )
    used.appointments.add(created[("PT-2002", -20)])
    authorize(
        practice,
        "PT-2003",
        payer,
        [("15823", 1)],
        today - days(90),
        today - days(1),
        number="DEMO-A-2003",
        status=AuthorizationStatus.APPROVED,
        renew_by=today - days(10),
    )
    authorize(
        practice,
        "PT-2004",
        payer,
        [("15823", 1)],
        today - days(10),
        today + days(80),
        number="DEMO-A-2004",
        status=AuthorizationStatus.APPROVED,
        renew_by=today + days(5),
    )
    authorize(
        practice,
        "PT-2008",
        payer,
        [("15823", 1)],
        None,
        None,
        number="",
        status=AuthorizationStatus.PENDING,
    )


def add_schedule_authorizations(practice, payer):
    """Add the authorizations that the demo schedule file's flags depend on."""
    if Authorization.objects.filter(practice=practice, number="DEMO-S-1002").exists():
        return
    approved = AuthorizationStatus.APPROVED
    authorize(
        practice,
        "PT-1002",
        payer,
        [("15823", 1)],
        datetime.date(2025, 9, 1),
        datetime.date(2026, 2, 28),
        number="DEMO-S-1002",
        status=approved,
    )
    spent = authorize(
        practice,
        "PT-1003",
        payer,
        [("15823", 1)],
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
        number="DEMO-S-1003",
        status=approved,
    )
    earlier = add_appointment(
        practice,
        "PT-1003",
        datetime.date(2026, 1, 20),
        8,
        [("15823", 1)],
        "22",
        payer,
        0,
    )
    spent.appointments.add(earlier)
    authorize(
        practice,
        "PT-1004",
        payer,
        [("15823", 1)],
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
        number="DEMO-S-1004",
        status=approved,
    )
