import datetime

import pytest

from cptdesk.intake import flagrules as fr

DAY = datetime.date(2026, 3, 2)
PRIOR_AUTH = {"15823": ["Payer rule 1: 15823 is scheduled"]}


def auth(codes, valid_from=DAY, valid_to=DAY, status="approved", **fields):
    return fr.AuthorizationFacts(
        id=fields.pop("id", 7),
        number="A-7",
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
        codes=codes,
        **fields,
    )


def visit(lines, authorizations=(), prior_auth=None, patient="PT-1", day=DAY):
    return fr.Visit(
        id=1,
        patient_ref=patient,
        date_of_service=day,
        lines=tuple(fr.Line(code, units) for code, units in lines),
        authorizations=tuple(authorizations),
        prior_auth=prior_auth or {},
    )


def known(*codes):
    return fr.Reference(codes={code: fr.CodeFacts(code) for code in codes})


def kinds(findings):
    return sorted(finding.kind for finding in findings)


@pytest.mark.parametrize(
    ("authorizations", "expected"),
    [
        ([], [fr.AUTH_MISSING]),
        ([auth({"15823": 1}, status="pending")], [fr.AUTH_MISSING]),
        ([auth({"99213": 1})], [fr.AUTH_MISSING]),
        ([auth({"15823": 1}, DAY.replace(day=3), None)], [fr.AUTH_MISSING]),
        ([auth({"15823": 1}, None, DAY.replace(day=1))], [fr.AUTH_EXPIRING]),
        ([auth({"15823": 1}, units_used={"15823": 1})], [fr.AUTH_NO_UNITS]),
        ([auth({"15823": 2}, units_used={"15823": 1})], []),
        ([auth({"15823": 1}, None, None)], []),
    ],
)
def test_prior_authorization_table(authorizations, expected):
    checked = visit([("15823", 1)], authorizations, PRIOR_AUTH)

    findings = fr.check_authorizations(checked)

    assert kinds(findings) == expected


def test_prior_auth_flag_is_blocking_and_routed():
    finding = fr.check_authorizations(visit([("15823", 1)], [], PRIOR_AUTH))[0]

    assert finding.blocking is True
    assert finding.routed_role == fr.AUTH_TEAM
    assert finding.evidence["rules"] == PRIOR_AUTH["15823"]


def test_linked_expired_authorization_flags_without_rule():
    linked = auth({"97110": 4}, None, DAY.replace(day=1), linked=True)

    findings = fr.check_authorizations(visit([("97110", 1)], [linked]))

    assert kinds(findings) == [fr.AUTH_EXPIRING]


def test_no_rule_and_no_authorization_is_quiet():
    assert fr.check_authorizations(visit([("99213", 1)])) == []


@pytest.mark.parametrize(
    ("scheduled", "expected"),
    [
        ([("15823", 1)], []),
        ([("15823", 1), ("99213", 1)], [fr.AUTH_CODE_MISMATCH]),
    ],
)
def test_scheduled_versus_authorized_codes(scheduled, expected):
    covering = auth({"15823": 1})

    findings = fr.check_authorizations(visit(scheduled, [covering], PRIOR_AUTH))

    assert kinds(findings) == expected


def test_mismatch_names_codes_not_authorized():
    covering = auth({"15823": 1}, linked=True)

    finding = fr.check_code_mismatch(visit([("15823", 1), ("99213", 1)]), [covering])

    assert finding[0].evidence["not_authorized"] == ["99213"]
    assert finding[0].routed_role == fr.AUTH_TEAM


@pytest.mark.parametrize(
    ("facts", "flagged"),
    [
        (fr.CodeFacts("A9155", termination_date=datetime.date(2025, 3, 31)), True),
        (fr.CodeFacts("A9155", termination_date=datetime.date(2026, 12, 31)), False),
        (fr.CodeFacts("A4295", added_date=datetime.date(2026, 4, 1)), True),
        (fr.CodeFacts("A4295", pfs_status="D"), True),
        (fr.CodeFacts("A4295", pfs_status="A"), False),
        (None, True),
    ],
)
def test_code_validity_table(facts, flagged):
    code = facts.code if facts else "A4295"
    reference = fr.Reference(codes={code: facts} if facts else {})

    findings = fr.check_code_validity(visit([(code, 1)]), reference)

    assert bool(findings) is flagged


