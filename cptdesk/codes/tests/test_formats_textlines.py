import pytest

from cptdesk.codes.formats.textlines import (
    iter_csv_rows,
    iter_lines,
    iter_lines_one_encoding,
)
from cptdesk.lib.inputerrors import InputFileError


def test_utf16_without_bom_raises(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes("code,name\n11,Test\n".encode("utf-16-le"))

    with pytest.raises(InputFileError) as caught:
        list(iter_lines(path))

    assert "NUL" in str(caught.value)
    assert "line 1" in str(caught.value)


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes(b"\xef\xbb\xbfcode\n")

    lines = list(iter_lines(path))

    assert lines == [(1, "code\n")]


def test_lines_fall_back_to_windows_1252(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_bytes("caf\u00e9\n".encode() + "caf\u00e9\n".encode("cp1252"))

    lines = [text for _number, text in iter_lines(path)]

    assert lines == ["caf\u00e9\n", "caf\u00e9\n"]


def test_block_decoding_reports_bad_line(tmp_path):
    path = tmp_path / "edits.txt"
    path.write_bytes(b"one\ntwo\nth\x81ree\n")

    with pytest.raises(InputFileError) as caught:
        list(iter_lines_one_encoding(path, "cp1252"))

    assert "line 3" in str(caught.value)


def test_csv_rows_number_physical_lines(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('a,"one\ntwo\nthree"\n\nb,c\n')

    rows = list(iter_csv_rows(path))

    assert rows == [(1, ["a", "one\ntwo\nthree"]), (5, ["b", "c"])]


def test_invalid_csv_quoting_raises(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('a,b\nc,"d"e\n')

    with pytest.raises(InputFileError) as caught:
        list(iter_csv_rows(path))

    assert "line 2" in str(caught.value)
    assert "invalid CSV" in str(caught.value)
