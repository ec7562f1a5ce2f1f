import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cptdesk.conftest import PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def lock_out(client, username):
    for _ in range(5):
        sign_in(client, username, "wrong-guess")


def run_unlock(username):
    out = io.StringIO()
    call_command("unlock", username, stdout=out)
    return out.getvalue()


def test_unlock_command_clears_lockout(client, bob):
    lock_out(client, "bob")

    output = run_unlock("bob")

    assert "Unlocked 'bob'" in output
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_unlock_command_reports_user_not_locked(bob):
    assert run_unlock("bob") == "'bob' was not locked out.\n"


def test_unlock_command_clears_failures_below_limit(client, bob):
    sign_in(client, "bob", "wrong-guess")

    output = run_unlock("bob")

    assert "was not locked out. Their earlier failed sign-ins are cleared." in output


def test_unlock_command_rejects_unknown_user(db):
    with pytest.raises(CommandError, match="User 'nobody' not found"):
        run_unlock("nobody")


def test_unlock_command_leaves_other_users_locked(client, alice, bob):
    lock_out(client, "alice")
    lock_out(client, "bob")

    run_unlock("bob")

    assert sign_in(client, "alice", PASSWORD).status_code == 429


def test_users_page_shows_unlock_button(client, alice, bob):
    lock_out(client, "bob")
    client.force_login(alice)

    response = client.get(reverse("accounts:users"))

    assert response.status_code == 200
    assert b"Unlock bob" in response.content
    assert b"Unlock alice" not in response.content


def test_users_page_lists_own_practice_only(client, alice, charlie):
    client.force_login(alice)

    response = client.get(reverse("accounts:users"))

    assert b"charlie" not in response.content


def test_users_page_rejects_front_desk(client, bob):
    client.force_login(bob)

    response = client.get(reverse("accounts:users"))

    assert response.status_code == 403


def test_users_page_query_count(
    client, alice, bob, charlie, django_assert_max_num_queries
):
    lock_out(client, "bob")
    client.force_login(alice)

    with django_assert_max_num_queries(6):
        client.get(reverse("accounts:users"))


def test_unlock_button_clears_lockout(client, alice, bob):
    lock_out(client, "bob")
    client.force_login(alice)

    response = client.post(reverse("accounts:unlock", args=[bob.pk]), follow=True)

    assert b"Unlocked bob" in response.content
    client.post(reverse("logout"))
    assert sign_in(client, "bob", PASSWORD).status_code == 302


def test_unlock_button_rejects_other_practice(client, alice, charlie):
    client.force_login(alice)

    response = client.post(reverse("accounts:unlock", args=[charlie.pk]))

    assert response.status_code == 404


def test_unlock_button_rejects_front_desk(client, alice, bob):
    client.force_login(bob)

    response = client.post(reverse("accounts:unlock", args=[alice.pk]))

    assert response.status_code == 403


def test_unlock_button_requires_post(client, alice, bob):
    client.force_login(alice)

    response = client.get(reverse("accounts:unlock", args=[bob.pk]))

    assert response.status_code == 405
