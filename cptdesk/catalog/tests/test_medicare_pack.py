import datetime

import pytest

from cptdesk.catalog import actions
from cptdesk.catalog.choices import PayerKind
from cptdesk.catalog.models import Payer, Rule
from cptdesk.catalog.ruleengine import VisitFacts, evaluate
from cptdesk.catalog.rules import rules_in_force

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def medicare(maple):
    actions.install_medicare_pack(maple)
    return Payer.objects.get(practice=maple, kind=PayerKind.MEDICARE_FFS)


def prior_auth_codes(practice, payer, lines, day=TODAY):
    visit = VisitFacts(
        date_of_service=day,
        payer_id=payer.pk,
        lines=tuple((code, 1) for code in lines),
    )
    hits = evaluate(rules_in_force(practice, day), visit)
    return [hit.code for hit in hits if hit.rule.result == "prior_auth"]


def test_install_creates_medicare_payer(maple, medicare):
    assert medicare.name == "Medicare fee-for-service"


def test_install_reuses_existing_medicare_payer(maple):
    payer = Payer.objects.create(
        practice=maple, name="Medicare Part B", kind=PayerKind.MEDICARE_FFS
    )

    actions.install_medicare_pack(maple)

    assert set(Rule.objects.values_list("payer", flat=True)) == {payer.pk}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["64612"], []),
        (["64612", "J0586"], ["64612"]),
        (["64615", "J0585"], ["64615"]),
        (["J0585"], []),
    ],
)
def test_botulinum_needs_paired_drug(maple, medicare, lines, expected):
    assert prior_auth_codes(maple, medicare, lines) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 7, 31), ["64492"]),
        (datetime.date(2024, 8, 1), []),
    ],
)
def test_facet_64492_removed_in_august_2024(maple, medicare, day, expected):
    assert prior_auth_codes(maple, medicare, ["64492"], day) == expected


def test_facet_64493_still_needs_authorization(maple, medicare):
    assert prior_auth_codes(maple, medicare, ["64493"]) == ["64493"]


def test_other_payer_gets_no_medicare_rule(maple, medicare, bcbs):
    assert prior_auth_codes(maple, bcbs, ["64493"]) == []


def test_dmepos_required_is_prior_auth(maple, medicare):
    assert prior_auth_codes(maple, medicare, ["K0823"]) == ["K0823"]


def test_dmepos_voluntary_is_documentation(maple, medicare):
    rule = Rule.objects.get(practice=maple, code_from="E0950")

    assert rule.result == "documentation"
    assert "Voluntary" in rule.note


@pytest.mark.parametrize(
    ("day", "expected"),
    [(datetime.date(2024, 8, 11), ["L1833"]), (datetime.date(2024, 8, 12), [])],
)
def test_dmepos_removed_ends_before_its_date(maple, medicare, day, expected):
    assert prior_auth_codes(maple, medicare, ["L1833"], day) == expected


def test_unconfirmed_rows_are_marked(maple, medicare):
    assert Rule.objects.get(code_from="67904").source_confirmed is False
    assert Rule.objects.get(code_from="64612").source_confirmed is True


def test_paired_drug_codes_get_no_rule(maple, medicare):
    assert not Rule.objects.filter(code_from="J0585").exists()


def test_reinstall_changes_nothing(maple, medicare):
    ids = list(Rule.objects.values_list("pk", flat=True))

    result = actions.install_medicare_pack(maple)

    assert result.changed is False
    assert list(Rule.objects.values_list("pk", flat=True)) == ids