def pair(indicator="1", effective=datetime.date(2020, 1, 1), deleted=None):
    return fr.PtpPair("0001U", "0030U", effective, deleted, indicator)


@pytest.mark.parametrize(
    ("edit", "expected_severity"),
    [
        (pair("0"), fr.HIGH),
        (pair("1"), fr.MEDIUM),
        (pair("9"), fr.LOW),
        (pair(deleted=DAY), None),
        (pair(effective=DAY.replace(day=3)), None),
    ],
)
def test_ncci_pair_table(edit, expected_severity):
    reference = fr.Reference(ptp={("0001U", "0030U"): [edit]})

    findings = fr.check_ncci_pairs(visit([("0030U", 1), ("0001U", 1)]), reference)

    severities = [finding.severity for finding in findings]
    assert severities == ([expected_severity] if expected_severity else [])


def test_ncci_flag_shows_indicator_and_suggests_no_modifier():
    reference = fr.Reference(ptp={("0001U", "0030U"): [pair("1")]})

    finding = fr.check_ncci_pairs(visit([("0001U", 1), ("0030U", 1)]), reference)[0]

    assert finding.evidence["modifier_indicator"] == "1"
    assert finding.routed_role == fr.CODER
    assert "59" not in finding.message
    assert "XS" not in finding.message


@pytest.mark.parametrize(
    ("lines", "flagged"),
    [
        ([("0001U", 1)], False),
        ([("0001U", 2)], True),
        ([("0001U", 1), ("0001U", 1)], True),
        ([("99213", 9)], False),
    ],
)
def test_mue_table(lines, flagged):
    reference = fr.Reference(mue={"0001U": fr.MueFacts(1, "2")})

    findings = fr.check_mue(visit(lines), reference)

    assert bool(findings) is flagged


@pytest.mark.parametrize(
    ("global_days", "days_after", "flagged"),
    [
        ("090", 30, True),
        ("090", 90, True),
        ("090", 91, False),
        ("010", 10, True),
        ("010", 11, False),
        ("000", 1, False),
        ("090", 0, False),
    ],
)
def test_global_period_table(global_days, days_after, flagged):
    surgery_day = DAY - datetime.timedelta(days=days_after)
    surgery = fr.Surgery(99, surgery_day, "29881", global_days)
    reference = fr.Reference(surgeries={"PT-1": [surgery]})

    findings = fr.check_global_period(visit([("99213", 1)]), reference)

    assert bool(findings) is flagged


def test_global_period_ignores_other_patients():
    surgery = fr.Surgery(99, DAY - datetime.timedelta(days=5), "29881", "090")
    reference = fr.Reference(surgeries={"PT-2": [surgery]})

    assert fr.check_global_period(visit([("99213", 1)]), reference) == []


def test_global_period_routes_to_billing():
    surgery = fr.Surgery(99, DAY - datetime.timedelta(days=5), "29881", "090")
    reference = fr.Reference(surgeries={"PT-1": [surgery]})

    finding = fr.check_global_period(visit([("99213", 1)]), reference)[0]

    assert finding.routed_role == fr.BILLER


def test_check_visit_is_deterministic():
    reference = known("15823", "99213")
    checked = visit([("15823", 1), ("99213", 1)], [], PRIOR_AUTH)

    assert fr.check_visit(checked, reference) == fr.check_visit(checked, reference)


def test_flag_kinds_match_model_choices():
    from cptdesk.intake.choices import FlagKind

    module_kinds = {
        value
        for name, value in vars(fr).items()
        if name.isupper() and isinstance(value, str) and value in FlagKind.values
    }

    assert module_kinds == set(FlagKind.values)
