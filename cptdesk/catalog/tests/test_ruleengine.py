import datetime

import pytest

from cptdesk.catalog.ruleengine import (
    RuleSpec,
    VisitFacts,
    code_in_range,
    code_shape,
    evaluate,
)

MEDICARE, COMMERCIAL = 1, 2
HMO_PLAN = 20
DAY = datetime.date(2026, 3, 2)

BOTULINUM = RuleSpec(
    id=1,
    result="prior_auth",
    payer_id=MEDICARE,
    code_from="64612",
    code_to="64612",
    paired_codes=("J0585", "J0586", "J0587", "J0588"),
    effective_from=datetime.date(2020, 7, 1),
)
FACET = RuleSpec(
    id=2,
    result="prior_auth",
    payer_id=MEDICARE,
    code_from="64492",
    effective_from=datetime.date(2023, 7, 1),
    effective_to=datetime.date(2024, 7, 31),
)


def visit(*lines, day=DAY, payer=MEDICARE, plan=None, **facts):
    return VisitFacts(
        date_of_service=day,
        payer_id=payer,
        plan_id=plan,
        lines=tuple((code, 1) if isinstance(code, str) else code for code in lines),
        **facts,
    )


def hit_codes(rules, facts):
    return [(hit.code, hit.rule.id) for hit in evaluate(rules, facts)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("64612",), []),
        (("64612", "J0585"), [("64612", 1)]),
        (("64612", "J0586"), [("64612", 1)]),
        (("64612", "J0588"), [("64612", 1)]),
        (("64612", "J0589"), []),
        (("J0585",), []),
        (("64615", "J0585"), []),
    ],
)
def test_botulinum_needs_paired_drug(lines, expected):
    assert hit_codes([BOTULINUM], visit(*lines)) == expected


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        (datetime.date(2023, 6, 30), False),
        (datetime.date(2023, 7, 1), True),
        (datetime.date(2024, 7, 31), True),
        (datetime.date(2024, 8, 1), False),
    ],
)
def test_facet_rule_dates_are_inclusive(day, fires):
    hits = evaluate([FACET], visit("64492", day=day))

    assert bool(hits) is fires


@pytest.mark.parametrize(
    ("code", "first", "last", "inside"),
    [
        ("70552", "70551", "70553", True),
        ("70551", "70551", "70553", True),
        ("70553", "70551", "70553", True),
        ("70554", "70551", "70553", False),
        ("J0586", "J0585", "J0588", True),
        ("K0586", "J0585", "J0588", False),
        ("j0586", "J0585", "J0588", True),
        ("0005T", "0001F", "0015F", False),
        ("0005F", "0001F", "0015F", True),
        ("7055", "70551", "70553", False),
        ("64492", "64492", "", True),
    ],
)
def test_code_range_compares_same_shape(code, first, last, inside):
    assert code_in_range(code, first, last) is inside


def test_code_shape_keeps_letters():
    assert code_shape("j0585") == "J9999"


def test_payer_rule_overrides_every_payer_rule():
    every = RuleSpec(id=5, result="prior_auth", code_from="72148")
    payer = RuleSpec(id=6, result="prior_auth", payer_id=COMMERCIAL, code_from="72148")

    hits = evaluate([every, payer], visit("72148", payer=COMMERCIAL))

    assert [hit.rule.id for hit in hits] == [6]
    assert "overrides rule 5" in hits[0].reasons[-1]


def test_plan_rule_overrides_payer_rule():
    payer = RuleSpec(id=7, result="referral", payer_id=COMMERCIAL, code_from="99204")
    plan = RuleSpec(
        id=8,
        result="referral",
        payer_id=COMMERCIAL,
        plan_id=HMO_PLAN,
        code_from="99204",
    )

    hits = evaluate([payer, plan], visit("99204", payer=COMMERCIAL, plan=HMO_PLAN))

    assert [hit.rule.id for hit in hits] == [8]


