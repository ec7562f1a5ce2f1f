import json
import sys

from django.core.management.base import BaseCommand

from cptdesk.scope.guard import CATEGORY_LABELS, check_scope


class Command(BaseCommand):
    help = (
        "Find promises of coverage or price, coding advice and clinical advice in a "
        "text, with a scope-safe rewrite for each. Exits with status 1 when it finds "
        "any, so scripts can use it as a check."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "text",
            nargs="*",
            help="the text to check; read from standard input if absent",
        )
        parser.add_argument(
            "--json", action="store_true", help="print the findings as a JSON list"
        )

    def handle(self, *args, **options):
        text = " ".join(options["text"]) if options["text"] else sys.stdin.read()
        findings = check_scope(text)
        if options["json"]:
            self.stdout.write(
                json.dumps([as_dict(finding) for finding in findings], indent=2)
            )
        else:
            self.print_findings(findings)
        if findings:
            sys.exit(1)

    def print_findings(self, findings):
        if not findings:
            self.stdout.write("No out-of-scope statement found.")
            return
        for finding in findings:
            self.stdout.write(
                f"{CATEGORY_LABELS[finding.category]} ({finding.category}): "
                f"\u201c{finding.phrase}\u201d at {finding.start}-{finding.end}, "
                f"rule {finding.rule}"
            )
            if finding.evidence:
                words = ", ".join(f"\u201c{words}\u201d" for words in finding.evidence)
                self.stdout.write(f"  Words that weighed most: {words}")
            self.stdout.write(f"  Rewrite: {finding.rewrite}")


def as_dict(finding):
    return {
        "category": finding.category,
        "label": CATEGORY_LABELS[finding.category],
        "phrase": finding.phrase,
        "start": finding.start,
        "end": finding.end,
        "rule": finding.rule,
        "evidence": list(finding.evidence),
        "rewrite": finding.rewrite,
    }
