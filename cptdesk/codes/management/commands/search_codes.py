import json

from django.core.management.base import BaseCommand

from cptdesk.codes.search import search

from ._output import find_practice


class Command(BaseCommand):
    help = "Search codes, modifiers, places of service and adjustment codes."

    def add_arguments(self, parser):
        parser.add_argument("words", nargs="+", help="a code, code start or words")
        parser.add_argument("--limit", type=int, default=20, help="most results shown")
        parser.add_argument(
            "--json", action="store_true", help="print one JSON document"
        )
        parser.add_argument(
            "--practice", help="practice name, to include its licensed CPT descriptors"
        )

    def handle(self, *args, **options):
        query = " ".join(options["words"])
        practice = find_practice(options["practice"])
        hits = search(query, practice, limit=options["limit"])
        if options["json"]:
            results = [hit.to_dict() for hit in hits]
            self.stdout.write(
                json.dumps({"query": query, "results": results}, indent=2)
            )
            return
        if not hits:
            self.stdout.write(f"Nothing matches {query!r}.")
        for hit in hits:
            title = hit.title
            if not title and hit.kind == "cpt":
                title = "(descriptor needs the practice's CPT licence)"
            self.stdout.write(
                f"{hit.code:<6} {hit.kind_label:<26} {title}  [{hit.release}]"
            )
