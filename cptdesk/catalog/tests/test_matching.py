import pytest

from cptdesk.catalog.matching import find_payer, find_plan
from cptdesk.catalog.models import Payer


@pytest.mark.parametrize(
    "text", ["Blue Cross Blue Shield", "bcbs", "BCBS", "  blue   cross ", "BLUE CROSS"]
)
def test_find_payer_by_name_or_alias(maple, bcbs, text):
    assert find_payer(maple, text) == bcbs


@pytest.mark.parametrize("text", ["", "Aetna", "BCBS HMO", None])
def test_find_payer_unknown_is_none(maple, bcbs, text):
    assert find_payer(maple, text) is None


def test_find_payer_stays_in_practice(birch, bcbs):
    assert find_payer(birch, "BCBS") is None


def test_find_payer_prefers_exact_name(maple, bcbs):
    other = Payer.objects.create(practice=maple, name="BCBS", kind="commercial")

    assert find_payer(maple, "bcbs") == other


@pytest.mark.parametrize("text", ["HMO Blue", "hmo blue", "bcbs hmo"])
def test_find_plan_by_name_or_alias(bcbs, text):
    assert find_plan(bcbs, text).name == "HMO Blue"


def test_find_plan_without_payer_is_none(bcbs):
    assert find_plan(None, "HMO Blue") is None
