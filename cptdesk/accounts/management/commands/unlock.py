from django.core.management.base import BaseCommand, CommandError

from cptdesk.accounts.actions import unlock_user
from cptdesk.accounts.lockouts import locked_usernames
from cptdesk.accounts.models import User


class Command(BaseCommand):
    help = (
        "Clear a user's failed sign-ins, so that a user locked out after too many "
        "wrong passwords can sign in again at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="user name of the locked-out user")

    def handle(self, *args, **options):
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"User '{username}' not found. User names are case-sensitive."
            )
        was_locked = bool(locked_usernames([username]))
        cleared = unlock_user(user)
        if was_locked:
            self.stdout.write(f"Unlocked '{username}'. They can sign in again now.")
        elif cleared:
            self.stdout.write(
                f"'{username}' was not locked out. Their earlier failed sign-ins are "
                "cleared."
            )
        else:
            self.stdout.write(f"'{username}' was not locked out.")
