import io

from django.core.management import call_command

from cptdesk.accounts.actions import create_first_admin
from cptdesk.accounts.choices import Role
from cptdesk.accounts.demo import DEMO_PRACTICE
from cptdesk.accounts.models import User


def run_setup():
    out = io.StringIO()
    call_command("setup", stdout=out)
    return out.getvalue()


def test_first_setup_creates_admin_with_generated_password(db):
    output = run_setup()

    admin = User.objects.get(username="admin")
    password = output.split("Password: ")[1].split()[0]
    assert admin.has_role(Role.PRACTICE_ADMIN)
    assert admin.check_password(password)
    assert len(password) >= 12


def test_second_setup_prints_no_password(db):
    run_setup()

    output = run_setup()

    assert "Password" not in output
    assert "A user exists already, so no administrator was created." in output
    assert User.objects.count() == 1


def test_setup_reports_ignored_options(alice):
    out = io.StringIO()

    call_command("setup", "--practice", "Oak Clinic", "--username", "erin", stdout=out)

    assert (
        "setup ignored --practice and --username and created no user" in out.getvalue()
    )
    assert "cptdesk adduser" in out.getvalue()
    assert not User.objects.filter(username="erin").exists()


def test_first_setup_uses_given_names(db):
    call_command(
        "setup", "--practice", "Oak Clinic", "--username", "erin", stdout=io.StringIO()
    )

    erin = User.objects.get()
    assert (erin.username, erin.practice.name) == ("erin", "Oak Clinic")


def test_two_installs_get_different_passwords(db):
    _, first = create_first_admin()
    User.objects.all().delete()

    _, second = create_first_admin()

    assert first != second


def test_first_admin_is_not_created_when_users_exist(alice):
    assert create_first_admin() is None


def test_demo_setup_puts_admin_in_demo_practice(db):
    call_command("setup", "--demo", stdout=io.StringIO())

    admin = User.objects.get(username="admin")
    assert admin.practice.name == DEMO_PRACTICE


def test_demo_setup_twice_adds_records_once(db):
    call_command("setup", "--demo", stdout=io.StringIO())

    output = io.StringIO()
    call_command("setup", "--demo", stdout=output)

    assert "Adding synthetic records" not in output.getvalue()
