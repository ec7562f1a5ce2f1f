from django.core.management.base import BaseCommand

from cptdesk.catalog.actions import install_medicare_pack

from ._practice import practice_named


class Command(BaseCommand):
    help = (
        "Install or update the Medicare fee-for-service rule pack of a practice from the "
        "loaded CMS prior-authorization lists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practice", required=True, help="practice name")

    def handle(self, *args, **options):
        practice = practice_named(options["practice"])
        result = install_medicare_pack(practice)
        self.stdout.write(result.message)
