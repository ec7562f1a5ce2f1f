import datetime
from decimal import Decimal

import pytest

from cptdesk.lib.inputerrors import InputFileError
from cptdesk.remits.reader import (
    CLAIM_IMBALANCE,
    COMPONENT_MISMATCH,
    ENVELOPE,
    LINE_IMBALANCE,
    MISSING_VALUE,
    PAYMENT_IMBALANCE,
    UNKNOWN_CARC,
    UNKNOWN_RARC,
    RemittanceError,
    read_835,
)
from cptdesk.remits.tests.x12_text import (
    BALANCED_CLAIM,
    interchange,
    make_835,
    render,
    transaction,
)


def kinds(remittance):
    return [warning.kind for warning in remittance.warnings]


def test_reader_reads_payment_header():
    transaction = read_835(make_835()).transactions[0]

    payment = transaction.payment
    assert payment.handling_code == "I"
    assert payment.amount == Decimal("150.00")
    assert payment.credit_debit == "C"
    assert payment.method == "ACH"
    assert payment.date == datetime.date(2024, 1, 16)
    assert transaction.trace_number == "EFT0001"
    assert transaction.payer_id == "1512345678"
    assert transaction.control_number == "0001"


def test_reader_reads_payer_and_payee():
    transaction = read_835(make_835()).transactions[0]

    assert transaction.payer.name == "SYNTHETIC HEALTH PLAN"
    assert transaction.payer.identifier == "PAYER01"
    assert transaction.payee.name == "SYNTHETIC FAMILY PRACTICE"
    assert transaction.payee.id_qualifier == "XX"
    assert transaction.payee.identifier == "1999999984"


def test_reader_reads_claim_fields():
    claim = read_835(make_835()).claims[0]

    assert claim.patient_control_number == "PCN001"
    assert claim.status_code == "1"
    assert claim.charge == Decimal("200.00")
    assert claim.payment == Decimal("150.00")
    assert claim.patient_responsibility == Decimal("20.00")
    assert claim.filing_indicator == "12"
    assert claim.payer_claim_number == "ICN001"
    assert claim.frequency_code == "1"
    assert claim.statement_start == datetime.date(2024, 1, 2)
    assert claim.statement_end == datetime.date(2024, 1, 3)


def test_reader_flags_patient_name_without_keeping_it():
    claim = read_835(make_835()).claims[0]

    assert claim.has_patient_name is True
    assert "PATIENT" not in claim.raw_text
    assert "MBR001" not in claim.raw_text
    assert "NM1*QC~" in claim.raw_text


def test_reader_reads_service_line():
    line = read_835(make_835()).claims[0].lines[0]

    assert line.qualifier == "HC"
    assert line.code == "99213"
    assert line.modifiers == ["25"]
    assert line.charge == Decimal("200.00")
    assert line.payment == Decimal("150.00")
    assert line.units == Decimal("1")
    assert line.control_number == "LINE1"
    assert line.service_date == datetime.date(2024, 1, 2)
    assert line.original_code is None


def test_reader_splits_four_modifiers_on_component_separator():
    claim = [
        "CLP*PCN1*1*100*100**12*ICN1",
        "SVC*HC:97110:GP:59:KX:XS*100*100**1",
    ]

    line = read_835(make_835(claim, "100", component=">")).claims[0].lines[0]

    assert line.code == "97110"
    assert line.modifiers == ["GP", "59", "KX", "XS"]


def test_reader_keeps_original_code_when_payer_changed_it():
    claim = [
        "CLP*PCN1*1*100*80**12*ICN1",
        "SVC*HC:99214*100*80**1*HC:99215:25*2",
        "CAS*CO*45*20",
    ]

    line = read_835(make_835(claim, "80")).claims[0].lines[0]

    assert line.code == "99214"
    assert line.original_qualifier == "HC"
    assert line.original_code == "99215"
    assert line.original_modifiers == ["25"]
    assert line.original_units == Decimal("2")


@pytest.mark.parametrize(
    ("units", "expected"),
    [("", Decimal("1")), ("3", Decimal("3")), ("1.5", Decimal("1.5"))],
)
def test_reader_reads_units_with_default_one(units, expected):
    claim = ["CLP*PCN1*1*100*100**12*ICN1", f"SVC*NU:0450*100*100**{units}"]

    line = read_835(make_835(claim, "100")).claims[0].lines[0]

    assert line.qualifier == "NU"
    assert line.units == expected


