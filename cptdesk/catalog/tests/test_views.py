import pytest
from django.urls import reverse

from cptdesk.catalog import actions
from cptdesk.catalog.models import Payer, Service


def service_pages(service):
    return [
        reverse("catalog:service", args=[service.pk]),
        reverse("catalog:service-edit", args=[service.pk]),
        reverse("catalog:service-letter", args=[service.pk]),
    ]


READ_PAGES = [
    reverse("catalog:services"),
    reverse("catalog:payers"),
    reverse("catalog:rules"),
    reverse("catalog:export", args=["csv"]),
    reverse("catalog:export", args=["yaml"]),
]
EDIT_PAGES = [reverse("catalog:service-new"), reverse("catalog:payer-new")]
POST_ONLY = [
    reverse("catalog:import"),
    reverse("catalog:install-medicare"),
    reverse("catalog:rule-pack-import"),
]


@pytest.mark.parametrize("url", READ_PAGES + EDIT_PAGES)
def test_pages_require_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", READ_PAGES)
def test_front_desk_reads_pages(client, bob, url):
    client.force_login(bob)

    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_front_desk_cannot_open_edit_pages(client, bob, url):
    client.force_login(bob)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", POST_ONLY)
def test_front_desk_cannot_post_writes(client, bob, url):
    client.force_login(bob)

    assert client.post(url).status_code == 403


def test_front_desk_cannot_edit_service(client, bob, knee_mri):
    client.force_login(bob)
    url = reverse("catalog:service-edit", args=[knee_mri.pk])

    response = client.post(url, {"name": "Changed"})

    knee_mri.refresh_from_db()
    assert response.status_code == 403
    assert knee_mri.name == "Knee MRI without contrast"


def test_front_desk_sees_no_edit_link(client, bob, knee_mri):
    client.force_login(bob)

    response = client.get(reverse("catalog:service", args=[knee_mri.pk]))

    assert (
        reverse("catalog:service-edit", args=[knee_mri.pk]).encode()
        not in response.content
    )


def test_other_practice_gets_404(client, charlie, knee_mri):
    client.force_login(charlie)

    statuses = [client.get(url).status_code for url in service_pages(knee_mri)]

    assert statuses == [404, 404, 404]


def test_service_page_text_id_is_404(client, bob):
    client.force_login(bob)

    response = client.get("/catalog/services/botox/")

    assert response.status_code == 404


def test_other_practice_cannot_edit_payer(client, charlie, bcbs):
    client.force_login(charlie)

    response = client.get(reverse("catalog:payer-edit", args=[bcbs.pk]))

    assert response.status_code == 404


def test_service_list_filters_as_you_type(
    client, bob, knee_mri, django_assert_max_num_queries
):
    client.force_login(bob)

    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("catalog:services"),
            {"q": "mri knee"},
            headers={"HX-Request": "true"},
        )

    assert b"<html" not in response.content
    assert b"Knee MRI without contrast" in response.content


def test_service_list_finds_code(client, bob, knee_mri):
    client.force_login(bob)

    response = client.get(reverse("catalog:services"), {"q": "7372"})

    assert b"Knee MRI without contrast" in response.content


def test_service_list_query_count_is_flat(
    client, bob, maple, django_assert_max_num_queries
):
    for number in range(20):
        Service.objects.create(practice=maple, name=f"Service {number}")
    client.force_login(bob)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalog:services"))

    assert response.content.count(b"data-result") == 20


def test_rule_list_query_count_is_flat(
    client, alice, maple, django_assert_max_num_queries
):
    actions.install_medicare_pack(maple)
    client.force_login(alice)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("catalog:rules"))

    assert b"Page 1 of 2" in response.content


def test_rule_list_filters_by_code(client, bob, maple):
    actions.install_medicare_pack(maple)
    client.force_login(bob)

    response = client.get(reverse("catalog:rules"), {"code": "64612"})

    assert b"Only with J0585, J0586, J0587, J0588" in response.content
    assert b"64493" not in response.content


def test_rule_list_marks_unconfirmed_source(client, bob, maple):
    actions.install_medicare_pack(maple)
    client.force_login(bob)

    response = client.get(reverse("catalog:rules"), {"code": "67904"})

    assert b"Unconfirmed: check the source" in response.content


def test_rule_list_filters_by_payer(client, bob, maple, bcbs):
    actions.install_medicare_pack(maple)
    client.force_login(bob)

    response = client.get(reverse("catalog:rules"), {"payer": bcbs.pk})

    assert b"No rule matches" in response.content


def test_supervisor_creates_service_with_codes(client, alice):
    client.force_login(alice)
    data = form_data(name="Lumbar MRI", codes=[("72148", "1")])

    response = client.post(reverse("catalog:service-new"), data)

    service = Service.objects.get(name="Lumbar MRI")
    assert response.status_code == 302
    assert list(service.codes.values_list("code", flat=True)) == ["72148"]


