import csv
import datetime
import os
from pathlib import Path

import pytest

from cptdesk.codes.formats.x12codes import read_adjustment_codes, release_label
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
BUNDLED_DATA = Path(__file__).resolve().parents[1] / "data"
FULL_HEADER = "code,description,start_date,last_modified_date,stop_date,status,notes\n"
NUMBER_COLUMNS = ["code", "start_date", "last_modified_date", "stop_date"]


def shared_file(name):
    path = SHARED_DATA / "x12_codes" / name
    if not path.is_file():
        pytest.skip(
            f"CARC/RARC list not found at {path}; set CPTDESK_SHARED_DATA to the "
            "folder that contains x12_codes/"
        )
    return path


def write_csv(tmp_path, header, *rows):
    path = tmp_path / "codes.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


@pytest.mark.parametrize(("name", "rows"), [("carc.csv", 308), ("rarc.csv", 1197)])
def test_full_list_reads_every_code(name, rows):
    codes = list(read_adjustment_codes(shared_file(name)))

    assert len(codes) == rows
    assert all(code.description for code in codes)


def test_full_list_parses_dates():
    codes = {code.code: code for code in read_adjustment_codes(shared_file("rarc.csv"))}

    assert codes["M4"].start_date == datetime.date(1997, 1, 1)
    assert codes["M4"].last_modified_date == datetime.date(2007, 4, 1)
    assert codes["M4"].status == "active"


@pytest.mark.parametrize("kind", ["carc", "rarc"])
def test_bundled_numbers_match_shared_list(kind):
    with open(shared_file(f"{kind}.csv"), newline="", encoding="utf-8") as csv_file:
        expected = [
            [row[name] for name in NUMBER_COLUMNS] for row in csv.DictReader(csv_file)
        ]
    with open(
        BUNDLED_DATA / f"{kind}_codes.csv", newline="", encoding="utf-8"
    ) as csv_file:
        bundled = list(csv.reader(csv_file))

    assert bundled[0] == NUMBER_COLUMNS
    assert bundled[1:] == expected


@pytest.mark.parametrize(("kind", "rows"), [("carc", 308), ("rarc", 1197)])
def test_bundled_numbers_read_without_text(kind, rows):
    codes = list(read_adjustment_codes(BUNDLED_DATA / f"{kind}_codes.csv"))

    assert len(codes) == rows
    assert all(code.description is None for code in codes)
    assert all(code.start_date for code in codes)


def test_numbers_without_last_modified_column(tmp_path):
    path = write_csv(tmp_path, "code,start_date,stop_date\n", "N999,2026-03-01,")

    (code,) = read_adjustment_codes(path)

    assert code.start_date == datetime.date(2026, 3, 1)
    assert code.last_modified_date is None
    assert code.stop_date is None


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("1,Test text,13/01/1995,,,active,", "13/01/1995"),
        ("1,Test text,01/01/95,,,active,", "01/01/95"),
        ("1,Test text,01/01/1995,,2020-02-30,deactivated,", "2020-02-30"),
        ("1,Test text,01/01/1995,,,retired,", "retired"),
        ("A-1,Test text,01/01/1995,,,active,", "A-1"),
        ("MA1234,Test text,01/01/1995,,,active,", "MA1234"),
    ],
)
def test_bad_value_raises(tmp_path, row, value):
    path = write_csv(tmp_path, FULL_HEADER, "2,Test text,01/01/1995,,,active,", row)

    with pytest.raises(InputFileError) as caught:
        list(read_adjustment_codes(path))

    assert_error_names(caught.value, path, 3, value)


def test_missing_column_raises(tmp_path):
    path = write_csv(tmp_path, FULL_HEADER, "1,Test text,01/01/1995")

    with pytest.raises(InputFileError) as caught:
        list(read_adjustment_codes(path))

    assert_error_names(caught.value, path, 2, "1,Test text,01/01/1995")


def test_unknown_header_raises(tmp_path):
    path = write_csv(tmp_path, "code,text\n", "1,Test text")

    with pytest.raises(InputFileError) as caught:
        list(read_adjustment_codes(path))

    assert_error_names(caught.value, path, 1, "code,text")


def test_utf16_file_raises(tmp_path):
    path = tmp_path / "carc.csv"
    path.write_text(FULL_HEADER + "1,Test text,01/01/1995,,,active,\n", "utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_adjustment_codes(path))

    assert "UTF-16" in str(caught.value)


def test_release_label_is_none():
    assert release_label("carc.csv") is None
