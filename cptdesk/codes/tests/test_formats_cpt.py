import pytest

from cptdesk.codes.formats.cpt import read_cpt_descriptors, release_label
from cptdesk.lib.inputerrors import InputFileError


def write_csv(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "licensed_cpt.csv"
    path.write_bytes(text.encode(encoding))
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_reader_yields_codes_and_descriptors(tmp_path):
    path = write_csv(
        tmp_path,
        'code,descriptor\n99990,Test descriptor one\n0001F,"Test descriptor, two"\n',
    )

    records = list(read_cpt_descriptors(path))

    assert [record.code for record in records] == ["99990", "0001F"]
    assert records[1].descriptor == "Test descriptor, two"
    assert [record.line for record in records] == [2, 3]


@pytest.mark.parametrize("code", ["99990", "0001F", "0042T", "0001U", "0002M", "0001A"])
def test_cpt_shaped_codes_are_accepted(tmp_path, code):
    path = write_csv(tmp_path, f"code,descriptor\n{code},Test descriptor\n")

    (record,) = read_cpt_descriptors(path)

    assert record.code == code


@pytest.mark.parametrize(
    "code", ["J0585", "1234", "123456", "1234X", "F0001", "0001f1"]
)
def test_other_codes_raise(tmp_path, code):
    path = write_csv(tmp_path, f"code,descriptor\n99990,Test\n{code},Test descriptor\n")

    with pytest.raises(InputFileError) as caught:
        list(read_cpt_descriptors(path))

    assert_error_names(caught.value, path, 3, code)


def test_lowercase_suffix_is_uppercased(tmp_path):
    path = write_csv(tmp_path, "code,descriptor\n0001f,Test descriptor\n")

    (record,) = read_cpt_descriptors(path)

    assert record.code == "0001F"


def test_bom_and_windows_1252_are_read(tmp_path):
    text = "\ufeffcode,descriptor\r\n99990,Test descriptor caf\u00e9\r\n"
    path = tmp_path / "licensed_cpt.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text[1:].encode("cp1252"))

    (record,) = read_cpt_descriptors(path)

    assert record.descriptor == "Test descriptor caf\u00e9"


def test_multiline_descriptor_keeps_next_line_number(tmp_path):
    path = write_csv(
        tmp_path,
        'code,descriptor\n99990,"Test descriptor\nover two lines"\n99991,Test\n',
    )

    records = list(read_cpt_descriptors(path))

    assert [record.line for record in records] == [2, 4]


def test_missing_header_raises(tmp_path):
    path = write_csv(tmp_path, "99990,Test descriptor one\n")

    with pytest.raises(InputFileError) as caught:
        list(read_cpt_descriptors(path))

    assert_error_names(caught.value, path, 1, "99990,Test descriptor one")


def test_missing_descriptor_raises(tmp_path):
    path = write_csv(tmp_path, "code,descriptor\n99990,\n")

    with pytest.raises(InputFileError) as caught:
        list(read_cpt_descriptors(path))

    assert_error_names(caught.value, path, 2, "99990")


def test_missing_column_raises(tmp_path):
    path = write_csv(tmp_path, "code,descriptor\n99990\n")

    with pytest.raises(InputFileError) as caught:
        list(read_cpt_descriptors(path))

    assert_error_names(caught.value, path, 2, "99990")


def test_utf16_file_raises(tmp_path):
    path = write_csv(tmp_path, "code,descriptor\n99990,Test\n", encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_cpt_descriptors(path))

    assert "UTF-16" in str(caught.value)


def test_release_label_is_none():
    assert release_label("licensed_cpt.csv") is None
