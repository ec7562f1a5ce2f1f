import pytest

from cptdesk.guide.models import Script


@pytest.fixture
def maple_script(maple):
    """A script that Maple Street Clinic wrote itself."""
    return Script.objects.create(
        practice=maple,
        key="parking-validation",
        title="Where do I park?",
        say="Park behind the building; we validate tickets for {service} visits.",
        tags="reschedule",
    )
