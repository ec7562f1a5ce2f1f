from django.core.management.base import BaseCommand

from cptdesk.catalog import catalogfile
from cptdesk.catalog.models import Service

from ._practice import practice_named


class Command(BaseCommand):
    help = (
        "Print a practice's catalog as CSV or YAML, in the format import_catalog reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practice", required=True, help="practice name")
        parser.add_argument("--format", choices=["csv", "yaml"], default="yaml")

    def handle(self, *args, **options):
        practice = practice_named(options["practice"])
        services = Service.objects.filter(practice=practice).prefetch_related(
            "codes", "documents"
        )
        records = [catalogfile.service_record(service) for service in services]
        writer = (
            catalogfile.write_csv
            if options["format"] == "csv"
            else catalogfile.write_yaml
        )
        self.stdout.write(writer(records), ending="")
