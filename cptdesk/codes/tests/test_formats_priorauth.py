import datetime
import os
from collections import Counter
from pathlib import Path

import pytest

from cptdesk.codes.formats.priorauth import (
    DMEPOS,
    HOSPITAL_OUTPATIENT,
    read_prior_auth,
    release_label,
)
from cptdesk.lib.inputerrors import InputFileError

SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
BUNDLED_DATA = Path(__file__).resolve().parents[1] / "data"
OPD_NAME = "opd_prior_auth_codes.csv"
DMEPOS_NAME = "dmepos_required_prior_auth_list.csv"
OPD_HEADER = (
    "service_category,code,code_role,pa_effective_from,pa_removed,confidence,"
    "source,note\n"
)
DMEPOS_HEADER = (
    "policy_group,hcpcs,pa_status,hcpcs_short_description_2026,note,source\n"
)


def shared_file(name):
    path = SHARED_DATA / "prior_auth" / name
    if not path.is_file():
        pytest.skip(
            f"Prior-authorization list not found at {path}; set CPTDESK_SHARED_DATA "
            "to the folder that contains prior_auth/"
        )
    return path


def write_csv(tmp_path, header, *rows):
    path = tmp_path / "list.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def assert_error_names(error, path, line, value):
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert repr(value) in message


def test_opd_list_reads_every_row():
    entries = list(read_prior_auth(shared_file(OPD_NAME)))

    assert len(entries) == 53
    assert {entry.list_name for entry in entries} == {HOSPITAL_OUTPATIENT}


def test_dmepos_list_reads_every_row():
    entries = list(read_prior_auth(shared_file(DMEPOS_NAME)))

    assert len(entries) == 124
    assert {entry.list_name for entry in entries} == {DMEPOS}


def test_botulinum_pairing_roles_are_kept():
    entries = read_prior_auth(shared_file(OPD_NAME))

    roles = {entry.code: entry.code_role for entry in entries}

    assert all("paired" in roles[f"J058{digit}"] for digit in "5678")
    assert "paired" in roles["64612"]
    assert "paired" in roles["64615"]


def test_month_only_removal_reads_first_day():
    entries = read_prior_auth(shared_file(OPD_NAME))

    removed = {entry.code: entry for entry in entries if entry.status == "removed"}

    assert set(removed) == {"64492", "64495"}
    assert removed["64492"].removed_on == datetime.date(2024, 8, 1)
    assert removed["64492"].removed_text.startswith("2024-08 ")


def test_dmepos_statuses_are_split():
    entries = list(read_prior_auth(shared_file(DMEPOS_NAME)))

    counts = Counter(entry.status for entry in entries)
    voluntary = next(entry for entry in entries if entry.status == "voluntary")

    assert counts["required"] == 67
    assert counts["suspended"] == 3
    assert voluntary.status_detail.startswith("may be submitted")


@pytest.mark.parametrize(("name", "rows"), [(OPD_NAME, 53), (DMEPOS_NAME, 124)])
def test_bundled_copy_reads_fully(name, rows):
    entries = list(read_prior_auth(BUNDLED_DATA / name))

    assert len(entries) == rows


def test_opd_full_removal_date_is_parsed(tmp_path):
    path = write_csv(
        tmp_path, OPD_HEADER, "Test services,99990,procedure,2020-07-01,2025-01-15,,,"
    )

    (entry,) = read_prior_auth(path)

    assert entry.removed_on == datetime.date(2025, 1, 15)
    assert entry.effective_from == datetime.date(2020, 7, 1)


@pytest.mark.parametrize(
    ("row", "value"),
    [
        ("Test services,99990,procedure,2020-13-01,,,,", "2020-13-01"),
        ("Test services,99990,procedure,07/01/2020,,,,", "07/01/2020"),
        ("Test services,99990,procedure,2020-07-01,2024-8,,,", "2024-8"),
        ("Test services,99990,procedure,,,,,", ""),
        ("Test services,9999,procedure,2020-07-01,,,,", "9999"),
    ],
)
def test_opd_bad_value_raises(tmp_path, row, value):
    path = write_csv(tmp_path, OPD_HEADER, row)

    with pytest.raises(InputFileError) as caught:
        list(read_prior_auth(path))

    assert_error_names(caught.value, path, 2, value)


def test_dmepos_bad_status_raises(tmp_path):
    path = write_csv(tmp_path, DMEPOS_HEADER, "Test group,L9990,maybe,Test item,,")

    with pytest.raises(InputFileError) as caught:
        list(read_prior_auth(path))

    assert_error_names(caught.value, path, 2, "maybe")


def test_missing_column_raises(tmp_path):
    path = write_csv(tmp_path, DMEPOS_HEADER, "Test group,L9990,required")

    with pytest.raises(InputFileError) as caught:
        list(read_prior_auth(path))

    assert_error_names(caught.value, path, 2, "Test group,L9990,required")


def test_unknown_header_raises(tmp_path):
    path = write_csv(tmp_path, "code,list\n", "99990,test")

    with pytest.raises(InputFileError) as caught:
        list(read_prior_auth(path))

    assert_error_names(caught.value, path, 1, "code,list")


def test_utf16_file_raises(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(OPD_HEADER, encoding="utf-16")

    with pytest.raises(InputFileError) as caught:
        list(read_prior_auth(path))

    assert "UTF-16" in str(caught.value)


def test_release_label_is_none():
    assert release_label(OPD_NAME) is None
