"""Read every public 835 sample and check its counts, totals and balance warnings."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from cptdesk.remits.reader import (
    CLAIM_IMBALANCE,
    LINE_IMBALANCE,
    PAYMENT_IMBALANCE,
    read_835,
)

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA",
        Path(__file__).resolve().parents[3] / "../shared/data",
    )
).resolve()
SAMPLES = SHARED_DATA / "era_835_samples"
ALL_IMBALANCES = {PAYMENT_IMBALANCE, CLAIM_IMBALANCE, LINE_IMBALANCE}

# Counts come from reading each file, and for the large de-identified files they match
# the counts in the sample catalogue. A file with expected imbalances is known to be
# malformed. The de-identified files (both 4010 DeIdent files and the 5010
# ExampleFromNth) mask amounts with 9s. Example1 leaves its PLB out of BPR02. example_1
# carries one claim of a larger payment, and example_6 reports BPR02 totals of 0 and
# 300 against claim payments of 150 each. tertiary-payment has no procedure code in
# SVC01, so its line amounts sit one element to the right.
CASES = [
    (
        "Inteligenz_X12Parser_OopFactory/4010/835_DeIdent_01.dat",
        1,
        96,
        365,
        377,
        "99999.99",
        ALL_IMBALANCES,
    ),
    (
        "Inteligenz_X12Parser_OopFactory/4010/835_DeIdent_02.dat",
        6,
        375,
        1552,
        2405,
        "200199.96",
        ALL_IMBALANCES,
    ),
    (
        "Inteligenz_X12Parser_OopFactory/4010/Example1_GripElements.txt",
        1,
        9,
        9,
        16,
        "5.75",
        {PAYMENT_IMBALANCE},
    ),
    (
        "Inteligenz_X12Parser_OopFactory/5010/Example1.txt",
        1,
        10,
        9,
        16,
        "5.75",
        {PAYMENT_IMBALANCE},
    ),
    (
        "Inteligenz_X12Parser_OopFactory/5010/ExampleFromNth.txt",
        3,
        56,
        91,
        91,
        "11482.11",
        ALL_IMBALANCES,
    ),
    ("LinuxForHealth_x12/cob-contractural-adjustment.835", 1, 1, 1, 2, "34.00", set()),
    ("LinuxForHealth_x12/managed-care.835", 1, 2, 2, 5, "945.00", set()),
    ("LinuxForHealth_x12/medicare-part-a.835", 1, 2, 0, 2, "150000.00", set()),
    ("LinuxForHealth_x12/secondary-payment.835", 1, 2, 2, 4, "1222.00", set()),
    ("LinuxForHealth_x12/tertiary-payment.835", 1, 1, 1, 1, "187.50", {LINE_IMBALANCE}),
    ("azoner_pyx12/835_mult_loops.txt", 1, 1, 3, 3, "0", set()),
    (
        "diasks2_era_835_parser/example_1.835",
        1,
        1,
        0,
        1,
        "15096.46",
        {PAYMENT_IMBALANCE},
    ),
    ("diasks2_era_835_parser/example_2.835", 1, 1, 3, 3, "1922.86", set()),
    ("diasks2_era_835_parser/example_3.835", 1, 1, 3, 3, "1922.86", set()),
    ("diasks2_era_835_parser/example_4.835", 1, 1, 3, 3, "1922.86", set()),
    ("diasks2_era_835_parser/example_5.835", 1, 1, 3, 3, "1922.86", set()),
    ("diasks2_era_835_parser/example_6.835", 2, 2, 6, 8, "300", {PAYMENT_IMBALANCE}),
    ("edge_cases/e01-two-plb.835", 1, 1, 1, 2, "117.50", set()),
    ("edge_cases/e02-cas-6-triplets.835", 1, 1, 1, 2, "40.00", set()),
    ("edge_cases/e03-reversal-correction.835", 1, 2, 2, 3, "20.00", set()),
    ("edge_cases/e05-trailing-empties.835", 1, 1, 1, 1, "80.00", set()),
    ("edge_cases/e08-r-number-forms.835", 1, 1, 1, 1, "99", set()),
    ("edge_cases/e09-bom-crlf.835", 1, 1, 1, 2, "150.00", set()),
    ("edge_cases/e10-component-gt.835", 1, 1, 1, 2, "150.00", set()),
    ("edge_cases/e13-multi-gs-payers.835", 2, 4, 7, 7, "731.72", set()),
    ("edge_cases/e14-pipe-newline-term.835", 1, 4, 10, 12, "1652.35", set()),
    ("edge_cases/synth-50.835", 2, 50, 137, 185, "20910.05", set()),
    ("edge_cases/x12sdk-generated-bundling-denials.835", 1, 3, 3, 4, "1800.00", set()),
    (
        "keironstoddart_edi-835-parser/blue_cross_nc_sample.txt",
        1,
        1,
        3,
        3,
        "1922.86",
        set(),
    ),
    ("keironstoddart_edi-835-parser/emedny_sample.txt", 1, 3, 10, 4, "45.75", set()),
    (
        "keironstoddart_edi-835-parser/united_healthcare_legacy_sample.txt",
        1,
        2,
        5,
        6,
        "349.99",
        set(),
    ),
]


def read_sample(name):
    if not SAMPLES.is_dir():
        pytest.skip(
            f"835 sample folder not found at {SAMPLES}; set CPTDESK_SHARED_DATA"
        )
    return read_835((SAMPLES / name).read_bytes(), source=name)


def cas_segment_count(remittance):
    return sum(
        segment.startswith("CAS")
        for claim in remittance.claims
        for segment in claim.raw_text.splitlines()
    )


@pytest.mark.parametrize(
    ("name", "transactions", "claims", "lines", "cas_segments", "paid", "imbalances"),
    CASES,
    ids=[case[0].rsplit("/", 1)[-1] for case in CASES],
)
def test_sample_counts_totals_and_balance(
    name, transactions, claims, lines, cas_segments, paid, imbalances
):
    remittance = read_sample(name)

    assert len(remittance.transactions) == transactions
    assert len(remittance.claims) == claims
    assert sum(len(claim.lines) for claim in remittance.claims) == lines
    assert cas_segment_count(remittance) == cas_segments
    assert sum(t.payment.amount for t in remittance.transactions) == Decimal(paid)
    found = {w.kind for w in remittance.warnings if w.kind in ALL_IMBALANCES}
    assert found == imbalances


def test_sample_list_covers_every_file():
    if not SAMPLES.is_dir():
        pytest.skip(
            f"835 sample folder not found at {SAMPLES}; set CPTDESK_SHARED_DATA"
        )
    skipped = {"LICENSE", "LICENSE.txt", "License.html", "PROVENANCE.md"}
    files = {
        str(path.relative_to(SAMPLES))
        for path in SAMPLES.rglob("*")
        if path.is_file() and path.name not in skipped
    }

    assert files == {case[0] for case in CASES}


def test_sample_payment_imbalance_names_amounts():
    remittance = read_sample("Inteligenz_X12Parser_OopFactory/5010/Example1.txt")

    message = str(remittance.warnings[-1])
    assert "BPR02 payment 5.75" in message
    assert "-1.27" in message
    assert "7.02" in message


def test_sample_reads_plb_repeats():
    remittance = read_sample("edge_cases/e01-two-plb.835")

    amounts = [a.amount for a in remittance.transactions[0].provider_adjustments]
    assert amounts == [Decimal("25.00"), Decimal("-2.50"), Decimal("10.00")]


def test_sample_reads_six_cas_triplets():
    remittance = read_sample("edge_cases/e02-cas-6-triplets.835")

    reasons = [a.reason_code for a in remittance.claims[0].lines[0].adjustments]
    assert reasons == ["45", "253", "97", "16", "B7", "18", "1"]


def test_sample_links_reversal_and_correction():
    reversal, corrected = read_sample("edge_cases/e03-reversal-correction.835").claims

    assert reversal.status_code == "22"
    assert reversal.corrected_claim is corrected
    assert corrected.payer_claim_number == "ICN4"


def test_sample_reads_r_number_forms():
    remittance = read_sample("edge_cases/e08-r-number-forms.835")

    claim = remittance.claims[0]
    assert claim.patient_responsibility == Decimal("0.5")
    amounts = [a.amount for a in remittance.transactions[0].provider_adjustments]
    assert amounts == [Decimal("1"), Decimal("-0.5")]


def test_sample_reads_four_modifiers_after_gt_separator():
    line = read_sample("edge_cases/e10-component-gt.835").claims[0].lines[0]

    assert line.code == "99213"
    assert line.modifiers == ["25", "59", "GT", "95"]


def test_sample_reads_payers_of_two_groups():
    remittance = read_sample("edge_cases/e13-multi-gs-payers.835")

    payers = [t.payer.name for t in remittance.transactions]
    assert payers == ["ACME HEALTH PLAN", "GREAT LAKES MUTUAL"]


def test_sample_reads_bundling_denials():
    remittance = read_sample("edge_cases/x12sdk-generated-bundling-denials.835")

    reasons = [
        (a.group_code, a.reason_code)
        for claim in remittance.claims
        for line in claim.lines
        for a in line.adjustments
    ]
    assert reasons.count(("CO", "97")) == 2


def test_sample_reads_original_code_from_svc06():
    line = read_sample("diasks2_era_835_parser/example_2.835").claims[0].lines[0]

    assert line.code == "59430"
    assert line.original_code == "59410"


def test_sample_keeps_no_patient_names_in_raw_text():
    remittance = read_sample("edge_cases/synth-50.835")

    assert all(claim.has_patient_name for claim in remittance.claims)
    assert not any("TESTPATIENT" in claim.raw_text for claim in remittance.claims)
