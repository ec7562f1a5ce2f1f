import datetime

import pytest

from cptdesk.intake.scheduleformat import (
    ScheduleHeaderError,
    parse_mapping,
    read_schedule,
)

HEADER = "patient,date,time,provider,payer,plan,place_of_service,codes\n"


def one_row(values, header=HEADER, mapping=None):
    rows, errors = read_schedule(header + values + "\n", mapping)
    return rows, errors


@pytest.mark.parametrize("text", ["2026-03-01", "03/01/2026", "3/1/26", "01-Mar-2026"])
def test_date_formats(text):
    rows, _ = one_row(f"PT-1,{text},09:00,,,,11,99213")

    assert rows[0].date == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", (14, 30)),
        ("2:30 PM", (14, 30)),
        ("2:30pm", (14, 30)),
        ("9:05 AM", (9, 5)),
    ],
)
def test_time_formats(text, expected):
    rows, _ = one_row(f"PT-1,2026-03-01,{text},,,,11,99213")

    assert (rows[0].time.hour, rows[0].time.minute) == expected


def test_codes_with_units_and_separators():
    rows, _ = one_row("PT-1,2026-03-01,09:00,,,,11,97110:2;97140 J0585:4")

    assert [(line.code, line.units) for line in rows[0].lines] == [
        ("97110", 2),
        ("97140", 1),
        ("J0585", 4),
    ]


@pytest.mark.parametrize(
    ("values", "column", "value"),
    [
        ("PT-1,2026-02-30,09:00,,,,11,99213", "date", "2026-02-30"),
        ("PT-1,2026-03-01,25:00,,,,11,99213", "time", "25:00"),
        ("PT-1,2026-03-01,09:00,,,,11,9921", "codes", "9921"),
        ("PT-1,2026-03-01,09:00,,,,11,99213:0", "codes", "99213:0"),
        (",2026-03-01,09:00,,,,11,99213", "patient", ""),
        ("PT-1,2026-03-01,09:00,,,,1X,99213", "place_of_service", "1X"),
    ],
)
def test_row_errors_name_row_column_value(values, column, value):
    _, errors = one_row(values)

    assert (errors[0].row, errors[0].column, errors[0].value) == (2, column, value)


@pytest.mark.parametrize(
    ("place", "problem"),
    [
        ("29", "CMS lists place of service 29 as unassigned"),
        ("00", "00 is not a CMS place of service code"),
        ("0", "00 is not a CMS place of service code"),
    ],
)
def test_unusable_place_of_service_is_row_error(place, problem):
    rows, errors = one_row(f"PT-1,2026-03-01,09:00,,,,{place},99213")

    assert rows == []
    assert (errors[0].row, errors[0].column, errors[0].value) == (
        2,
        "place_of_service",
        place,
    )
    assert errors[0].problem == (
        f"{problem}. Use an assigned place of service code, such as 11 or 22."
    )


@pytest.mark.parametrize("place", ["999", "1.0", "ab"])
def test_malformed_place_of_service_asks_for_two_digits(place):
    _, errors = one_row(f"PT-1,2026-03-01,09:00,,,,{place},99213")

    assert errors[0].column == "place_of_service"
    assert "two-digit CMS place of service code" in errors[0].problem


@pytest.mark.parametrize(("place", "stored"), [("2", "02"), ("02", "02"), ("11", "11")])
def test_assigned_place_of_service_is_kept(place, stored):
    rows, errors = one_row(f"PT-1,2026-03-01,09:00,,,,{place},99213")

    assert errors == []
    assert rows[0].place_of_service == stored


def test_missing_column_is_header_error():
    with pytest.raises(ScheduleHeaderError) as raised:
        read_schedule("patient,date,codes\nPT-1,2026-03-01,99213\n")

    assert raised.value.errors[0].column == "time"


def test_mapping_reads_other_headers():
    header = "MRN,Appt Date,Start,CPT\n"
    mapping = parse_mapping("patient=MRN,date=Appt Date,time=Start,codes=CPT")

    rows, errors = one_row("PT-9,2026-03-01,10:00,99213", header, mapping)

    assert errors == []
    assert rows[0].patient == "PT-9"


def test_mapping_rejects_unknown_column():
    with pytest.raises(ValueError, match="invalid mapping"):
        parse_mapping("mrn=MRN")


def test_same_visit_gets_same_key():
    first, _ = one_row("PT-1,2026-03-01,09:00,Dr. A,,,11,99213")
    again, _ = one_row("PT-1,03/01/2026,9:00 AM,dr. a,,,11,99214")

    assert first[0].key() == again[0].key()


def test_blank_lines_are_skipped():
    rows, errors = read_schedule(
        HEADER + "\n,,,,,,,\nPT-1,2026-03-01,09:00,,,,,99213\n"
    )

    assert len(rows) == 1
    assert errors == []
