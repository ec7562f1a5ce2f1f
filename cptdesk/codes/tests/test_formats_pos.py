import os
from pathlib import Path

import pytest

from cptdesk.codes.formats.pos import read_places_of_service, release_label
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
BUNDLED_POS = Path(__file__).resolve().parents[1] / "data" / "place_of_service.csv"
HEADER = "code,name,status,is_telehealth_pos,note\n"


@pytest.fixture(scope="module")
def shared_places():
    path = SHARED_DATA / "pos" / "place_of_service.csv"
    if not path.is_file():
        pytest.skip(
            f"Place-of-service file not found at {path}; set CPTDESK_SHARED_DATA to "
            "the folder that contains pos/"
        )
    return list(read_places_of_service(path))


def write_pos(tmp_path, *rows, encoding="utf-8"):
    path = tmp_path / "place_of_service.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding=encoding)
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_reader_reads_every_code(shared_places):
    assert len(shared_places) == 99


def test_reader_counts_assigned_codes(shared_places):
    assigned = [place for place in shared_places if place.is_assigned]

    assert len(assigned) == 51


def test_telehealth_codes_are_flagged(shared_places):
    telehealth = {place.code for place in shared_places if place.is_telehealth}

    assert telehealth == {"02", "10"}


def test_bundled_copy_reads_fully():
    places = list(read_places_of_service(BUNDLED_POS))

    assert [place.code for place in places] == [f"{n:02d}" for n in range(1, 100)]


def test_reader_keeps_note(tmp_path):
    path = write_pos(tmp_path, '66,Unassigned,unassigned,0,"Test note, with comma"')

    (place,) = read_places_of_service(path)

    assert place.note == "Test note, with comma"
    assert not place.is_assigned


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("1,Test place,assigned,0,", "1"),
        ("00,Test place,assigned,0,", "00"),
        ("11,Test place,retired,0,", "retired"),
        ("11,Test place,assigned,yes,", "yes"),
    ],
)
def test_bad_value_raises(tmp_path, row, value):
    path = write_pos(tmp_path, "12,Test home,assigned,0,", row)

    with pytest.raises(InputFileError) as caught:
        list(read_places_of_service(path))

    assert_error_names(caught.value, path, 3, value)


def test_missing_column_raises(tmp_path):
    path = write_pos(tmp_path, "11,Test place,assigned")

    with pytest.raises(InputFileError) as caught:
        list(read_places_of_service(path))

    assert_error_names(caught.value, path, 2, "11,Test place,assigned")


def test_header_without_column_raises(tmp_path):
    path = tmp_path / "pos.csv"
    path.write_text("code,name\n11,Test place\n")

    with pytest.raises(InputFileError) as caught:
        list(read_places_of_service(path))

    assert_error_names(caught.value, path, 1, "code,name")


def test_utf16_file_raises(tmp_path):
    path = write_pos(tmp_path, "11,Test place,assigned,0,", encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_places_of_service(path))

    assert "UTF-16" in str(caught.value)


def test_release_label_is_none():
    assert release_label("place_of_service.csv") is None
