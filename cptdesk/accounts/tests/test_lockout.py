import logging
from datetime import timedelta
from unittest import mock

from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from cptdesk.conftest import PASSWORD

LOCKED_PAGE = b"Sign-in locked"


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, **extra
    )


def fail_sign_ins(client, username, times=5, **extra):
    """Post a wrong password the given number of times and return the last response."""
    for _ in range(times):
        response = sign_in(client, username, "wrong-guess", **extra)
    return response


def later(minutes):
    """Move django-axes' clock forward, as if the minutes had passed."""
    moved = timezone.now() + timedelta(minutes=minutes)
    return mock.patch("axes.handlers.proxy.now", return_value=moved)


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_fifth_wrong_password_locks_user(client, bob):
    response = fail_sign_ins(client, "bob")

    assert response.status_code == 429
    assert LOCKED_PAGE in response.content


def test_four_wrong_passwords_leave_user_allowed(client, bob):
    fail_sign_ins(client, "bob", times=4)

    response = sign_in(client, "bob", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_right_password_refused_during_lockout(client, bob):
    fail_sign_ins(client, "bob")

    response = sign_in(client, "bob", PASSWORD)

    assert response.status_code == 429
    assert LOCKED_PAGE in response.content
    assert not is_signed_in(client)


def test_lockout_page_names_wait_and_unlock(client, bob):
    response = fail_sign_ins(client, "bob")

    assert b"locked for 15 minutes" in response.content
    assert b"Try again after" in response.content
    assert b"supervisor or your practice administrator" in response.content


def test_lockout_ends_after_cool_off(client, bob):
    fail_sign_ins(client, "bob")

    with later(minutes=14):
        early = sign_in(client, "bob", PASSWORD)
    with later(minutes=16):
        after = sign_in(client, "bob", PASSWORD)

    assert early.status_code == 429
    assert after.status_code == 302
    assert is_signed_in(client)


def test_rejected_attempt_does_not_extend_lockout(client, bob):
    fail_sign_ins(client, "bob")
    with later(minutes=10):
        fail_sign_ins(client, "bob", times=1)

    with later(minutes=16):
        response = sign_in(client, "bob", PASSWORD)

    assert response.status_code == 302


def test_other_user_on_same_address_signs_in(client, alice, bob):
    fail_sign_ins(client, "bob")

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_same_user_from_other_address_signs_in(client, bob):
    fail_sign_ins(client, "bob", REMOTE_ADDR="10.0.0.7")

    response = sign_in(client, "bob", PASSWORD, REMOTE_ADDR="10.0.0.8")

    assert response.status_code == 302


def test_forwarded_header_does_not_change_address(client, bob):
    fail_sign_ins(client, "bob")

    response = sign_in(client, "bob", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert response.status_code == 429


def test_success_clears_earlier_failures(client, bob):
    fail_sign_ins(client, "bob", times=4)
    sign_in(client, "bob", PASSWORD)
    client.post(reverse("logout"))

    fail_sign_ins(client, "bob", times=4)
    response = sign_in(client, "bob", PASSWORD)

    assert response.status_code == 302


def test_lockout_log_names_user_id_only(client, bob, caplog):
    caplog.set_level(logging.INFO, logger="cptdesk.accounts")

    fail_sign_ins(client, "bob")
    sign_in(client, "bob", PASSWORD)

    messages = [r.getMessage() for r in caplog.records if r.name.startswith("cptdesk")]
    assert f"Locked out user {bob.pk} after 5 failed sign-ins" in messages
    assert f"Rejected a sign-in for user {bob.pk} during its lockout" in messages
    assert not any("bob" in message for message in messages)
    assert not any(PASSWORD in message for message in messages)


def test_unknown_user_name_is_not_logged(client, db, caplog):
    caplog.set_level(logging.INFO, logger="cptdesk.accounts")

    response = fail_sign_ins(client, "Jane Roe")

    messages = [r.getMessage() for r in caplog.records if r.name.startswith("cptdesk")]
    assert response.status_code == 429
    assert "Locked out an unknown user name after 5 failed sign-ins" in messages
    assert not any("Jane" in message for message in messages)


def test_password_is_not_stored_with_attempt(client, bob):
    fail_sign_ins(client, "bob")

    attempt = AccessAttempt.objects.get(username="bob")
    assert "wrong-guess" not in attempt.post_data


def test_login_without_request_is_not_checked(client, bob):
    fail_sign_ins(client, "bob")

    # The test client's login() calls authenticate() with no request, as server code does.
    assert client.login(username="bob", password=PASSWORD)
