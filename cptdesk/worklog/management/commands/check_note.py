import json

from django.core.management.base import BaseCommand

from cptdesk.worklog.notequality import check_note


class Command(BaseCommand):
    help = (
        "Say whether a status note is actionable and list what it lacks. The exit "
        "status is 0 for both verdicts."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="+", help="the note text, quoted or not")
        parser.add_argument(
            "--json", action="store_true", help="print one JSON document"
        )

    def handle(self, *args, **options):
        verdict = check_note(" ".join(options["text"]))
        if options["json"]:
            self.stdout.write(json.dumps(as_document(verdict), indent=2))
            return
        self.stdout.write(f"Verdict: {verdict.verdict}")
        for entry in verdict.missing:
            optional = "" if entry.required else " (optional)"
            self.stdout.write(f"  missing {entry.id}: {entry.message}{optional}")


def as_document(verdict):
    return {
        "verdict": verdict.verdict,
        "missing": [
            {"id": entry.id, "message": entry.message, "required": entry.required}
            for entry in verdict.missing
        ],
        "found": [
            {
                "element": entry.element,
                "text": entry.text,
                "start": entry.start,
                "end": entry.end,
            }
            for entry in verdict.found
        ],
    }
