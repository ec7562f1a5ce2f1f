import io

import pytest
from django.core.management import CommandError, call_command

from cptdesk.accounts.choices import Role
from cptdesk.accounts.models import Practice, User


def run_adduser(*args):
    out = io.StringIO()
    call_command("adduser", *args, stdout=out)
    return out.getvalue()


def adduser_error(*args):
    with pytest.raises(CommandError) as raised:
        run_adduser(*args)
    assert raised.value.returncode == 2
    return str(raised.value)


def test_adduser_creates_user_with_roles(maple):
    output = run_adduser(
        "dana",
        "--practice",
        "Maple Street Clinic",
        "--role",
        "biller",
        "--role",
        "coder",
    )

    dana = User.objects.get(username="dana")
    password = output.split("Password: ")[1].split()[0]
    assert dana.practice == maple
    assert dana.role_set() == {Role.BILLER, Role.CODER}
    assert dana.check_password(password)
    assert not dana.is_staff
    assert "with the roles: Biller, Coder." in output


def test_adduser_reads_password_from_stdin(maple, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("plum-orchard-ladder-42\n"))

    output = run_adduser(
        "dana", "--practice", maple.name, "--role", "biller", "--password-stdin"
    )

    assert User.objects.get(username="dana").check_password("plum-orchard-ladder-42")
    assert "Password" not in output


def test_adduser_rejects_empty_stdin(maple, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    message = adduser_error(
        "dana", "--practice", maple.name, "--role", "biller", "--password-stdin"
    )

    assert "No password on standard input" in message
    assert not User.objects.filter(username="dana").exists()


def test_adduser_rejects_weak_password(maple, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))

    message = adduser_error(
        "dana", "--practice", maple.name, "--role", "biller", "--password-stdin"
    )

    assert message.startswith("Password rejected: ")
    assert not User.objects.filter(username="dana").exists()


def test_adduser_rejects_unknown_practice(maple):
    message = adduser_error("dana", "--practice", "Oak Clinic", "--role", "biller")

    assert "Practice 'Oak Clinic' not found." in message
    assert "Practices: 'Maple Street Clinic'." in message
    assert "Add --create-practice to create it." in message
    assert not Practice.objects.filter(name="Oak Clinic").exists()


def test_adduser_names_practice_differing_in_case(maple):
    message = adduser_error(
        "dana", "--practice", "maple street clinic", "--role", "biller"
    )

    assert "but 'Maple Street Clinic' exists" in message


def test_adduser_creates_practice_when_asked(db):
    output = run_adduser(
        "erin",
        "--practice",
        "Oak Clinic",
        "--role",
        "practice_admin",
        "--create-practice",
    )

    erin = User.objects.get(username="erin")
    assert erin.practice.name == "Oak Clinic"
    assert erin.is_practice_admin
    assert "Created the practice 'Oak Clinic'." in output


def test_adduser_joins_existing_practice_with_create_flag(maple):
    output = run_adduser(
        "dana", "--practice", maple.name, "--role", "coder", "--create-practice"
    )

    assert User.objects.get(username="dana").practice == maple
    assert "Created the practice" not in output
    assert Practice.objects.count() == 1


def test_adduser_rejects_unknown_role(maple):
    message = adduser_error(
        "dana", "--practice", maple.name, "--role", "biller", "--role", "manager"
    )

    assert "Unknown role 'manager'." in message
    assert "front_desk" in message
    assert not User.objects.filter(username="dana").exists()


def test_adduser_rejects_existing_username(bob):
    message = adduser_error("bob", "--practice", bob.practice.name, "--role", "coder")

    assert "User name 'bob' is taken" in message
    assert not bob.has_role(Role.CODER)


def test_adduser_rejects_username_differing_in_case(bob):
    message = adduser_error("Bob", "--practice", bob.practice.name, "--role", "coder")

    assert "differs only in case from the user 'bob'" in message
    assert User.objects.count() == 1


def test_adduser_rejects_invalid_username(maple):
    message = adduser_error("dana smith", "--practice", maple.name, "--role", "coder")

    assert "Invalid user name 'dana smith'." in message


def test_failed_adduser_creates_no_practice(bob):
    message = adduser_error(
        "dana", "--practice", "Oak Clinic", "--role", "nurse", "--create-practice"
    )

    assert "Unknown role 'nurse'." in message
    assert not Practice.objects.filter(name="Oak Clinic").exists()
