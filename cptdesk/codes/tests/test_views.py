import pytest
from django.urls import reverse

from cptdesk.codes.models import DataRelease
from cptdesk.conftest import PASSWORD

PAGES = [
    reverse("codes:search"),
    reverse("codes:code", args=["J0585"]),
    reverse("codes:reference"),
    reverse("codes:api-search") + "?q=J05",
    reverse("codes:api-lookup", args=["J0585"]),
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_require_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_public(client, db):
    assert client.get(reverse("login")).status_code == 200


def test_login_with_password_opens_search(client, bob):
    response = client.post(
        reverse("login"), {"username": "bob", "password": PASSWORD}, follow=True
    )

    assert response.request["PATH_INFO"] == reverse("codes:search")


def test_search_page_lists_hits(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:search"), {"q": "J058"})

    assert b"<html" in response.content
    assert b"J0585" in response.content


def test_search_fragment_for_htmx(client, bob, django_assert_max_num_queries):
    client.force_login(bob)

    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("codes:search"), {"q": "wheelchair"}, headers={"HX-Request": "true"}
        )

    assert b"<html" not in response.content
    assert b"K0001" in response.content


def test_search_fragment_says_when_nothing_matches(client, bob):
    client.force_login(bob)

    response = client.get(
        reverse("codes:search"), {"q": "zzzqqq"}, headers={"HX-Request": "true"}
    )

    assert b"Nothing matches" in response.content


def test_code_page_shows_prior_auth_pairing(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:code", args=["64612"]))

    assert b"J0585, J0586, J0587, J0588" in response.content
    assert b"published by the AMA" in response.content


def test_code_page_date_moves_status(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:code", args=["64492"]), {"date": "2024-09-02"})

    assert b"Not on the list for this date of service" in response.content


def test_invalid_code_page_explains(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:code", args=["1234"]))

    assert b"four characters" in response.content


def test_api_lookup_returns_json(client, bob):
    client.force_login(bob)

    data = client.get(reverse("codes:api-lookup", args=["J0585"])).json()

    assert data["description"]["release"] == "HCPCS 2026 January"


def test_api_lookup_rejects_bad_date(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:api-lookup", args=["J0585"]), {"date": "3/1"})

    assert response.status_code == 400


def test_front_desk_cannot_load_reference_data(client, bob, tmp_path):
    client.force_login(bob)
    upload = tmp_path / "pos.csv"
    upload.write_text("code,name\n11,Office\n")

    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "pos", "file": handle}
        )

    assert response.status_code == 403


def test_admin_upload_of_bad_file_loads_nothing(client, alice, tmp_path):
    client.force_login(alice)
    upload = tmp_path / "MCR_MUE_bad.csv"
    upload.write_text("not,an,mue\nfile,at,all\n")
    before = DataRelease.objects.count()

    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "mue", "file": handle}, follow=True
        )

    assert response.status_code == 200
    assert b"Nothing was loaded" in response.content
    assert b"MCR_MUE_bad.csv" in response.content
    assert DataRelease.objects.count() == before


def test_cpt_upload_needs_licence_declaration(client, alice, tmp_path):
    client.force_login(alice)
    upload = tmp_path / "cpt.csv"
    upload.write_text("code,descriptor\n99213,Invented text\n")

    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "cpt", "file": handle}
        )

    assert b"Declare your practice" in response.content
    assert not DataRelease.objects.filter(kind="cpt").exists()


def test_licensed_cpt_text_hidden_from_other_practice(client, alice, charlie, tmp_path):
    client.force_login(alice)
    client.post(reverse("codes:reference"), {"declare_cpt_licence": "yes"})
    upload = tmp_path / "cpt.csv"
    upload.write_text("code,descriptor\n99213,Invented office visit text\n")
    with open(upload, "rb") as handle:
        client.post(reverse("codes:reference"), {"kind": "cpt", "file": handle})

    own = client.get(reverse("codes:code", args=["99213"]))
    client.force_login(charlie)
    other = client.get(reverse("codes:code", args=["99213"]))
    other_search = client.get(reverse("codes:api-search"), {"q": "invented office"})

    assert b"Invented office visit text" in own.content
    assert b"Invented office visit text" not in other.content
    assert other_search.json()["results"] == []


def test_admin_upload_shows_result_page(client, alice, tmp_path):
    client.force_login(alice)
    upload = tmp_path / "place_of_service.csv"
    upload.write_text(
        "code,name,status,is_telehealth_pos,note\n11,Office,assigned,0,\n"
    )

    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "pos", "file": handle}, follow=True
        )

    assert b"Loaded 1 row of" in response.content
    assert b"<h1>Reference import: place_of_service.csv</h1>" in response.content
    assert DataRelease.objects.get(kind="pos", is_current=True).rows == 1


def test_import_job_progress_fragment(client, alice, tmp_path):
    client.force_login(alice)
    upload = tmp_path / "place_of_service.csv"
    upload.write_text(
        "code,name,status,is_telehealth_pos,note\n11,Office,assigned,0,\n"
    )
    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "pos", "file": handle}
        )

    fragment = client.get(response["Location"], headers={"HX-Request": "true"})

    assert b"<html" not in fragment.content
    assert b"Loaded 1 row of" in fragment.content


def test_import_job_of_other_practice_is_404(client, alice, charlie, tmp_path):
    client.force_login(alice)
    upload = tmp_path / "place_of_service.csv"
    upload.write_text(
        "code,name,status,is_telehealth_pos,note\n11,Office,assigned,0,\n"
    )
    with open(upload, "rb") as handle:
        response = client.post(
            reverse("codes:reference"), {"kind": "pos", "file": handle}
        )
    client.force_login(charlie)

    assert client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize("job_id", ["nope", "..", "secret_key", "0" * 32])
def test_unknown_import_job_is_404(client, alice, job_id):
    client.force_login(alice)

    response = client.get(reverse("codes:import-job", args=[job_id]))

    assert response.status_code == 404


def test_withdrawing_licence_hides_cpt_text(client, alice, tmp_path):
    client.force_login(alice)
    client.post(reverse("codes:reference"), {"declare_cpt_licence": "yes"})
    upload = tmp_path / "cpt.csv"
    upload.write_text("code,descriptor\n99213,Invented office visit text\n")
    with open(upload, "rb") as handle:
        client.post(reverse("codes:reference"), {"kind": "cpt", "file": handle})

    client.post(reverse("codes:reference"), {"declare_cpt_licence": "no"})

    page = client.get(reverse("codes:code", args=["99213"]))
    found = client.get(reverse("codes:api-search"), {"q": "invented office"})
    assert b"Invented office visit text" not in page.content
    assert found.json()["results"] == []
