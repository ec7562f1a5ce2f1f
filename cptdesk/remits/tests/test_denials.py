from decimal import Decimal

import pytest

from cptdesk.codes.adjustments import carc_meanings
from cptdesk.remits.denials import (
    CATEGORY_ROOT_CAUSES,
    STARTER_ROOT_CAUSES,
    UNMAPPED,
    classify,
    classify_category,
    is_denial,
)

MEANINGS = carc_meanings()


@pytest.mark.parametrize(
    ("group", "reason", "amount", "expected"),
    [
        ("CO", "45", "30.00", False),  # contractual write-off
        ("PR", "2", "20.00", False),  # coinsurance
        ("CO", "59", "12.00", False),  # multiple-procedure pricing
        ("OA", "23", "40.00", False),  # earlier payer's payment
        ("CO", "197", "150.00", True),  # no authorization
        ("CO", "27", "90.00", True),  # coverage ended
        ("PR", "96", "80.00", True),  # non-covered, billed to the patient
        ("OA", "18", "60.00", True),  # duplicate claim
        ("CO", "197", "-150.00", False),  # a reversal gives the money back
        ("CO", "197", "0", False),
        ("CR", "197", "150.00", False),  # legacy correction group
        ("CO", "ZZ9", "10.00", True),  # not described yet: someone looks
    ],
)
def test_denial_rule(group, reason, amount, expected):
    assert is_denial(group, reason, Decimal(amount), MEANINGS) is expected


@pytest.mark.parametrize(
    ("reason", "category", "owner", "preventable"),
    [
        ("197", "authorization", "auth_coordinator", True),
        ("27", "eligibility", "front_desk", True),
        ("97", "bundling", "coder", False),
        ("50", "medical_necessity", "provider", False),
        ("29", "timely_filing", "biller", False),
    ],
)
def test_classify_maps_carc_through_category(reason, category, owner, preventable):
    denial = classify(reason, MEANINGS)

    assert denial.category == category
    assert denial.owner_role == owner
    assert denial.front_office_preventable is preventable


def test_classify_unknown_code_goes_to_biller_unreviewed():
    denial = classify("ZZ9", MEANINGS)

    assert denial.category == UNMAPPED
    assert denial.owner_role == "biller"
    assert denial.front_office_preventable is None
    assert denial.root_cause == "not-reviewed"


def test_classify_authorization_points_to_prior_auth_trigger():
    denial = classify("197", MEANINGS)

    assert denial.root_cause == "authorization-missing"
    assert denial.missed_trigger == "prior_authorization"


def test_every_mapped_root_cause_is_in_starter_list():
    slugs = {slug for slug, _, _ in STARTER_ROOT_CAUSES}

    assert set(CATEGORY_ROOT_CAUSES.values()) <= slugs


def test_rework_category_routes_to_front_office():
    rework = classify_category("handoff")

    assert rework.owner_role == "front_desk"
    assert rework.root_cause == "handoff-unclear"
    assert rework.missed_trigger == "status_note"
