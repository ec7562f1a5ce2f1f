import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cptdesk.conftest import PASSWORD

from .conftest import make_appointment, make_authorization

WEEK = datetime.timedelta(days=7)


def sign_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def board_row(page, visit):
    """Return the board row of one visit as text."""
    content = page.content.decode()
    start = content.index(f'id="visit-{visit.pk}"')
    return content[start : content.index("</tr>", start)]


def test_board_shows_linked_authorization(client, bob, maple, catalog):
    today = timezone.localdate()
    visit = make_appointment(maple, "PT-7", today, [("15823", 1)])
    authorization = make_authorization(
        maple, "PT-7", [("97110", 6)], today, today + WEEK, status="approved"
    )
    authorization.appointments.add(visit)
    sign_in(client, bob)

    row = board_row(client.get("/intake/board/"), visit)

    assert "Approved to" in row
    assert "(not linked)" not in row


def test_board_shows_year_of_authorization_end(client, bob, maple, catalog):
    today = timezone.localdate()
    ended = today - datetime.timedelta(days=359)
    visit = make_appointment(maple, "PT-7", today, [("97110", 1)])
    authorization = make_authorization(
        maple, "PT-7", [("97110", 6)], ended - WEEK, ended, status="approved"
    )
    authorization.appointments.add(visit)
    sign_in(client, bob)

    row = board_row(client.get("/intake/board/"), visit)

    assert f"Approved to {ended:%Y-%m-%d}" in row


def test_visit_page_shows_authorization_dates(client, bob, maple, catalog):
    day = datetime.date(2026, 12, 4)
    visit = make_appointment(maple, "PT-7", day, [("97110", 1)])
    authorization = make_authorization(
        maple,
        "PT-7",
        [("97110", 6)],
        datetime.date(2025, 6, 1),
        datetime.date(2025, 12, 10),
        status="approved",
    )
    authorization.appointments.add(visit)
    sign_in(client, bob)

    response = client.get(f"/intake/appointments/{visit.pk}/")

    assert "2025-06-01 to 2025-12-10" in response.content.decode()


def test_board_shows_covering_unlinked_authorization(client, bob, maple, catalog):
    today = timezone.localdate()
    medicare = catalog["medicare"]
    visit = make_appointment(maple, "PT-7", today, [("15823", 1)], payer=medicare)
    make_authorization(
        maple,
        "PT-7",
        [("15823", 1)],
        today - WEEK,
        today + WEEK,
        status="approved",
        payer=medicare,
    )
    sign_in(client, bob)

    row = board_row(client.get("/intake/board/"), visit)

    assert "Approved to" in row
    assert "(not linked)" in row
    assert "none for this visit" not in row


@pytest.mark.parametrize(
    ("patient", "code", "starts_in_days", "payer_key"),
    [
        ("PT-8", "15823", -7, "medicare"),  # another patient
        ("PT-7", "99213", -7, "medicare"),  # none of the visit's codes
        ("PT-7", "15823", 1, "medicare"),  # starts after the visit
        ("PT-7", "15823", -7, "acme"),  # another payer
    ],
)
def test_board_skips_authorization_for_other_visit(
    client, bob, maple, catalog, patient, code, starts_in_days, payer_key
):
    today = timezone.localdate()
    visit = make_appointment(
        maple, "PT-7", today, [("15823", 1)], payer=catalog["medicare"]
    )
    make_authorization(
        maple,
        patient,
        [(code, 1)],
        today + datetime.timedelta(days=starts_in_days),
        today + WEEK,
        status="approved",
        payer=catalog[payer_key],
    )
    sign_in(client, bob)

    row = board_row(client.get("/intake/board/"), visit)

    assert "Approved" not in row
    assert "none for this visit" in row


def test_board_matches_authorization_without_payer(client, bob, maple, catalog):
    today = timezone.localdate()
    visit = make_appointment(
        maple, "PT-7", today, [("15823", 1)], payer=catalog["medicare"]
    )
    make_authorization(maple, "PT-7", [("15823", 1)], None, None, status="requested")
    sign_in(client, bob)

    row = board_row(client.get("/intake/board/"), visit)

    assert "Requested" in row
    assert "(not linked)" in row


def test_board_query_count_is_flat(client, bob, maple, catalog):
    today = timezone.localdate()
    sign_in(client, bob)

    def count_queries(patients):
        for patient in patients:
            make_appointment(maple, patient, today, [("15823", 1)])
            make_authorization(maple, patient, [("15823", 1)], today, today)
        with CaptureQueriesContext(connection) as queries:
            client.get("/intake/board/")
        return len(queries)

    one_visit = count_queries(["PT-1"])
    four_visits = count_queries(["PT-2", "PT-3", "PT-4"])

    assert four_visits == one_visit
