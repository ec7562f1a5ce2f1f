from django.core.management import call_command
from django.core.management.base import BaseCommand

from cptdesk.accounts.actions import create_first_admin
from cptdesk.accounts.demo import DEMO_PRACTICE, load_demo_records
from cptdesk.accounts.models import Practice
from cptdesk.codes.bundled import describe_database, load_bundled
from cptdesk.lib.progress import LineProgress


class Command(BaseCommand):
    help = (
        "Create or migrate the database, load the bundled public reference data and, on "
        "the first run, create the first practice administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--practice",
            help="name of the first practice (default: 'My practice'), used only "
            "while no user exists",
        )
        parser.add_argument(
            "--username",
            help="user name of the first administrator (default: admin), used only "
            "while no user exists",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help=f"add the practice '{DEMO_PRACTICE}' with synthetic records; the "
            "first administrator then belongs to it",
        )

    def handle(self, *args, **options):
        self.stdout.write(f"Database: {describe_database()}")
        call_command("migrate", verbosity=0, interactive=False)
        bars = []

        def progress_for(path):
            bars.append(LineProgress(path, f"Loading {path.name}"))
            return bars[-1]

        load_bundled(self.stdout, progress_factory=progress_for)
        for bar in bars:
            bar.close()
        self.stdout.write("Reference data is loaded.")

        practice_name = options["practice"] or "My practice"
        if options["demo"]:
            practice_name = DEMO_PRACTICE
        demo_exists = Practice.objects.filter(name=DEMO_PRACTICE).exists()
        # The first administrator exists before the demo records, so that demo work
        # items and training progress can belong to a real user. The password is
        # printed first, so a failing demo load cannot lose it.
        created = create_first_admin(practice_name, options["username"] or "admin")
        if created:
            self.print_password(*created)
        else:
            self.print_no_user_created(options)
        if options["demo"] and not demo_exists:
            self.stdout.write(f"Adding synthetic records to '{DEMO_PRACTICE}'...")
            practice, _ = Practice.objects.get_or_create(name=DEMO_PRACTICE)
            load_demo_records(practice, self.stdout)

    def print_no_user_created(self, options):
        ignored = [f"--{name}" for name in ("practice", "username") if options[name]]
        if ignored:
            self.stdout.write(
                self.style.WARNING(
                    f"A user exists already, so setup ignored {' and '.join(ignored)} "
                    "and created no user. Add users and practices with `cptdesk "
                    "adduser`, which `cptdesk adduser --help` describes."
                )
            )
        else:
            self.stdout.write(
                "A user exists already, so no administrator was created. Add users "
                "with `cptdesk adduser`."
            )

    def print_password(self, user, password):
        self.stdout.write(
            self.style.WARNING(
                f"\nCreated the practice administrator '{user.username}' for "
                f"'{user.practice}'.\nPassword: {password}\n"
                "It is shown only this once: sign in and keep it safe, or set a new "
                f"one with `cptdesk changepassword {user.username}`.\n"
            )
        )