def test_reader_reads_service_period_dates():
    claim = [
        "CLP*PCN1*1*100*100**12*ICN1",
        "SVC*HC:T1005*100*100**4",
        "DTM*150*20240101",
        "DTM*151*20240105",
    ]

    line = read_835(make_835(claim, "100")).claims[0].lines[0]

    assert line.service_date == datetime.date(2024, 1, 1)
    assert line.service_date_end == datetime.date(2024, 1, 5)


def test_reader_reads_six_cas_triplets():
    claim = [
        "CLP*PCN1*1*100*79**12*ICN1",
        "SVC*HC:97110*100*79**1",
        "CAS*CO*45*1*1*253*2**97*3**16*4**B7*5**18*6*2",
    ]

    adjustments = read_835(make_835(claim, "79")).claims[0].lines[0].adjustments

    assert [a.reason_code for a in adjustments] == ["45", "253", "97", "16", "B7", "18"]
    assert sum(a.amount for a in adjustments) == Decimal("21")
    assert adjustments[0].quantity == Decimal("1")
    assert adjustments[5].quantity == Decimal("2")
    assert adjustments[1].quantity is None


def test_reader_attaches_cas_before_first_line_to_claim():
    claim = [
        "CLP*PCN1*1*100*60**12*ICN1",
        "CAS*OA*23*10",
        "SVC*HC:99213*90*60**1",
        "CAS*CO*45*30",
    ]

    read = read_835(make_835(claim, "60")).claims[0]

    assert [a.reason_code for a in read.adjustments] == ["23"]
    assert [a.reason_code for a in read.lines[0].adjustments] == ["45"]
    assert read.adjustments[0].group_code == "OA"


def test_reader_collects_remark_codes():
    claim = [
        "CLP*PCN1*1*100*100**12*ICN1",
        "MOA***MA01*N20",
        "MIA*0****MA02***************MA03",
        "SVC*HC:99213*100*100**1",
        "LQ*HE*N130",
        "LQ*RX*70",
    ]

    read = read_835(make_835(claim, "100")).claims[0]

    assert read.remark_codes == ["MA01", "N20", "MA02", "MA03"]
    assert read.lines[0].remark_codes == ["N130"]
    assert read.lines[0].reject_codes == ["70"]


def test_reader_reads_repeated_and_negative_plb():
    trailer = [
        "PLB*1999999984*20241231*WO:REF1*25.00*L6:INT*-2.50",
        "PLB*1999999984*20241231*72*10",
    ]

    read = read_835(make_835(payment="117.50", trailer=trailer))

    adjustments = read.transactions[0].provider_adjustments
    assert [a.reason_code for a in adjustments] == ["WO", "L6", "72"]
    assert [a.reference for a in adjustments] == ["REF1", "INT", ""]
    assert adjustments[1].amount == Decimal("-2.50")
    assert adjustments[0].fiscal_period_end == datetime.date(2024, 12, 31)
    assert read.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [(".5", Decimal("0.5")), ("1.", Decimal("1")), ("-.5", Decimal("-0.5"))],
)
def test_reader_reads_r_number_forms(text, expected):
    claim = ["CLP*PCN1*1*0*0**12*ICN1", f"CAS*OA*23*{text}"]

    read = read_835(make_835(claim, "0")).claims[0]

    assert read.adjustments[0].amount == expected


def test_reader_keeps_money_exact():
    claim = ["CLP*PCN1*1*0.3*0.1**12*ICN1", "CAS*CO*45*0.1", "CAS*CO*45*0.1"]

    read = read_835(make_835(claim, "0.1"))

    assert read.claims[0].payment == Decimal("0.1")
    assert read.warnings == []


def test_reader_reports_payment_imbalance():
    read = read_835(make_835(payment="149.00"))

    assert kinds(read) == [PAYMENT_IMBALANCE]
    assert "149.00" in str(read.warnings[0])
    assert read.transactions[0].warnings == read.warnings


