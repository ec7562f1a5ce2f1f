"""`cptdesk prescrub SCHEDULE_FILE`: import a schedule and print its red flags."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cptdesk.accounts.models import Practice
from cptdesk.intake import actions
from cptdesk.intake.scheduleformat import parse_mapping
from cptdesk.intake.worklist import flag_rows


class Command(BaseCommand):
    help = "Import a schedule (CSV or FHIR bundle) into a practice and print its flags."

    def add_arguments(self, parser):
        parser.add_argument("schedule_file", help="CSV schedule or FHIR Bundle JSON")
        parser.add_argument("--practice", help="practice name (needed with several)")
        parser.add_argument(
            "--map",
            default="",
            help="column mapping for a CSV with other headers: "
            "patient=MRN,date=Appt Date,…",
        )
        parser.add_argument(
            "--from", dest="date_from", type=parse_day, help="first day, YYYY-MM-DD"
        )
        parser.add_argument(
            "--to", dest="date_to", type=parse_day, help="last day, YYYY-MM-DD"
        )
        parser.add_argument(
            "--valid-rows-only",
            action="store_true",
            help="import the valid rows even when other rows have errors",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        practice = choose_practice(options["practice"])
        path = Path(options["schedule_file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
            mapping = parse_mapping(options["map"])
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc

        report = actions.import_schedule(
            practice,
            text,
            path.name,
            mapping=mapping,
            valid_rows_only=options["valid_rows_only"],
        )
        if not report.imported:
            lines = [f"{path}: {error}" for error in report.errors]
            raise CommandError("\n".join([*lines, report.message]))

        rows = flag_rows(
            practice,
            appointment_ids=report.appointment_ids,
            date_from=options["date_from"],
            date_to=options["date_to"],
        )
        if options["json"]:
            document = {
                "file": str(path),
                "practice": practice.name,
                "import": import_summary(report),
                "flags": rows,
            }
            self.stdout.write(json.dumps(document, indent=2, default=str))
            return
        self.stdout.write(report.message)
        for error in report.errors:
            self.stdout.write(f"  skipped {error}")
        self.print_flags(rows)

    def print_flags(self, rows):
        if not rows:
            self.stdout.write("No red flags.")
            return
        self.stdout.write(f"{len(rows)} red flag(s):")
        for row in rows:
            blocking = " blocking" if row["blocking"] else ""
            self.stdout.write(
                f"{row['date']} {row['time']} {row['patient']:<10} "
                f"{row['severity']:<6}{blocking} {row['kind']} → {row['routed_to']}: "
                f"{row['message']}"
            )


def parse_day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"invalid date {text!r}; use YYYY-MM-DD") from error


def choose_practice(name):
    if name:
        practice = Practice.objects.filter(name__iexact=name).first()
        if practice is None:
            raise CommandError(f"practice {name!r} not found")
        return practice
    practices = list(Practice.objects.all()[:2])
    if len(practices) != 1:
        names = ", ".join(Practice.objects.values_list("name", flat=True)) or "none"
        raise CommandError(f"name the practice with --practice (practices: {names})")
    return practices[0]


def import_summary(report):
    return {
        "rows_read": report.rows_read,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "skipped_rows": report.skipped,
        "errors": [error.to_dict() for error in report.errors],
    }
