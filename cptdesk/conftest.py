"""Fixtures shared by the whole suite: the reference data and the people who use it.

The personas: Alice runs the front office of Maple Street Clinic as its practice
administrator, Bob works its front desk, and Charlie works the front desk of Birch Family
Practice, another practice on the same install, so he must never see Maple's records.
"""

import os
from pathlib import Path

import pytest

from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.accounts.models import Practice

pytest_plugins = ["cptdesk.browser"]

PASSWORD = "correct-horse-battery-staple"


def shared_data_dir():
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("CPTDESK_SHARED_DATA", default))


@pytest.fixture(scope="session")
def shared_data():
    """Return the folder of public sample files, or skip when it is not laid out."""
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip(f"sample data folder {folder} is missing")
    return folder


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bundled public reference data once into the test database."""
    from cptdesk.codes.bundled import load_bundled

    with django_db_blocker.unblock():
        load_bundled(open(os.devnull, "w"))
    yield


@pytest.fixture(autouse=True)
def inline_import_jobs(settings):
    """Run web imports inside the request: a thread would not see the test database."""
    settings.IMPORT_JOBS_INLINE = True


@pytest.fixture
def maple(db):
    return Practice.objects.create(name="Maple Street Clinic")


@pytest.fixture
def birch(db):
    return Practice.objects.create(name="Birch Family Practice")


@pytest.fixture
def alice(maple):
    user, _ = create_user(
        maple, "alice", [Role.PRACTICE_ADMIN, Role.SUPERVISOR], password=PASSWORD
    )
    return user


@pytest.fixture
def bob(maple):
    user, _ = create_user(maple, "bob", [Role.FRONT_DESK], password=PASSWORD)
    return user


@pytest.fixture
def charlie(birch):
    user, _ = create_user(birch, "charlie", [Role.FRONT_DESK], password=PASSWORD)
    return user


def pytest_collection_modifyitems(items):
    """Run browser tests last: their live server empties the tables when it finishes."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