def test_reader_reports_claim_and_line_imbalance():
    claim = [
        "CLP*PCN1*1*200*150**12*ICN1",
        "SVC*HC:99213*200*150**1",
        "CAS*CO*45*40",
    ]

    read = read_835(make_835(claim))

    assert kinds(read) == [LINE_IMBALANCE, CLAIM_IMBALANCE]
    assert "50" in read.warnings[0].message
    assert "40" in read.warnings[0].message
    assert read.warnings[1].segment_number == 12


def test_reader_balanced_claim_has_no_warnings():
    read = read_835(make_835())

    assert read.warnings == []


def test_reader_flags_unknown_codes():
    claim = [
        "CLP*PCN1*1*100*90**12*ICN1",
        "SVC*HC:99213*100*90**1",
        "CAS*CO*ZZ9*10",
        "LQ*HE*Q999",
    ]
    text = make_835(claim, "90")

    checked = read_835(text, known_carcs={"45"}, known_rarcs={"N130"})
    unchecked = read_835(text)

    assert kinds(checked) == [UNKNOWN_CARC, UNKNOWN_RARC]
    assert checked.claims[0].lines[0].adjustments[0].reason_code == "ZZ9"
    assert checked.claims[0].lines[0].remark_codes == ["Q999"]
    assert unchecked.warnings == []


def test_reader_links_reversal_to_corrected_claim():
    claims = [
        "CLP*PCN1*22*-200*-150**12*ICN1*11*8",
        "CAS*CO*45*-50",
        "CLP*PCN1*1*200*170**12*ICN2*11*7",
        "CAS*CO*45*30",
    ]

    reversal, corrected = read_835(make_835(claims, "20")).claims

    assert reversal.is_reversal is True
    assert reversal.corrected_claim is corrected
    assert corrected.is_correction is True
    assert corrected.is_reversal is False


def test_reader_keeps_raw_text_of_each_claim():
    claims = [*BALANCED_CLAIM, "CLP*PCN2*4*10*0**12*ICN2", "CAS*CO*29*10"]
    trailer = ["PLB*1999999984*20241231*WO*0"]

    first, second = read_835(make_835(claims, trailer=trailer)).claims

    assert first.raw_text.startswith("CLP*PCN001*")
    assert first.raw_text.endswith("REF*6R*LINE1~\n")
    assert second.raw_text == "CLP*PCN2*4*10*0**12*ICN2~\nCAS*CO*29*10~\n"


@pytest.mark.parametrize(
    "separators",
    [
        {"terminator": "~"},
        {"terminator": "~\r\n"},
        {"terminator": "\n"},
        {"terminator": "\r\n"},
        {"element": "|", "component": ">", "terminator": "\n"},
        {"element": "!", "component": "\\", "terminator": "'"},
    ],
)
def test_reader_takes_separators_from_isa(separators):
    read = read_835(make_835(**separators))

    assert read.claims[0].lines[0].modifiers == ["25"]
    assert read.warnings == []


def test_reader_keeps_bom_file():
    text = make_835().replace("~\n", "~\r\n\r\n   ")

    read = read_835(("\ufeff" + text).encode("utf-8"))

    assert len(read.claims) == 1
    assert read.warnings == []


def test_reader_reads_several_interchanges_with_own_separators():
    first = render(interchange(transaction(BALANCED_CLAIM)))
    second = render(
        interchange(transaction(BALANCED_CLAIM, control="0002")),
        element="|",
        component=">",
        terminator="\n",
    )

    read = read_835(first + second)

    assert len(read.transactions) == 2
    assert [c.lines[0].modifiers for c in read.claims] == [["25"], ["25"]]
    assert read.warnings == []


def test_reader_reads_two_groups_and_two_transactions():
    segments = interchange(transaction(BALANCED_CLAIM))
    group = segments[1:-1]
    segments = [segments[0], *group, *group, "IEA*2*000000001"]

    read = read_835(render(segments))

    assert len(read.transactions) == 2
    assert read.warnings == []


@pytest.mark.parametrize("terminator", ["~", "~\n", "\n"])
def test_reader_reads_bare_transaction_without_envelope(terminator):
    text = render(transaction(BALANCED_CLAIM), component=">", terminator=terminator)

    read = read_835(text)

    assert read.claims[0].lines[0].modifiers == ["25"]
    assert read.warnings == []


