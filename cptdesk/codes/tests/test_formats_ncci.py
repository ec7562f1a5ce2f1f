import datetime
import os
import random
from pathlib import Path

import pytest

from cptdesk.codes.formats.ncci import read_mue_limits, read_ptp_edits, release_label
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
PTP_NAME = "ccipra-v322r0-f1.excerpt.txt"
MUE_NAME = "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"
BUNDLED_DATA = Path(__file__).resolve().parents[1] / "data"

PTP_HEADER = (
    "Test notice line\t\t\t\t\t\t\n"
    "Column1/Column2 Edits\t\t\t\t\t\t\n"
    "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tRationale\n"
    "\t\tprior to 1996\tDate\tDate\t0=not allowed\t\n"
    "\t\t\t\t*=no data\t1=allowed\t\n"
    "\t\t\t\t\t9=not applicable\t\n"
)
MUE_HEADER = (
    '"Test notice line one\n\nTest notice line two",,,\n'
    '"HCPCS/\nCPT Code",Practitioner Services MUE Values,'
    "MUE Adjudication Indicator,MUE Rationale\n"
)


def shared_file(name):
    path = SHARED_DATA / "ncci" / name
    if not path.is_file():
        pytest.skip(
            f"NCCI sample file not found at {path}; set CPTDESK_SHARED_DATA to the "
            "folder that contains ncci/"
        )
    return path


def write_ptp(tmp_path, *rows, header=PTP_HEADER, encoding="utf-8"):
    path = tmp_path / "ccipra-v999r0-f1.txt"
    path.write_bytes((header + "".join(row + "\n" for row in rows)).encode(encoding))
    return path


def write_mue(tmp_path, *rows, header=MUE_HEADER):
    path = tmp_path / "MCR_MUE_PractitionerServices_Eff_01-01-2027.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_ptp_excerpt_reads_every_edit():
    path = shared_file(PTP_NAME)
    data_lines = path.read_text(encoding="cp1252").splitlines()[6:]

    edits = list(read_ptp_edits(path))

    assert len(edits) == 42
    assert len(edits) == len(data_lines)
    assert edits[-1].line == 6 + len(data_lines)


def test_ptp_excerpt_parses_dates():
    edits = list(read_ptp_edits(shared_file(PTP_NAME)))

    assert edits[0].effective_date == datetime.date(2022, 1, 1)
    assert edits[0].deletion_date == datetime.date(2023, 12, 31)
    assert edits[-1].deletion_date is None


def test_ptp_lines_point_at_their_rows():
    path = shared_file(PTP_NAME)
    lines = path.read_text(encoding="cp1252").splitlines()

    edits = read_ptp_edits(path)
    mismatches = [
        edit.line
        for edit in edits
        if not lines[edit.line - 1].startswith(f"{edit.column1}\t{edit.column2}\t")
    ]

    assert mismatches == []


def test_bundled_ptp_excerpt_reads_fully():
    edits = list(read_ptp_edits(BUNDLED_DATA / PTP_NAME))

    assert len(edits) == 42


def test_ptp_reader_keeps_rationale_and_flags(tmp_path):
    path = write_ptp(
        tmp_path,
        "99990\tJ9990\t*\t19960101\t*\t9\tTest rationale",
        "99991\t99992\t\t20200101\t20201231\t0",
    )

    first, second = read_ptp_edits(path)

    assert first.in_existence_before_1996
    assert first.modifier_indicator == "9"
    assert first.rationale == "Test rationale"
    assert not second.in_existence_before_1996
    assert second.rationale == ""


def test_ptp_reader_parses_generated_dates(tmp_path):
    # Many rows share few dates, so the date cache must return each row's own date.
    generator = random.Random(7)
    days = [datetime.date(2000, 1, 1) + datetime.timedelta(n * 91) for n in range(80)]
    chosen = [generator.choice(days) for _ in range(3000)]
    rows = [f"9{n:04d}\t0{n:04d}\t\t{day:%Y%m%d}\t*\t1" for n, day in enumerate(chosen)]
    path = write_ptp(tmp_path, *rows)

    edits = read_ptp_edits(path)

    assert [edit.effective_date for edit in edits] == chosen


def test_ptp_blank_trailing_line_is_skipped(tmp_path):
    path = write_ptp(tmp_path, "99990\t99991\t\t20200101\t*\t1", "")

    edits = list(read_ptp_edits(path))

    assert len(edits) == 1


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("99990\t99991\t\t20201301\t*\t1", "20201301"),
        ("99990\t99991\t\t2020010\t*\t1", "2020010"),
        ("99990\t99991\t\t20200101\t2020-12-31\t1", "2020-12-31"),
        ("99990\t99991\t\t\t*\t1", ""),
    ],
)
def test_ptp_bad_date_raises(tmp_path, row, value):
    path = write_ptp(tmp_path, "99990\t99992\t\t20200101\t*\t1", row)

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert_error_names(caught.value, path, 8, value)


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("99990\t99991\t\t20200101\t*\t5", "5"),
        ("99990\t99991\tY\t20200101\t*\t1", "Y"),
        ("9999\t99991\t\t20200101\t*\t1", "9999"),
        ("99990\t99-91\t\t20200101\t*\t1", "99-91"),
    ],
)
def test_ptp_bad_value_raises(tmp_path, row, value):
    path = write_ptp(tmp_path, row)

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert_error_names(caught.value, path, 7, value)


