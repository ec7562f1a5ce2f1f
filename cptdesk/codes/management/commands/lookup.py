import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from cptdesk.codes.lookup import lookup

from ._output import find_practice, print_facts


class Command(BaseCommand):
    help = "Print what the reference data says about a code on a date of service."

    def add_arguments(self, parser):
        parser.add_argument("code", nargs="+", help="a code, e.g. J0585 or '27447 RT'")
        parser.add_argument(
            "--date", help="date of service, YYYY-MM-DD (default today)"
        )
        parser.add_argument(
            "--json", action="store_true", help="print one JSON document"
        )
        parser.add_argument(
            "--practice", help="practice name, to include its licensed CPT descriptors"
        )

    def handle(self, *args, **options):
        on_date = None
        if options["date"]:
            try:
                on_date = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"Invalid --date {options['date']!r}: use YYYY-MM-DD, e.g. 2026-03-01"
                ) from error
        practice = find_practice(options["practice"])
        facts = lookup(" ".join(options["code"]), practice, on_date)
        if options["json"]:
            self.stdout.write(json.dumps(facts, indent=2))
        else:
            print_facts(self.stdout, facts)