def test_reader_ignores_trailing_empty_elements():
    claim = [
        "CLP*PCN1*1*100*80**12*ICN1**",
        "SVC*HC:99212*100*80**1*",
        "CAS*CO*45*20**",
    ]

    read = read_835(make_835(claim, "80"))

    assert read.claims[0].lines[0].adjustments[0].amount == Decimal("20")
    assert read.warnings == []


def test_reader_warns_on_wrong_se_count():
    text = make_835().replace("SE*19*0001", "SE*5*0001")

    read = read_835(text)

    assert kinds(read) == [ENVELOPE]


def test_reader_warns_on_missing_amount():
    claim = ["CLP*PCN1*1**0**12*ICN1"]

    read = read_835(make_835(claim, "0"))

    assert kinds(read) == [MISSING_VALUE]
    assert read.claims[0].charge == Decimal("0")


def test_reader_error_is_an_input_file_error():
    assert issubclass(RemittanceError, InputFileError)
    assert issubclass(RemittanceError, ValueError)


def test_reader_error_names_segment_for_bad_number():
    claim = ["CLP*PCN1*1*ABC*0**12*ICN1"]

    with pytest.raises(RemittanceError) as caught:
        read_835(make_835(claim, "0"), source="remit.835")

    message = str(caught.value)
    assert caught.value.segment_number == 12
    assert caught.value.segment_id == "CLP"
    assert "segment 12 (CLP)" in message
    assert "remit.835" in message
    assert "'ABC'" in message
    assert "resend" in message


@pytest.mark.parametrize("text", ["1e5", "NaN", "1_000", "1-2", "-", ".", "+5"])
def test_reader_rejects_non_x12_numbers(text):
    claim = [f"CLP*PCN1*1*{text}*0**12*ICN1"]

    with pytest.raises(RemittanceError):
        read_835(make_835(claim, "0"))


def test_reader_rejects_truncated_file():
    text = make_835()
    cut = text[: text.index("SE*")]

    with pytest.raises(RemittanceError) as caught:
        read_835(cut)

    assert "cut off" in str(caught.value)


def test_reader_rejects_service_line_before_claim():
    text = make_835(["SVC*HC:99213*100*100**1"], "0")

    with pytest.raises(RemittanceError) as caught:
        read_835(text)

    assert caught.value.segment_id == "SVC"


def test_reader_rejects_other_transaction_types():
    text = make_835().replace("ST*835*", "ST*837*")

    with pytest.raises(RemittanceError) as caught:
        read_835(text)

    assert "not an 835" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"  \r\n", "\ufeff"])
def test_reader_rejects_empty_file(data):
    with pytest.raises(RemittanceError) as caught:
        read_835(data)

    assert "empty" in str(caught.value)


def test_reader_rejects_file_without_claims():
    text = make_835(claims=[], payment="-10", trailer=["PLB*1999999984*20241231*WO*10"])

    with pytest.raises(RemittanceError) as caught:
        read_835(text)

    assert "no claim payments" in str(caught.value)


def test_reader_rejects_text_that_is_not_x12():
    with pytest.raises(RemittanceError) as caught:
        read_835("Remittance report\nPage 1\n")

    assert caught.value.segment_number == 1


def test_reader_reads_other_component_separator_with_warning():
    claim = ["CLP*PCN1*1*100*100**12*ICN1", "SVC*HC>99213>25*100*100**1"]

    read = read_835(make_835(claim, "100"))

    assert read.claims[0].lines[0].code == "99213"
    assert read.claims[0].lines[0].modifiers == ["25"]
    assert kinds(read) == [COMPONENT_MISMATCH]


def test_reader_reads_latin1_bytes():
    data = (
        make_835().replace("SYNTHETIC HEALTH PLAN", "SYNTHÉTIC PLAN").encode("latin-1")
    )

    read = read_835(data)

    assert read.transactions[0].payer.name == "SYNTHÉTIC PLAN"


def test_reader_warns_on_reject_code_outside_line():
    claim = ["CLP*PCN1*1*100*100**12*ICN1", "LQ*RX*70"]

    read = read_835(make_835(claim, "100"))

    assert kinds(read) == [MISSING_VALUE]
