import datetime

import pytest

from cptdesk.catalog import actions
from cptdesk.catalog.models import Rule, RulePack
from cptdesk.catalog.rules import rules_in_force
from cptdesk.lib.inputerrors import InputFileError

HEADER = "payer,plan,code,service,result,paired_codes,source_confirmed,effective_from,effective_to\n"
GOOD_ROWS = (
    "bcbs,,70551-70553,,prior_auth,,yes,2025-01-01,\n"
    "BCBS,bcbs hmo,99202-99205,,referral,,no,,\n"
    ",,,Knee MRI,documentation,,,,2025-12-31\n"
)


def rule_rows(practice):
    return list(
        Rule.objects.filter(practice=practice)
        .order_by("id")
        .values_list("payer__name", "plan__name", "code_from", "code_to", "result")
    )


def test_import_resolves_payer_plan_and_service(maple, bcbs, knee_mri, write_file):
    actions.import_rule_pack(maple, write_file("pack.csv", HEADER + GOOD_ROWS), "Pack")

    assert rule_rows(maple) == [
        ("Blue Cross Blue Shield", None, "70551", "70553", "prior_auth"),
        ("Blue Cross Blue Shield", "HMO Blue", "99202", "99205", "referral"),
        (None, None, "", "", "documentation"),
    ]
    assert Rule.objects.get(result="documentation").service == knee_mri
    assert Rule.objects.get(result="referral").source_confirmed is False


def test_same_pack_twice_keeps_rules(maple, bcbs, knee_mri, write_file):
    path = write_file("pack.csv", HEADER + GOOD_ROWS)
    actions.import_rule_pack(maple, path, "Pack")
    ids = list(Rule.objects.values_list("pk", flat=True))

    result = actions.import_rule_pack(maple, path, "Pack")

    assert result.changed is False
    assert list(Rule.objects.values_list("pk", flat=True)) == ids


def test_reimport_replaces_pack_rules(maple, bcbs, knee_mri, write_file):
    actions.import_rule_pack(maple, write_file("a.csv", HEADER + GOOD_ROWS), "Pack")

    actions.import_rule_pack(
        maple, write_file("b.csv", HEADER + ",,72148,,prior_auth,,,,\n"), "Pack"
    )

    assert rule_rows(maple) == [(None, None, "72148", "72148", "prior_auth")]
    assert RulePack.objects.count() == 1


def test_yaml_pack_takes_header_fields(maple, bcbs, write_file):
    text = (
        "name: BCBS imaging\n"
        "source_title: BCBS imaging policy\n"
        "rules:\n"
        "  - {payer: BCBS, code: 72148, result: prior_auth, paired_codes: [J0585]}\n"
    )

    actions.import_rule_pack(maple, write_file("pack.yaml", text))

    rule = Rule.objects.get()
    assert rule.pack.name == "BCBS imaging"
    assert rule.source_title == "BCBS imaging policy"
    assert rule.paired_codes == ["J0585"]


def test_rules_in_force_keep_effective_dates(maple, bcbs, knee_mri, write_file):
    actions.import_rule_pack(maple, write_file("pack.csv", HEADER + GOOD_ROWS), "Pack")

    before = rules_in_force(maple, datetime.date(2024, 12, 31))
    after = rules_in_force(maple, datetime.date(2026, 1, 1))

    assert [rule.result for rule in before] == ["referral", "documentation"]
    assert [rule.result for rule in after] == ["prior_auth", "referral"]


def test_rules_in_force_is_one_query(
    maple, bcbs, knee_mri, write_file, django_assert_num_queries
):
    actions.import_rule_pack(maple, write_file("pack.csv", HEADER + GOOD_ROWS), "Pack")

    with django_assert_num_queries(1):
        rules = rules_in_force(maple)

    assert len(rules) == 3


MALFORMED = [
    ("no-result.csv", "payer,code\nBCBS,72148\n", "lacks the column(s) result"),
    (
        "unknown-payer.csv",
        "payer,code,result\nAetna,72148,prior_auth\n",
        "unknown payer",
    ),
    (
        "unknown-plan.csv",
        "payer,plan,code,result\nBCBS,Gold,72148,prior_auth\n",
        "unknown plan",
    ),
    ("bad-code.csv", "code,result\n72148,prior_auth\n7214,prior_auth\n", "line 3"),
    ("bad-range.csv", "code,result\n70553-70551,prior_auth\n", "invalid code range"),
    ("mixed-range.csv", "code,result\n70551-J0585,prior_auth\n", "invalid code range"),
    ("bad-result.csv", "code,result\n72148,maybe\n", "unknown result"),
    (
        "unassigned-pos.csv",
        "code,result,place_of_service\n72148,prior_auth,66\n",
        "CMS lists place of service 66 as unassigned",
    ),
    ("no-target.csv", "code,result\n,prior_auth\n", "missing code"),
    ("service.csv", "code,service,result\n,Hip MRI,prior_auth\n", "unknown service"),
    ("dates.csv", "code,result,effective_from\n72148,referral,2025-02-30\n", "date"),
    (
        "order.csv",
        "code,result,effective_from,effective_to\n72148,referral,2025-02-01,2025-01-01\n",
        "before effective_from",
    ),
]


@pytest.mark.parametrize(("name", "text", "problem"), MALFORMED)
def test_malformed_pack_changes_nothing(
    maple, bcbs, knee_mri, write_file, name, text, problem
):
    actions.import_rule_pack(maple, write_file("pack.csv", HEADER + GOOD_ROWS), "Pack")
    before = rule_rows(maple)

    with pytest.raises(InputFileError) as raised:
        actions.import_rule_pack(maple, write_file(name, text), "Pack")

    assert problem in str(raised.value)
    assert rule_rows(maple) == before