def test_service_form_rejects_bad_code(client, alice):
    client.force_login(alice)
    data = form_data(name="Lumbar MRI", codes=[("7214", "1")])

    response = client.post(reverse("catalog:service-new"), data)

    assert response.status_code == 200
    assert not Service.objects.filter(name="Lumbar MRI").exists()


def test_service_form_rejects_unassigned_place(client, alice):
    client.force_login(alice)
    data = form_data(name="Lumbar MRI", codes=[("72148", "1")])
    data["place_of_service"] = "66"

    response = client.post(reverse("catalog:service-new"), data)

    assert response.status_code == 200
    assert b"CMS lists place of service 66 as unassigned" in response.content
    assert b"Use an assigned place of service code" in response.content
    assert not Service.objects.filter(name="Lumbar MRI").exists()


def test_service_form_keeps_assigned_place(client, alice):
    client.force_login(alice)
    data = form_data(name="Lumbar MRI", codes=[("72148", "1")])
    data["place_of_service"] = "22"

    response = client.post(reverse("catalog:service-new"), data)

    assert response.status_code == 302
    assert Service.objects.get(name="Lumbar MRI").place_of_service == "22"


def test_service_form_pads_one_digit_place(client, alice):
    client.force_login(alice)
    data = form_data(name="Home visit", codes=[("72148", "1")])
    data["place_of_service"] = "2"

    response = client.post(reverse("catalog:service-new"), data)

    assert response.status_code == 302
    assert Service.objects.get(name="Home visit").place_of_service == "02"


def test_saved_service_is_searchable(client, alice, maple):
    client.force_login(alice)
    data = form_data(
        name="Migraine injections", aliases="Botox", codes=[("64615", "1")]
    )

    client.post(reverse("catalog:service-new"), data)
    response = client.get(reverse("codes:search"), {"q": "botox"})

    service = Service.objects.get(name="Migraine injections")
    assert reverse("catalog:service", args=[service.pk]).encode() in response.content


def test_letter_has_practice_date_and_blank(client, bob, knee_mri):
    client.force_login(bob)

    response = client.get(reverse("catalog:service-letter", args=[knee_mri.pk]))

    assert b"Maple Street Clinic" in response.content
    assert b"Patient name:" in response.content
    assert b"Leave jewelry at home." in response.content


def test_import_upload_reports_bad_row(client, alice, knee_mri):
    client.force_login(alice)
    upload = upload_file("bad.csv", b"name,codes\nKnee MRI without contrast,7372\n")

    response = client.post(reverse("catalog:import"), {"file": upload}, follow=True)

    assert b"line 2" in response.content
    assert b"Nothing was imported" in response.content
    assert list(knee_mri.codes.values_list("code", flat=True)) == ["73721"]


def test_export_then_import_changes_nothing(client, alice, knee_mri):
    client.force_login(alice)
    exported = client.get(reverse("catalog:export", args=["yaml"])).content

    response = client.post(
        reverse("catalog:import"),
        {"file": upload_file("catalog.yaml", exported)},
        follow=True,
    )

    assert b"already up to date" in response.content


def test_install_medicare_button(client, alice, maple):
    client.force_login(alice)

    response = client.post(reverse("catalog:install-medicare"), follow=True)

    assert b"Installed Medicare fee-for-service prior authorization" in response.content


def test_supervisor_adds_payer_with_plan(client, alice, maple):
    client.force_login(alice)
    data = {
        "name": "UnitedHealthcare",
        "kind": "commercial",
        "aliases": "UHC",
        **management("plans", 1),
        "plans-0-name": "Navigate HMO",
        "plans-0-aliases": "UHC HMO",
    }

    client.post(reverse("catalog:payer-new"), data)

    payer = Payer.objects.get(practice=maple)
    assert payer.alias_list == ["UHC"]
    assert payer.plans.get().name == "Navigate HMO"


def form_data(name, codes, aliases=""):
    data = {"name": name, "aliases": aliases, "slot_minutes": "30", "active": "on"}
    data |= management("codes", len(codes))
    for index, (code, units) in enumerate(codes):
        data |= {f"codes-{index}-code": code, f"codes-{index}-units": units}
    data |= management("documents", 0)
    return data


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def upload_file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_service_form_rejects_slot_longer_than_import_allows(maple):
    from cptdesk.catalog.forms import ServiceForm

    form = ServiceForm(
        data={"name": "Sleep study", "slot_minutes": 9999}, practice=maple
    )

    assert not form.is_valid()
    assert "slot_minutes" in form.errors
