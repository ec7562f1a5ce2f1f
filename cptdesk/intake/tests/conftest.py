"""Fixtures of the intake tests: a payer catalog, a prior-authorization rule and visits."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.catalog.models import Payer, Plan, Rule, Service, ServiceDocument
from cptdesk.conftest import PASSWORD
from cptdesk.intake.models import (
    Appointment,
    AppointmentLine,
    Authorization,
    AuthorizationCode,
)

DEMO_SCHEDULE = Path(__file__).resolve().parents[1] / "data" / "demo_schedule.csv"


@pytest.fixture
def dana(maple):
    """Dana coordinates prior authorizations at Maple Street Clinic."""
    user, _ = create_user(maple, "dana", [Role.AUTH_COORDINATOR], password=PASSWORD)
    return user


@pytest.fixture
def catalog(maple):
    """Maple's payers, a plan, a service and a prior-authorization rule for 15820-15823."""
    medicare = Payer.objects.create(
        practice=maple, name="Medicare", kind="medicare_ffs", aliases="Medicare Part B"
    )
    acme = Payer.objects.create(
        practice=maple, name="Acme Health", kind="commercial", aliases="ACME"
    )
    plan = Plan.objects.create(payer=acme, name="Acme PPO", aliases="PPO")
    service = Service.objects.create(
        practice=maple,
        name="Eyelid surgery",
        slot_minutes=60,
        location="Surgery suite",
        place_of_service="22",
        equipment="Operating microscope",
        prep_instructions="No food after midnight.",
        notices=["abn"],
        referral_required=True,
    )
    ServiceDocument.objects.create(
        service=service, name="Visual field test", owner_class="clinical"
    )
    rule = Rule.objects.create(
        practice=maple,
        payer=medicare,
        code_from="15820",
        code_to="15823",
        result="prior_auth",
        source_title="Synthetic test rule",
        effective_from=datetime.date(2020, 7, 1),
    )
    return {
        "medicare": medicare,
        "acme": acme,
        "plan": plan,
        "service": service,
        "rule": rule,
    }


def make_appointment(practice, patient, day, codes, hour=9, **fields):
    starts_at = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, 0))
    )
    appointment = Appointment.objects.create(
        practice=practice, patient_ref=patient, starts_at=starts_at, **fields
    )
    for code, units in codes:
        AppointmentLine.objects.create(appointment=appointment, code=code, units=units)
    return appointment


def make_authorization(practice, patient, codes, valid_from, valid_to, **fields):
    authorization = Authorization.objects.create(
        practice=practice,
        patient_ref=patient,
        valid_from=valid_from,
        valid_to=valid_to,
        **fields,
    )
    for code, units in codes:
        AuthorizationCode.objects.create(
            authorization=authorization, code=code, units_approved=units
        )
    return authorization


@pytest.fixture
def demo_authorizations(maple, catalog):
    """The authorizations that make the demo schedule raise every authorization flag."""
    from cptdesk.intake.demo import add_schedule_authorizations

    add_schedule_authorizations(maple, catalog["medicare"])