def test_ptp_truncated_line_raises(tmp_path):
    path = write_ptp(tmp_path, "99990\t99991\t\t20200101\t*\t1", "99990\t99993\t")

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert_error_names(caught.value, path, 8, "99990\t99993")


def test_ptp_unexpected_header_raises(tmp_path):
    header = "Test notice\nTitle\nCode A\tCode B\n\n\n\n"
    path = write_ptp(tmp_path, "99990\t99991\t\t20200101\t*\t1", header=header)

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert_error_names(caught.value, path, 3, "Code A\tCode B")


def test_ptp_utf16_file_raises(tmp_path):
    path = write_ptp(tmp_path, "99990\t99991\t\t20200101\t*\t1", encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert "UTF-16" in str(caught.value)


def test_ptp_undecodable_byte_reports_line(tmp_path):
    path = tmp_path / "ccipra-v999r0-f1.txt"
    good = "99990\t99991\t\t20200101\t*\t1\tTest\n"
    path.write_bytes(PTP_HEADER.encode() + good.encode() + b"99990\t99992\t\x81\n")

    with pytest.raises(InputFileError) as caught:
        list(read_ptp_edits(path))

    assert "line 8" in str(caught.value)


def test_mue_excerpt_reads_every_row():
    path = shared_file(MUE_NAME)

    limits = list(read_mue_limits(path))

    assert len(limits) == 44
    assert limits[0].line == 10


def test_mue_lines_are_physical_lines():
    path = shared_file(MUE_NAME)
    lines = path.read_text(encoding="utf-8").splitlines()

    limits = read_mue_limits(path)
    mismatches = [
        limit.line
        for limit in limits
        if not lines[limit.line - 1].startswith(f"{limit.code},{limit.max_units},")
    ]

    assert mismatches == []


def test_mue_excerpt_values():
    limits = list(read_mue_limits(shared_file(MUE_NAME)))

    assert {limit.adjudication_indicator for limit in limits} <= {"1", "2", "3"}
    assert all(isinstance(limit.max_units, int) for limit in limits)
    assert limits[0].rationale == "Code Descriptor / CPT Instruction"


def test_bundled_mue_excerpt_reads_fully():
    limits = list(read_mue_limits(BUNDLED_DATA / MUE_NAME))

    assert len(limits) == 44


def test_mue_reader_parses_each_indicator(tmp_path):
    path = write_mue(
        tmp_path,
        "99990,4,1 Line Edit,Test rationale",
        "99991,0,2 Date of Service Edit: Policy,",
        "J9990,120,3 Date of Service Edit: Clinical,Test rationale",
    )

    limits = list(read_mue_limits(path))

    assert [limit.adjudication_indicator for limit in limits] == ["1", "2", "3"]
    assert [limit.max_units for limit in limits] == [4, 0, 120]
    assert [limit.line for limit in limits] == [6, 7, 8]


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("99990,4,4 Line Edit,Test", "4 Line Edit"),
        ("99990,4,Line Edit,Test", "Line Edit"),
        ("99990,four,1 Line Edit,Test", "four"),
        ("99990,-1,1 Line Edit,Test", "-1"),
        ("9999,1,1 Line Edit,Test", "9999"),
    ],
)
def test_mue_bad_value_raises(tmp_path, row, value):
    path = write_mue(tmp_path, "99991,1,1 Line Edit,Test", row)

    with pytest.raises(InputFileError) as caught:
        list(read_mue_limits(path))

    assert_error_names(caught.value, path, 7, value)


def test_mue_missing_column_raises(tmp_path):
    path = write_mue(tmp_path, "99990,4")

    with pytest.raises(InputFileError) as caught:
        list(read_mue_limits(path))

    assert_error_names(caught.value, path, 6, "99990,4")


def test_mue_unexpected_header_raises(tmp_path):
    path = write_mue(tmp_path, "99990,4,1 Line Edit,Test", header="Code,Units\n")

    with pytest.raises(InputFileError) as caught:
        list(read_mue_limits(path))

    assert "no MUE header row" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("ccipra-v322r0-f1.txt", "NCCI PTP practitioner v32.2 r0"),
        ("ccipra-v322r0-f1.excerpt.txt", "NCCI PTP practitioner v32.2 r0"),
        ("ccioph-v311r1-f4.txt", "NCCI PTP outpatient hospital v31.1 r1"),
        (
            "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv",
            "MUE practitioner effective 2026-07-01",
        ),
        (
            "MCR_MUE_OutpatientHospitalServices_Eff_01-01-2027.csv",
            "MUE outpatient hospital effective 2027-01-01",
        ),
        ("edits.txt", None),
    ],
)
def test_release_label(name, label):
    assert release_label(name) == label
