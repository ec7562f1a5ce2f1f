import pytest
from django.urls import reverse

from cptdesk.guide.models import Script

NEW_SCRIPT = {
    "title": "Can I bring my own brace?",
    "audience": "patient",
    "stage": "pre_service",
    "tags": ["coverage_question"],
    "situation": "A patient asks about bringing a brace for {service}.",
    "say": "I'll ask {provider}'s team and call you by {due_date}.",
    "never_say": "",
    "route_when": "Always.",
    "route_to": "provider",
}


def test_list_requires_login(client, db):
    response = client.get(reverse("guide:scripts"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_installs_starters_on_first_use(client, bob, maple):
    client.force_login(bob)

    response = client.get(reverse("guide:scripts"))

    assert b"What will this cost?" in response.content
    assert Script.objects.filter(practice=maple, is_starter=True).count() >= 12


def test_list_filters_by_tag(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:scripts"), {"tag": "referral"})

    assert b"Do I need a referral?" in response.content
    assert b"What will this cost?" not in response.content


def test_list_query_count(client, bob, django_assert_max_num_queries):
    client.force_login(bob)
    client.get(reverse("guide:scripts"))

    with django_assert_max_num_queries(8):
        response = client.get(reverse("guide:scripts"))

    assert response.status_code == 200


def test_detail_fills_placeholders(client, bob, maple_script):
    client.force_login(bob)

    response = client.get(
        reverse("guide:script", args=[maple_script.pk]), {"service": "knee MRI"}
    )

    assert b"validate tickets for knee MRI visits" in response.content
    assert b"Copy what to say" in response.content


def test_detail_fragment_for_htmx(client, bob, maple_script):
    client.force_login(bob)

    response = client.get(
        reverse("guide:script", args=[maple_script.pk]),
        {"service": "CT"},
        headers={"HX-Request": "true"},
    )

    assert b"<html" not in response.content
    assert b"for CT visits" in response.content


def test_detail_explains_unknown_placeholder(client, bob, maple_script):
    maple_script.say = "Hello {patient_name}."
    maple_script.save()
    client.force_login(bob)

    response = client.get(reverse("guide:script", args=[maple_script.pk]))

    assert b"Unknown placeholder {patient_name}" in response.content


def test_other_practice_gets_404_on_script(client, charlie, maple_script):
    client.force_login(charlie)

    response = client.get(reverse("guide:script", args=[maple_script.pk]))

    assert response.status_code == 404


def test_other_supervisor_gets_404_on_edit(client, birch, maple_script):
    from cptdesk.accounts.actions import create_user

    dora, _ = create_user(birch, "dora", ["supervisor"])
    client.force_login(dora)

    response = client.get(reverse("guide:script-edit", args=[maple_script.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("url_name", ["guide:script-new", "guide:script-edit"])
def test_front_desk_cannot_edit_scripts(client, bob, maple_script, url_name):
    client.force_login(bob)
    args = [maple_script.pk] if url_name == "guide:script-edit" else []

    response = client.post(reverse(url_name, args=args), NEW_SCRIPT)

    assert response.status_code == 403


def test_supervisor_creates_script(client, alice, maple):
    client.force_login(alice)

    response = client.post(reverse("guide:script-new"), NEW_SCRIPT)

    script = Script.objects.get(practice=maple, title=NEW_SCRIPT["title"])
    assert response.status_code == 302
    assert script.key == "can-i-bring-my-own-brace"
    assert script.tag_list == ["coverage_question"]
    assert script.updated_by == alice


def test_save_rejects_coverage_promise(client, alice, maple):
    client.force_login(alice)
    data = {**NEW_SCRIPT, "say": "Don't worry, your plan will cover the brace."}

    response = client.post(reverse("guide:script-new"), data)

    assert response.status_code == 200
    assert "Coverage promise" in response.content.decode()
    assert not Script.objects.filter(practice=maple, title=NEW_SCRIPT["title"]).exists()


def test_save_rejects_quoted_promise(client, alice, maple):
    client.force_login(alice)
    data = {**NEW_SCRIPT, "say": 'Tell the patient: "Your plan will cover it."'}

    response = client.post(reverse("guide:script-new"), data)

    assert response.status_code == 200
    assert "Coverage promise" in response.content.decode()
    assert not Script.objects.filter(practice=maple, title=NEW_SCRIPT["title"]).exists()


def test_save_rejects_unknown_placeholder(client, alice, maple):
    client.force_login(alice)
    data = {**NEW_SCRIPT, "say": "Hello {patient_name}."}

    response = client.post(reverse("guide:script-new"), data)

    assert b"Unknown placeholder {patient_name}" in response.content
    assert not Script.objects.filter(practice=maple, title=NEW_SCRIPT["title"]).exists()


def test_never_say_is_not_checked(client, alice, maple):
    client.force_login(alice)
    data = {**NEW_SCRIPT, "never_say": "It will be covered."}

    response = client.post(reverse("guide:script-new"), data)

    assert response.status_code == 302


def test_supervisor_edits_starter(client, alice, maple):
    client.force_login(alice)
    client.get(reverse("guide:scripts"))
    script = Script.objects.get(practice=maple, key="referral-needed")
    data = {**NEW_SCRIPT, "title": "Referral question"}

    client.post(reverse("guide:script-edit", args=[script.pk]), data)

    script.refresh_from_db()
    assert script.title == "Referral question"
    assert script.key == "referral-needed"


@pytest.mark.parametrize("name", ["situation", "say", "never_say", "route_when"])
def test_save_rejects_field_over_4000_characters(client, alice, maple, name):
    client.force_login(alice)
    data = {**NEW_SCRIPT, name: "I'll ask the team. " * 211}

    response = client.post(reverse("guide:script-new"), data)

    assert response.status_code == 200
    assert b"at most 4000 characters (it has 4008)" in response.content
    assert not Script.objects.filter(practice=maple, title=NEW_SCRIPT["title"]).exists()


def test_save_accepts_field_of_4000_characters(client, alice, maple):
    client.force_login(alice)
    data = {**NEW_SCRIPT, "say": ("I'll ask the team. " * 211)[:4000]}

    response = client.post(reverse("guide:script-new"), data)

    assert response.status_code == 302


def test_editor_textareas_have_max_length(client, alice, maple):
    client.force_login(alice)

    response = client.get(reverse("guide:script-new"))

    assert response.content.decode().count('maxlength="4000"') == 4
