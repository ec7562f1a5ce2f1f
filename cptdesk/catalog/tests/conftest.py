import pytest

from cptdesk.catalog.choices import OwnerClass, PayerKind
from cptdesk.catalog.models import Payer, Plan, Service, ServiceCode, ServiceDocument


@pytest.fixture
def bcbs(maple):
    payer = Payer.objects.create(
        practice=maple,
        name="Blue Cross Blue Shield",
        kind=PayerKind.COMMERCIAL,
        aliases="BCBS\nBlue Cross",
    )
    Plan.objects.create(payer=payer, name="HMO Blue", aliases="BCBS HMO")
    return payer


@pytest.fixture
def knee_mri(maple):
    service = Service.objects.create(
        practice=maple,
        name="Knee MRI without contrast",
        aliases="Knee MRI\nMRI knee",
        slot_minutes=45,
        place_of_service="11",
        prep_instructions="Leave jewelry at home.",
        notices=["good_faith_estimate"],
    )
    ServiceCode.objects.create(service=service, code="73721", units=1)
    ServiceDocument.objects.create(
        service=service, name="Signed imaging order", owner_class=OwnerClass.CLINICAL
    )
    return service


@pytest.fixture
def write_file(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
