from django.urls import reverse

from cptdesk.conftest import PASSWORD


def test_wrong_password_shows_error(client, bob):
    response = client.post(reverse("login"), {"username": "bob", "password": "nope"})

    assert response.status_code == 200
    assert b"did not match" in response.content


def test_logout_ends_session(client, bob):
    client.post(reverse("login"), {"username": "bob", "password": PASSWORD})

    client.post(reverse("logout"))

    assert client.get(reverse("codes:search")).status_code == 302


def test_user_holds_several_roles(alice):
    assert alice.is_practice_admin
    assert alice.has_role("supervisor")
    assert not alice.has_role("biller")


def test_front_desk_is_not_practice_admin(bob):
    assert not bob.is_practice_admin
