import datetime
import os
from pathlib import Path

import pytest

from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.conftest import PASSWORD
from cptdesk.remits import clock

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


@pytest.fixture
def erin(maple):
    """A biller at Maple Street Clinic, who imports 835 files."""
    user, _ = create_user(maple, "erin", [Role.BILLER], password=PASSWORD)
    return user


@pytest.fixture
def today(monkeypatch):
    """Fix the app's clock on a Monday so windows and deadlines are predictable."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def samples():
    if not SAMPLES.is_dir():
        pytest.skip(
            f"835 sample folder not found at {SAMPLES}; set CPTDESK_SHARED_DATA"
        )
    return SAMPLES
