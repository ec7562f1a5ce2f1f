from django.core.management.base import BaseCommand, CommandError

from cptdesk.accounts.models import Practice
from cptdesk.remits.summary import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the daily summary that the trends dashboard reads from the "
        "learning-log entries. Run it after entries were changed outside the app, "
        "for example by SQL or a restore of one table."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--practice",
            help="name of the practice to rebuild; every practice when left out",
        )

    def handle(self, *args, **options):
        practices = Practice.objects.order_by("pk")
        if options["practice"]:
            practices = practices.filter(name=options["practice"])
            if not practices.exists():
                raise CommandError(
                    f"No practice named {options['practice']!r}; check the name "
                    "in the practice settings"
                )
        for practice in practices:
            rows = rebuild(practice.pk)
            self.stdout.write(f"{practice.name}: {rows} summary rows")
