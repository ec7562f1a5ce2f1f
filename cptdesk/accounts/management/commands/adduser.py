import sys

from django.core.management.base import BaseCommand, CommandError

from cptdesk.accounts.actions import PracticeNotFound, UserNotCreated, add_user
from cptdesk.accounts.choices import Role

USAGE_ERROR = 2  # exit status of a rejected request, as argparse's for bad arguments


class Command(BaseCommand):
    help = (
        "Add a user to a practice with one or more roles. The generated password is "
        "printed once, unless --password-stdin reads one from standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="user name to sign in with")
        parser.add_argument(
            "--practice", required=True, help="exact name of the user's practice"
        )
        parser.add_argument(
            "--role",
            action="append",
            required=True,
            dest="roles",
            metavar="ROLE",
            help=f"a role of the user; repeat for several: {', '.join(Role.values)}",
        )
        parser.add_argument(
            "--create-practice",
            action="store_true",
            help="create the practice when no practice has that name",
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )

    def handle(self, *args, **options):
        password = read_password() if options["password_stdin"] else None
        try:
            user, password, created = add_user(
                options["username"],
                options["practice"],
                options["roles"],
                password,
                create_practice=options["create_practice"],
            )
        except PracticeNotFound as error:
            raise CommandError(
                f"{error} Add --create-practice to create it.", returncode=USAGE_ERROR
            ) from None
        except UserNotCreated as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None

        if created:
            self.stdout.write(f"Created the practice '{user.practice}'.")
        roles = ", ".join(Role(role).label for role in sorted(set(options["roles"])))
        self.stdout.write(
            f"Created the user '{user.username}' in '{user.practice}' with the roles: "
            f"{roles}."
        )
        if not options["password_stdin"]:
            self.stdout.write(
                self.style.WARNING(
                    f"Password: {password}\nIt is shown only this once. To set a "
                    f"new one, run `cptdesk changepassword {user.username}`."
                )
            )


def read_password():
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise CommandError(
            "No password on standard input. Send it as the first line, or leave out "
            "--password-stdin to have one generated.",
            returncode=USAGE_ERROR,
        )
    return line
