import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.conftest import PASSWORD
from cptdesk.lib import clock

SAMPLES = (
    Path(
        os.environ.get(
            "CPTDESK_SHARED_DATA",
            Path(__file__).resolve().parents[3] / "../shared/data",
        )
    ).resolve()
    / "era_835_samples"
)
TODAY = datetime.date(2026, 3, 16)
NOON_TODAY = datetime.datetime.combine(TODAY, datetime.time(12))


@pytest.fixture
def erin(maple):
    """A biller at Maple Street Clinic, who imports 835 files."""
    user, _ = create_user(maple, "erin", [Role.BILLER], password=PASSWORD)
    return user


@pytest.fixture
def today():
    """Fix the clock at noon on a Monday so windows and deadlines are predictable."""
    clock.use(clock.FixedClock(timezone.make_aware(NOON_TODAY)))
    yield TODAY
    clock.use(None)


@pytest.fixture
def samples():
    if not SAMPLES.is_dir():
        pytest.skip(
            f"835 sample folder not found at {SAMPLES}; set CPTDESK_SHARED_DATA"
        )
    return SAMPLES
