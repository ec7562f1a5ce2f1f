import pytest

from cptdesk.accounts.demo import DEMO_PRACTICE
from cptdesk.accounts.models import Practice
from cptdesk.catalog import demo
from cptdesk.catalog.matching import find_payer, find_plan
from cptdesk.catalog.models import RulePack, Service
from cptdesk.codes.search import search


@pytest.fixture
def demo_practice(db):
    practice = Practice.objects.create(name=DEMO_PRACTICE)
    demo.load(practice)
    return practice


def test_demo_botox_search_finds_service(demo_practice):
    hits = search("botox", demo_practice)

    service = Service.objects.get(pk=hits[0].code)
    assert hits[0].kind == "service"
    assert service.practice == demo_practice
    assert "Botulinum" in service.name


def test_demo_has_about_thirty_services(demo_practice):
    assert Service.objects.filter(practice=demo_practice).count() >= 30


def test_demo_installs_both_packs(demo_practice):
    names = set(
        RulePack.objects.filter(practice=demo_practice).values_list("name", flat=True)
    )

    assert names == {
        demo.DEMO_RULES_PACK,
        "Medicare fee-for-service prior authorization",
    }


@pytest.mark.parametrize(("payer", "plan"), [("uhc", "uhc hmo"), ("BCBS", "HMO Blue")])
def test_demo_payer_aliases_resolve(demo_practice, payer, plan):
    found = find_payer(demo_practice, payer)

    assert find_plan(found, plan) is not None
