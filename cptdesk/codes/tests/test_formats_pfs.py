import csv
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from cptdesk.codes.formats.pfs import read_pfs, release_label
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
DERIVED_NAME = "pprrvu_2025_oct_indicators_no_descriptors.csv"
BUNDLED_DERIVED = Path(__file__).resolve().parents[1] / "data" / DERIVED_NAME

# Official layout: title, notice and blank rows, then a header spread over rows whose
# last row starts HCPCS, MOD, DESCRIPTION. The text below is invented for tests.
PREAMBLE = [
    ["TEST RELATIVE VALUE FILE FOR READER TESTS"] + [""] * 30,
    ["Test notice line"] + [""] * 30,
    [""] * 31,
    ["", "", "", "", "NOT USED FOR", "WORK"] + [""] * 25,
    ["HCPCS", "MOD", "DESCRIPTION", "CODE", "PAYMENT", "RVU"] + [""] * 25,
]


def official_row(code, description, mod="", status="A", glob="090", mult="2"):
    return [
        code,
        mod,
        description,
        status,
        "",
        "10.00",
        "5.00",
        "NA",
        "4.00",
        "",
        "1.00",
        "16.00",
        "15.00",
        "0",
        glob,
        "0.09",
        "0.84",
        "0.07",
        mult,
        "1",
        "2",
        "0",
        "0",
        "",
        "32.3465",
        "09",
        "0",
        "99",
        "0.00",
        "0.00",
        "0.00",
    ]


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as csv_file:
        csv.writer(csv_file).writerows(rows)
    return path


@pytest.fixture
def official_file(tmp_path):
    rows = PREAMBLE + [
        official_row("99990", "Test descriptor one"),
        official_row("99991", "Test descriptor, two", mod="26", glob="XXX", mult="9"),
    ]
    return write_csv(tmp_path / "PPRRVU2025_Oct.csv", rows)


@pytest.fixture(scope="module")
def shared_derived():
    path = SHARED_DATA / "mpfs" / DERIVED_NAME
    if not path.is_file():
        pytest.skip(
            f"PFS sample file not found at {path}; set CPTDESK_SHARED_DATA to the "
            "folder that contains mpfs/"
        )
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_derived_file_row_count(shared_derived):
    records = list(read_pfs(shared_derived))

    assert len(records) == 19090


def test_derived_file_matches_csv_columns(shared_derived):
    with open(shared_derived, newline="") as csv_file:
        expected = [
            (row["hcpcs"], row["mod"], row["glob_days"], row["mult_proc"])
            for row in csv.DictReader(csv_file)
        ]

    records = read_pfs(shared_derived)
    actual = [(r.code, r.modifier, r.glob_days, r.mult_proc) for r in records]

    assert actual == expected


def test_derived_file_status_counts(shared_derived):
    counts = Counter(record.status_code for record in read_pfs(shared_derived))

    assert counts["A"] == 9021
    assert counts["X"] == 2548


def test_bundled_copy_reads_fully():
    records = list(read_pfs(BUNDLED_DERIVED))

    assert len(records) == 19090
    assert all(record.description is None for record in records)


def test_official_file_reads_indicators(official_file):
    first, second = read_pfs(official_file)

    assert first.line == 6
    assert first.code == "99990"
    assert first.glob_days == "090"
    assert first.pre_op == Decimal("0.09")
    assert first.mult_proc == "2"
    assert first.bilat_surg == "1"
    assert first.asst_surg == "2"
    assert second.modifier == "26"
    assert second.glob_days == "XXX"


def test_official_file_drops_description_by_default(official_file):
    records = list(read_pfs(official_file))

    assert [record.description for record in records] == [None, None]
    assert "Test descriptor" not in repr(records)


def test_official_file_keeps_description_on_request(official_file):
    records = list(read_pfs(official_file, keep_description=True))

    assert records[0].description == "Test descriptor one"
    assert records[1].description == "Test descriptor, two"


def test_official_file_in_cp1252_reads(tmp_path):
    rows = PREAMBLE + [official_row("99990", "Test descriptor caf\u00e9")]
    path = write_csv(tmp_path / "PPRRVU.csv", rows, encoding="cp1252")

    (record,) = read_pfs(path, keep_description=True)

    assert record.description == "Test descriptor caf\u00e9"


@pytest.mark.parametrize(
    ("changes", "value"),
    [
        ({"status": "Q"}, "Q"),
        ({"glob": "045"}, "045"),
        ({"mult": "8"}, "8"),
        ({"mod": "2"}, "2"),
    ],
)
def test_bad_indicator_raises(tmp_path, changes, value):
    rows = PREAMBLE + [official_row("99990", "Test descriptor one", **changes)]
    path = write_csv(tmp_path / "PPRRVU.csv", rows)

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert_error_names(caught.value, path, 6, value)


def test_bad_code_raises(tmp_path):
    rows = PREAMBLE + [official_row("9999", "Test descriptor one")]
    path = write_csv(tmp_path / "PPRRVU.csv", rows)

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert_error_names(caught.value, path, 6, "9999")


def test_bad_decimal_raises(tmp_path):
    row = official_row("99990", "Test descriptor one")
    row[15] = "0.O9"
    path = write_csv(tmp_path / "PPRRVU.csv", PREAMBLE + [row])

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert_error_names(caught.value, path, 6, "0.O9")


def test_missing_column_raises(tmp_path):
    row = official_row("99990", "Test descriptor one")[:20]
    path = write_csv(tmp_path / "PPRRVU.csv", PREAMBLE + [row])

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert "line 6" in str(caught.value)
    assert "20 columns" in str(caught.value)


def test_derived_header_without_column_raises(tmp_path):
    path = tmp_path / "derived.csv"
    path.write_text("hcpcs,mod,status_code,glob_days\n99990,,A,090\n")

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert "line 1" in str(caught.value)
    assert "pre_op" in str(caught.value)


def test_file_without_header_raises(tmp_path):
    path = write_csv(tmp_path / "PPRRVU.csv", [official_row("99990", "Test")])

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert "no PPRRVU header row" in str(caught.value)


def test_utf16_file_raises(tmp_path):
    rows = PREAMBLE + [official_row("99990", "Test descriptor one")]
    path = write_csv(tmp_path / "PPRRVU.csv", rows, encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_pfs(path))

    assert "UTF-16" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("PPRRVU2025_Oct.csv", "PFS RVU 2025 October"),
        ("PPRRVU24_JAN.csv", "PFS RVU 2024 January"),
        ("pprrvu_2025_oct_indicators_no_descriptors.csv", "PFS RVU 2025 October"),
        ("RVU25D.pdf", None),
    ],
)
def test_release_label(name, label):
    assert release_label(name) == label