def test_override_keeps_other_result_kinds():
    every = RuleSpec(id=5, result="documentation", code_from="72148")
    payer = RuleSpec(id=6, result="prior_auth", payer_id=COMMERCIAL, code_from="72148")

    hits = evaluate([every, payer], visit("72148", payer=COMMERCIAL))

    assert [hit.rule.id for hit in hits] == [5, 6]


def test_every_payer_rule_stands_for_other_payers():
    every = RuleSpec(id=5, result="prior_auth", code_from="72148")
    payer = RuleSpec(id=6, result="prior_auth", payer_id=COMMERCIAL, code_from="72148")

    hits = evaluate([every, payer], visit("72148", payer=MEDICARE))

    assert [hit.rule.id for hit in hits] == [5]


@pytest.mark.parametrize(
    ("rule", "facts", "fires"),
    [
        (
            RuleSpec(id=1, result="referral", plan_id=HMO_PLAN, code_from="99204"),
            visit("99204", plan=HMO_PLAN),
            True,
        ),
        (
            RuleSpec(id=1, result="referral", plan_id=HMO_PLAN, code_from="99204"),
            visit("99204", plan=None),
            False,
        ),
        (
            RuleSpec(id=1, result="prior_auth", code_from="97110", min_units=5),
            visit(("97110", 4)),
            False,
        ),
        (
            RuleSpec(id=1, result="prior_auth", code_from="97110", min_units=5),
            visit(("97110", 5)),
            True,
        ),
        (
            RuleSpec(id=1, result="notice", code_from="77080", min_age=65),
            visit("77080", patient_age=64),
            False,
        ),
        (
            RuleSpec(id=1, result="notice", code_from="77080", min_age=65),
            visit("77080", patient_age=65),
            True,
        ),
        (
            RuleSpec(id=1, result="notice", code_from="77080", max_age=17),
            visit("77080", patient_age=18),
            False,
        ),
        (
            RuleSpec(id=1, result="notice", code_from="77080", min_age=65),
            visit("77080"),
            True,
        ),
        (
            RuleSpec(
                id=1, result="prior_auth", code_from="72148", place_of_service="22"
            ),
            visit("72148", place_of_service="11"),
            False,
        ),
        (
            RuleSpec(
                id=1, result="prior_auth", code_from="72148", place_of_service="22"
            ),
            visit("72148", place_of_service="22"),
            True,
        ),
        (
            RuleSpec(id=1, result="documentation", service_id=9),
            visit("99213", service_ids=(9,)),
            True,
        ),
        (
            RuleSpec(id=1, result="documentation", service_id=9),
            visit("99213", service_ids=(10,)),
            False,
        ),
        (
            RuleSpec(id=1, result="prior_auth", payer_id=COMMERCIAL, code_from="72148"),
            visit("72148", payer=MEDICARE),
            False,
        ),
    ],
)
def test_conditions_decide_whether_rule_fires(rule, facts, fires):
    assert bool(evaluate([rule], facts)) is fires


def test_hit_explains_its_conditions():
    hits = evaluate([BOTULINUM], visit("64612", "J0586"))

    reasons = hits[0].reasons
    assert reasons[0] == "in force on 2026-03-02 (from 2020-07-01, until no end date)"
    assert "the rule is for the visit's payer" in reasons
    assert "64612 is scheduled" in reasons
    assert "paired code J0586 is on the same visit" in reasons


def test_unknown_age_is_stated():
    rule = RuleSpec(id=1, result="notice", code_from="77080", min_age=65)

    hits = evaluate([rule], visit("77080"))

    assert any("age is unknown" in reason for reason in hits[0].reasons)


def test_range_rule_fires_once_per_code():
    rule = RuleSpec(id=3, result="prior_auth", code_from="70551", code_to="70553")

    hits = evaluate([rule], visit("70553", "70551", "99213"))

    assert [hit.code for hit in hits] == ["70551", "70553"]


def test_order_does_not_depend_on_input_order():
    rules = [
        RuleSpec(id=4, result="prior_auth", code_from="72148"),
        RuleSpec(id=3, result="documentation", code_from="72148"),
    ]

    forward = hit_codes(rules, visit("72148"))
    backward = hit_codes(list(reversed(rules)), visit("72148"))

    assert forward == backward
