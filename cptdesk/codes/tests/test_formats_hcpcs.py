import csv
import datetime
import os
from pathlib import Path

import pytest

from cptdesk.codes.formats.hcpcs import read_hcpcs, release_label
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
HCPCS_DIR = SHARED_DATA / "hcpcs"
ANWEB_NAME = "HCPC2026_JAN_ANWEB_01122026.txt"
BUNDLED_ANWEB = Path(__file__).resolve().parents[1] / "data" / ANWEB_NAME


@pytest.fixture(scope="module")
def shared_records():
    path = HCPCS_DIR / ANWEB_NAME
    if not path.is_file():
        pytest.skip(
            f"HCPCS sample file not found at {path}; set CPTDESK_SHARED_DATA to the "
            "folder that contains hcpcs/"
        )
    return list(read_hcpcs(path))


@pytest.fixture(scope="module")
def derived_rows():
    rows = {}
    for name in (
        "hcpcs_level2_2026jan_codes.csv",
        "hcpcs_level2_2026jan_modifiers.csv",
    ):
        with open(HCPCS_DIR / name, newline="", encoding="utf-8") as csv_file:
            rows.update((row["code"], row) for row in csv.DictReader(csv_file))
    return rows


def make_record(code, record_id="3", text="Test supply", **fields):
    """Build one 320-character ANWEB record; positions follow the CMS layout."""
    record = [" "] * 320
    values = {
        0: code.rjust(5) if record_id in "78" else code,
        5: "00100",
        10: record_id,
        11: text,
    }
    if record_id in "37":
        values.update(
            {
                91: fields.get("short", "Test short"),
                229: fields.get("coverage", "C"),
                268: fields.get("added", "20260101"),
                276: fields.get("effective", "20260101"),
                284: fields.get("termination", ""),
                292: fields.get("action", "N"),
            }
        )
    for start, value in values.items():
        record[start : start + len(value)] = value
    return "".join(record) + "\r\n"


def write_records(tmp_path, records, encoding="cp1252"):
    path = tmp_path / "HCPC2026_JAN_ANWEB_test.txt"
    path.write_bytes("".join(records).encode(encoding))
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_reader_counts_codes(shared_records):
    codes = [record for record in shared_records if not record.is_modifier]

    assert len(codes) == 8623


def test_reader_counts_modifiers(shared_records):
    modifiers = [record for record in shared_records if record.is_modifier]

    assert len(modifiers) == 383


def test_long_descriptions_match_derived_csv(shared_records, derived_rows):
    mismatches = [
        record.code
        for record in shared_records
        if record.long_description != derived_rows[record.code]["long_description"]
    ]

    assert mismatches == []


@pytest.mark.parametrize(
    ("field", "column"),
    [
        ("short_description", "short_description"),
        ("coverage_code", "coverage_code"),
        ("betos", "betos"),
        ("action_code", "action_code"),
    ],
)
def test_text_fields_match_derived_csv(shared_records, derived_rows, field, column):
    mismatches = [
        record.code
        for record in shared_records
        if getattr(record, field) != derived_rows[record.code][column]
    ]

    assert mismatches == []


@pytest.mark.parametrize(
    ("field", "column"),
    [
        ("added_date", "code_added_date"),
        ("action_effective_date", "action_effective_date"),
        ("termination_date", "termination_date"),
    ],
)
def test_dates_match_derived_csv(shared_records, derived_rows, field, column):
    def as_text(value):
        return value.strftime("%Y%m%d") if value else ""

    mismatches = [
        record.code
        for record in shared_records
        if as_text(getattr(record, field)) != derived_rows[record.code][column]
    ]

    assert mismatches == []


def test_pricing_and_service_types_match_derived_csv(shared_records, derived_rows):
    mismatches = [
        record.code
        for record in shared_records
        if " ".join(record.pricing_indicators)
        != derived_rows[record.code]["pricing_indicators"]
        or " ".join(record.types_of_service)
        != derived_rows[record.code]["type_of_service_codes"]
    ]

    assert mismatches == []


