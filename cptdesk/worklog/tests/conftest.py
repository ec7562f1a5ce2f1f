"""Fixtures of the work log tests: a controlled clock and a few items at Maple."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest

from cptdesk.lib import clock
from cptdesk.worklog import actions
from cptdesk.worklog.choices import ItemKind

# Monday 2 March 2026, 09:00 in the practice's time zone.
START = datetime.datetime(
    2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the personas' passwords cheaply; the tests do not measure hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fixed_clock():
    controlled = clock.FixedClock(START)
    clock.use(controlled)
    yield controlled
    clock.use(None)


@pytest.fixture
def item(maple, alice, fixed_clock):
    return actions.create_work_item(
        maple,
        kind=ItemKind.REFERRAL,
        title="Referral for knee MRI",
        patient_ref="PT-1001",
        user=alice,
        owner_role="front_desk",
        service="Knee MRI",
        payer="Aetna",
    )


@pytest.fixture
def scenario_item(maple, alice, fixed_clock):
    return actions.create_work_item(
        maple, scenario="payer_records_request", patient_ref="PT-1002", user=alice
    )


def make_flag(practice, appointment=None, **overrides):
    """Return a stand-in with the attributes of the intake app's red flag."""
    values = {
        "practice": practice,
        "appointment": appointment,
        "kind": "ncci_pair",
        "severity": "high",
        "routed_role": "front_desk",
        "message": "Two scheduled codes form an NCCI pair",
        "evidence": {"column1": "20610", "column2": "20611", "modifier": "1"},
    }
    return SimpleNamespace(**(values | overrides))
