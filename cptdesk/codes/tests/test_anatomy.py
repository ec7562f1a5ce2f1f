import csv
import dataclasses
import json
import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cptdesk.codes import anatomy
from cptdesk.codes.anatomy import explain, normalise_code

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA",
        Path(__file__).resolve().parents[3] / "../shared/data",
    )
).resolve()

# Typed text, expected kind, expected section (CPT section, HCPCS group or modifier
# family).
KIND_CASES = [
    ("99202", anatomy.CPT_CATEGORY_I, "Evaluation and Management"),
    ("99213", anatomy.CPT_CATEGORY_I, "Evaluation and Management"),
    ("99499", anatomy.CPT_CATEGORY_I, "Evaluation and Management"),
    ("00100", anatomy.CPT_CATEGORY_I, "Anesthesia"),
    ("01999", anatomy.CPT_CATEGORY_I, "Anesthesia"),
    ("10004", anatomy.CPT_CATEGORY_I, "Surgery"),
    ("69990", anatomy.CPT_CATEGORY_I, "Surgery"),
    ("70010", anatomy.CPT_CATEGORY_I, "Radiology"),
    ("79999", anatomy.CPT_CATEGORY_I, "Radiology"),
    ("80047", anatomy.CPT_CATEGORY_I, "Pathology and Laboratory"),
    ("89398", anatomy.CPT_CATEGORY_I, "Pathology and Laboratory"),
    ("90281", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("99199", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("99100", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("99140", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("99500", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("99607", anatomy.CPT_CATEGORY_I, "Medicine"),
    ("0001F", anatomy.CPT_CATEGORY_II, None),
    ("0042T", anatomy.CPT_CATEGORY_III, None),
    ("0001U", anatomy.CPT_PLA, None),
    ("0002M", anatomy.CPT_MAAA, None),
    ("0001A", anatomy.CPT_VACCINE, None),
    ("0001 F", anatomy.CPT_CATEGORY_II, None),
    (
        "A0428",
        anatomy.HCPCS_LEVEL_II,
        "Transport services and medical and surgical supplies",
    ),
    ("B4150", anatomy.HCPCS_LEVEL_II, "Enteral and parenteral therapy"),
    ("C1713", anatomy.HCPCS_LEVEL_II, "Outpatient prospective payment system"),
    ("E0601", anatomy.HCPCS_LEVEL_II, "Durable medical equipment"),
    ("G0008", anatomy.HCPCS_LEVEL_II, "Professional services"),
    (
        "H0031",
        anatomy.HCPCS_LEVEL_II,
        "Behavioral health and substance abuse treatment",
    ),
    ("J0585", anatomy.HCPCS_LEVEL_II, "Drugs administered other than orally"),
    ("j0585", anatomy.HCPCS_LEVEL_II, "Drugs administered other than orally"),
    ("J 0585", anatomy.HCPCS_LEVEL_II, "Drugs administered other than orally"),
    ("K0001", anatomy.HCPCS_LEVEL_II, "Temporary codes for DME MAC use"),
    ("L3000", anatomy.HCPCS_LEVEL_II, "Orthotics and prosthetics"),
    ("M1000", anatomy.HCPCS_LEVEL_II, "Quality measures and other medical services"),
    ("P3000", anatomy.HCPCS_LEVEL_II, "Pathology and laboratory"),
    ("Q4100", anatomy.HCPCS_LEVEL_II, "Temporary codes"),
    ("R0070", anatomy.HCPCS_LEVEL_II, "Diagnostic radiology"),
    ("S0020", anatomy.HCPCS_LEVEL_II, "Private payer codes"),
    ("T1015", anatomy.HCPCS_LEVEL_II, "State Medicaid agency codes"),
    ("U0001", anatomy.HCPCS_LEVEL_II, "Laboratory"),
    ("V2020", anatomy.HCPCS_LEVEL_II, "Vision and hearing"),
    ("D0120", anatomy.CDT_DENTAL, None),
    ("RT", anatomy.MODIFIER, "HCPCS Level II modifier"),
    ("rt", anatomy.MODIFIER, "HCPCS Level II modifier"),
    ("F5", anatomy.MODIFIER, "HCPCS Level II modifier"),
    ("25", anatomy.MODIFIER, "CPT modifier"),
    (" -59 ", anatomy.MODIFIER, "CPT modifier"),
    ("1P", anatomy.MODIFIER, "Performance measurement modifier (CPT Category II)"),
    ("8P", anatomy.MODIFIER, "Performance measurement modifier (CPT Category II)"),
    ("27447-RT", anatomy.CPT_CATEGORY_I, "Surgery"),
    ("99213 25", anatomy.CPT_CATEGORY_I, "Evaluation and Management"),
]

# Typed text and a fragment that the plain-language reason must contain.
INVALID_CASES = [
    ("", "empty"),
    ("   ", "empty"),
    (" - ", "empty"),
    ("1234", "1234 has four characters, but CPT and HCPCS codes have five"),
    ("123456", "123456 has six characters"),
    ("A12345", "A12345 has six characters"),
    ("ABCDE", "ABCDE has five letters"),
    ("99A13", "99A13 has a letter at position 3"),
    ("A123B", "at most one letter"),
    ("1234X", "ends in X"),
    ("I1234", "no I group"),
    ("I1234", "digit 1"),
    ("O1234", "digit 0"),
    ("X1234", "no X group"),
    ("N1234", "no N group"),
    ("W1234", "no W group"),
    ("Y1234", "no Y group"),
    ("Z1234", "no Z group"),
    ("F1234", "no F group"),
    ("99213-RTX", "Modifier RTX has three characters"),
    ("99213-R", "Modifier R has one character, but modifiers have two"),
    ("99213-25-59-76-77-91", "at most four modifiers, but this has five"),
    ("99213.25", "'.'"),
    ("99213,", "','"),
    ("２７４４７", "fullwidth digit two"),
    ("27447\u2013RT", "en dash"),
    ("9921\u200b3", "zero width space"),
    ("9921325", "If 25 is a modifier, type it after a hyphen: 99213-25"),
    ("RT LT", "RT has two characters"),
    ("27447RTX", "eight characters"),
]

# Five-digit numbers outside every published Category I range.
OUTSIDE_RANGE_CASES = [
    "00099",
    "02000",
    "09999",
    "10003",
    "69991",
    "70009",
    "89399",
    "90280",
    "99200",
    "99201",
    "99608",
    "99999",
]

SURGERY_CASES = [
    ("10004", "Integumentary System", "10004", "19499"),
    ("19499", "Integumentary System", "10004", "19499"),
    ("20100", "Musculoskeletal System", "20100", "29999"),
    ("27447", "Musculoskeletal System", "20100", "29999"),
    ("31231", "Respiratory System", "30000", "32999"),
    ("33016", "Cardiovascular System", "33016", "37799"),
    ("38100", "Hemic and Lymphatic Systems", "38100", "38999"),
    ("39599", "Mediastinum and Diaphragm", "39000", "39599"),
    ("40490", "Digestive System", "40490", "49999"),
    ("53899", "Urinary System", "50010", "53899"),
    ("54000", "Male Genital System", "54000", "55899"),
    ("55980", "Reproductive System and Intersex", "55920", "55980"),
    ("56405", "Female Genital System", "56405", "58999"),
    ("59899", "Maternity Care and Delivery", "59000", "59899"),
    ("60699", "Endocrine System", "60000", "60699"),
    ("64999", "Nervous System", "61000", "64999"),
    ("65091", "Eye and Ocular Adnexa", "65091", "68899"),
    ("69979", "Auditory System", "69000", "69979"),
    ("69990", "Operating Microscope", "69990", "69990"),
]

NORMALISE_CASES = [
    ("0000:0:", "0000:0:"),
    ("27447-RT", "27447"),
    ("27447 RT", "27447"),
    ("27447rt", "27447"),
    ("99213-25-59", "99213"),
    (" j0585 ", "J0585"),
    ("J 0585", "J0585"),
    ("0001 f", "0001F"),
    ("", ""),
    ("  -  ", ""),
    ("9921325", "9921325"),
    ("abcde", "ABCDE"),
]


@pytest.mark.parametrize(("text", "kind", "section"), KIND_CASES)
def test_explain_kind(text, kind, section):
    result = explain(text)

    assert result.kind == kind


@pytest.mark.parametrize(("text", "kind", "section"), KIND_CASES)
def test_explain_section(text, kind, section):
    result = explain(text)

    assert result.section == section


@pytest.mark.parametrize(("text", "kind", "section"), KIND_CASES)
def test_known_kinds_are_valid(text, kind, section):
    result = explain(text)

    assert result.is_valid
    assert result.reason is None


@pytest.mark.parametrize(("text", "fragment"), INVALID_CASES)
def test_invalid_input_kind(text, fragment):
    result = explain(text)

    assert result.kind == anatomy.INVALID
    assert not result.is_valid


@pytest.mark.parametrize(("text", "fragment"), INVALID_CASES)
def test_invalid_input_reason(text, fragment):
    result = explain(text)

    assert fragment in result.reason


@pytest.mark.parametrize("text", OUTSIDE_RANGE_CASES)
def test_five_digits_outside_ranges_unknown(text):
    result = explain(text)

    assert result.kind == anatomy.UNKNOWN
    assert not result.is_valid
    assert "outside the published CPT Category I ranges" in result.reason
    assert result.code == text


@pytest.mark.parametrize(("text", "subsection", "start", "end"), SURGERY_CASES)
def test_surgery_subsection_and_range(text, subsection, start, end):
    result = explain(text)

    assert result.subsection == subsection
    assert result.range_start == start
    assert result.range_end == end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("99213", True),
        ("0001F", True),
        ("0042T", True),
        ("0001U", True),
        ("0002M", True),
        ("0001A", True),
        ("J0585", False),
        ("D0120", False),
        ("25", False),
        ("99999", False),
        ("1234", False),
    ],
)
def test_is_cpt(text, expected):
    result = explain(text)

    assert result.is_cpt is expected


def test_surgery_gap_keeps_section_range():
    result = explain("19500")

    assert result.section == "Surgery"
    assert result.subsection is None
    assert result.range_start == "10004"
    assert result.range_end == "69990"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("99213", "99202", "99499"),
        ("00100", "00100", "01999"),
        ("73721", "70010", "79999"),
        ("85025", "80047", "89398"),
        ("90686", "90281", "99199"),
        ("99500", "99500", "99607"),
    ],
)
def test_category_i_section_range(text, start, end):
    result = explain(text)

    assert result.range_start == start
    assert result.range_end == end


@pytest.mark.parametrize("text", ["99100", "99123", "99140"])
def test_qualifying_circumstances_note(text):
    result = explain(text)

    assert any("anesthesia qualifying circumstances" in n for n in result.notes)


@pytest.mark.parametrize("text", ["99099", "99141", "00100"])
def test_qualifying_circumstances_note_absent(text):
    result = explain(text)

    assert not any("qualifying circumstances" in n for n in result.notes)


@pytest.mark.parametrize(
    ("text", "code", "modifiers"),
    [
        ("27447-RT", "27447", ("RT",)),
        ("27447 RT", "27447", ("RT",)),
        ("27447rt", "27447", ("RT",)),
        ("27447RT 59", "27447", ("RT", "59")),
        ("99213 25", "99213", ("25",)),
        ("99213-25-59", "99213", ("25", "59")),
        ("99213  -  25", "99213", ("25",)),
        ("J 0585 jw", "J0585", ("JW",)),
        ("0001F1P", "0001F", ("1P",)),
        ("99213-25-59-76-77", "99213", ("25", "59", "76", "77")),
        ("j0585", "J0585", ()),
    ],
)
def test_explain_splits_code_and_modifiers(text, code, modifiers):
    result = explain(text)

    assert result.code == code
    assert result.modifiers == modifiers
    assert result.is_valid


def test_attached_modifier_split_is_noted():
    result = explain("27447RT")

    assert "Read 27447RT as 27447 with modifier RT." in result.notes


@pytest.mark.parametrize("text", ["99999RT", "X1234RT", "99A13RT"])
def test_attached_modifier_needs_known_code(text):
    result = explain(text)

    assert result.kind == anatomy.INVALID
    assert result.modifiers == ()


def test_seven_digits_stay_unsplit():
    result = explain("2744759")

    assert result.kind == anatomy.INVALID
    assert "type it after a hyphen: 27447-59" in result.reason


def test_unknown_seven_digits_get_no_hint():
    result = explain("9999925")

    assert "hyphen" not in result.reason


def test_modifier_notes_name_family():
    result = explain("99213-25-1P-RT")

    assert "Modifier 25: CPT modifier." in result.notes
    assert "Modifier RT: HCPCS Level II modifier." in result.notes
    assert any(
        n.startswith("Modifier 1P: Performance measurement") for n in result.notes
    )
    assert anatomy.CODING_DECISION_NOTE in result.notes


def test_bare_modifier_says_coding_decision():
    result = explain("GY")

    assert anatomy.CODING_DECISION_NOTE in result.notes
    assert result.code == "GY"
    assert result.modifiers == ()


def test_code_without_modifiers_has_no_coding_note():
    result = explain("99213")

    assert anatomy.CODING_DECISION_NOTE not in result.notes


def test_dental_code_names_ada():
    result = explain("D0120")

    assert any("American Dental Association" in n for n in result.notes)


def test_invalid_code_keeps_typed_modifiers():
    result = explain("99999-RT")

    assert result.kind == anatomy.UNKNOWN
    assert result.modifiers == ("RT",)


def test_text_keeps_input_as_typed():
    result = explain(" j 0585-jw ")

    assert result.text == " j 0585-jw "


def test_to_dict_is_json_ready():
    result = explain("27447-RT")

    data = json.loads(json.dumps(result.to_dict()))

    assert data["code"] == "27447"
    assert data["modifiers"] == ["RT"]
    assert data["is_valid"] is True
    assert data["is_cpt"] is True
    assert data["subsection"] == "Musculoskeletal System"


def test_to_dict_reports_invalid():
    data = explain("1234").to_dict()

    assert data["is_valid"] is False
    assert data["kind"] == anatomy.INVALID
    assert "four characters" in data["reason"]


def test_anatomy_is_frozen():
    result = explain("99213")

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.code = "99214"


def test_every_kind_has_label():
    kinds = {
        anatomy.CPT_CATEGORY_I,
        anatomy.CPT_CATEGORY_II,
        anatomy.CPT_CATEGORY_III,
        anatomy.CPT_PLA,
        anatomy.CPT_MAAA,
        anatomy.CPT_VACCINE,
        anatomy.HCPCS_LEVEL_II,
        anatomy.CDT_DENTAL,
        anatomy.MODIFIER,
        anatomy.UNKNOWN,
        anatomy.INVALID,
    }

    assert set(anatomy.KIND_LABELS) == kinds


@pytest.mark.parametrize(("text", "expected"), NORMALISE_CASES)
def test_normalise_code(text, expected):
    assert normalise_code(text) == expected


def test_section_ranges_do_not_overlap():
    rows = sorted(anatomy.SECTION_RANGES)

    for previous, row in zip(rows, rows[1:], strict=False):
        assert previous[1] < row[0], f"{previous} overlaps {row}"


def test_surgery_subsections_lie_inside_surgery():
    for start, end, name in anatomy.SURGERY_SUBSECTION_RANGES:
        assert "10004" <= start <= end <= "69990", name


@given(st.text(max_size=40))
@example("0000:0:")
@example("\u00b2\u00b2\u00b2\u00b2\u00b2")
def test_explain_accepts_any_text(text):
    result = explain(text)

    assert result.kind in anatomy.KIND_LABELS
    assert (result.reason is None) == result.is_valid


@given(st.text(max_size=40))
@example("0000:0:")
def test_normalise_code_is_idempotent(text):
    once = normalise_code(text)

    assert normalise_code(once) == once


def _read_shared_csv(relative_path):
    path = SHARED_DATA / relative_path
    if not path.exists():
        pytest.skip(f"Shared reference file {path} is missing")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cms_hcpcs_codes_read_as_level_ii():
    rows = _read_shared_csv("hcpcs/hcpcs_level2_2026jan_codes.csv")

    misread = [
        r["code"] for r in rows if explain(r["code"]).kind != anatomy.HCPCS_LEVEL_II
    ]

    assert len(rows) > 8000
    assert misread == []


def test_cms_modifiers_read_as_level_ii():
    rows = _read_shared_csv("hcpcs/hcpcs_level2_2026jan_modifiers.csv")

    sections = {explain(r["code"]).section for r in rows}

    assert sections == {"HCPCS Level II modifier"}


def test_pfs_codes_inside_published_ranges():
    rows = _read_shared_csv("mpfs/pprrvu_2025_oct_indicators_no_descriptors.csv")
    numeric = [r["hcpcs"] for r in rows if r["hcpcs"].isdigit()]

    outside = [code for code in numeric if explain(code).kind != anatomy.CPT_CATEGORY_I]

    assert len(numeric) > 10000
    assert outside == []


def test_pfs_surgery_codes_have_subsection():
    rows = _read_shared_csv("mpfs/pprrvu_2025_oct_indicators_no_descriptors.csv")
    results = [explain(r["hcpcs"]) for r in rows if r["hcpcs"].isdigit()]

    missing = [
        r.code for r in results if r.section == "Surgery" and r.subsection is None
    ]

    assert missing == []


@given(st.text(alphabet="0123456789AJPRTU -", max_size=20))
def test_normalise_code_matches_explain(text):
    result = explain(text)
    if not result.is_valid or result.kind == anatomy.MODIFIER:
        return

    assert normalise_code(text) == result.code