def test_overlong_record_is_parsed(shared_records):
    record = next(record for record in shared_records if record.code == "G9871")

    assert record.line == 9170
    assert record.action_code == "A"
    assert record.added_date == datetime.date(2026, 1, 1)


def test_blank_last_line_is_skipped(shared_records):
    lines = (HCPCS_DIR / ANWEB_NAME).read_text(encoding="cp1252").splitlines()
    last_record = next(line for line in reversed(lines) if line.strip())

    assert shared_records[-1].code == last_record[:5].strip()
    assert all(record.code for record in shared_records)


def test_bundled_copy_reads_fully():
    records = list(read_hcpcs(BUNDLED_ANWEB))

    assert len(records) == 8623 + 383


def test_continuation_records_join_description(tmp_path):
    path = write_records(
        tmp_path,
        [
            make_record("A9990", text="Test supply, first part"),
            make_record("A9990", "4", text="second part"),
            make_record("XY", "7", text="Test modifier"),
            make_record("XY", "8", text="continued"),
        ],
    )

    records = list(read_hcpcs(path))

    assert records[0].long_description == "Test supply, first part second part"
    assert records[1].long_description == "Test modifier continued"
    assert records[1].is_modifier


def test_termination_date_is_parsed(tmp_path):
    path = write_records(tmp_path, [make_record("A9990", termination="20261231")])

    (record,) = read_hcpcs(path)

    assert record.termination_date == datetime.date(2026, 12, 31)


def test_truncated_record_raises(tmp_path):
    short = make_record("A9991")[:150] + "\r\n"
    path = write_records(tmp_path, [make_record("A9990"), short])

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert_error_names(caught.value, path, 2, "A9991")


def test_utf16_file_raises(tmp_path):
    path = write_records(tmp_path, [make_record("A9990")], encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert "UTF-16" in str(caught.value)
    assert "line 1" in str(caught.value)


def test_undecodable_byte_raises(tmp_path):
    path = tmp_path / "bad.txt"
    good = make_record("A9990").encode("cp1252")
    bad = make_record("A9991", text="Test \x01supply").encode("cp1252")
    path.write_bytes(good + bad.replace(b"\x01", b"\x81"))

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert "line 2" in str(caught.value)
    assert "cp1252" in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "value"),
    [
        ({"added": "20261301"}, "20261301"),
        ({"effective": "2026010X"}, "2026010X"),
        ({"termination": "20260230"}, "20260230"),
    ],
)
def test_bad_date_raises(tmp_path, fields, value):
    path = write_records(
        tmp_path, [make_record("A9990"), make_record("A9991", **fields)]
    )

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert_error_names(caught.value, path, 2, value)


@pytest.mark.parametrize(
    ("fields", "value"),
    [({"coverage": "Z"}, "Z"), ({"action": "Q"}, "Q")],
)
def test_bad_indicator_raises(tmp_path, fields, value):
    path = write_records(tmp_path, [make_record("A9990", **fields)])

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert_error_names(caught.value, path, 1, value)


def test_unknown_record_type_raises(tmp_path):
    path = write_records(tmp_path, [make_record("A9990", "5")])

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert_error_names(caught.value, path, 1, "5")


def test_orphan_continuation_raises(tmp_path):
    path = write_records(
        tmp_path, [make_record("A9990"), make_record("A9991", "4", text="more")]
    )

    with pytest.raises(InputFileError) as caught:
        list(read_hcpcs(path))

    assert_error_names(caught.value, path, 2, "A9991")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("HCPC2026_JAN_ANWEB_01122026.txt", "HCPCS 2026 January"),
        ("/imports/HCPC2025_OCT_ANWEB_v3.txt", "HCPCS 2025 October"),
        ("hcpc2026_apr_anweb.txt", "HCPCS 2026 April"),
        ("HCPC2026_XYZ_ANWEB.txt", None),
        ("proc_notes_JAN2026.txt", None),
    ],
)
def test_release_label(name, label):
    assert release_label(name) == label
