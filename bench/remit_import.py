"""Time importing a generated 10,000-claim 835 into SQLite through the import action.

Usage: python bench/remit_import.py [--claims 10000] [--folder /tmp/remits-bench-import]

The file comes from the generator in bench/remit_reader.py (005010X221A1 layout,
synthetic names, balanced totals). The script builds a fresh SQLite database in
--folder, never the project's own, imports the file once (the time includes reading,
duplicate checks, inserts, denial entries and the daily summary of the trends
dashboard). The generated file pays every line. A copy under another trace number,
imported next, turns a quarter of the lines into denials, so that import also writes
entries and summary rows. The summary step of that import is timed again on its
own, and the first file is imported again to time the duplicate path. The reader
alone is timed on the same bytes as the floor. Each import also prints the CPU time
of this process, which other work on a shared machine inflates far less than the
wall time.
"""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remit_reader import generate_835  # noqa: E402


def setup_django(folder):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    os.environ["CPTDESK_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ["CPTDESK_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cptdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# A quarter of the generated lines turn into denials with these CARCs, so the import
# also writes learning-log entries and their daily summary rows.
DENIAL_REASONS = ["197", "16", "27", "50", "96", "29"]
DENIED_SHARE = 4  # one line in this many


def with_denials(text):
    """Turn every fourth CO-45 line adjustment into a denial under a new trace number.

    Only the reason code changes, so every claim and the payment still balance.
    """
    parts = text.split("CAS*CO*45*")
    pieces = [parts[0]]
    for number, part in enumerate(parts[1:]):
        reason = "45"
        if number % DENIED_SHARE == 0:
            reason = DENIAL_REASONS[number // DENIED_SHARE % len(DENIAL_REASONS)]
        pieces.append(f"CAS*CO*{reason}*{part}")
    return "".join(pieces).replace("TRN*1*EFT0000001*", "TRN*1*EFT0000002*")


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def time_import(practice, data, name):
    from cptdesk.remits.actions import import_835

    cpu_started = time.process_time()
    outcome, seconds = timed(lambda: import_835(data, name, practice))
    cpu = time.process_time() - cpu_started
    report = outcome.report
    print(
        f"import of {name} into SQLite: {seconds:.3f} s ({cpu:.3f} s CPU), "
        f"{report.claims} claims, "
        f"{report.lines} lines, {report.adjustments} adjustments, "
        f"{report.denials} denials, paid {report.paid_total}"
    )
    return report


def time_summary_step(practice, report):
    """Run the import's summary step again on its days, to show its share."""
    from cptdesk.remits.models import LearningEntry
    from cptdesk.remits.summary import refresh_days

    days = set(
        LearningEntry.objects.filter(claim__remittance__source=report).values_list(
            "occurred_on", flat=True
        )
    )
    _, seconds = timed(lambda: refresh_days(practice.pk, days))
    print(
        f"daily summary step of that import alone: {seconds:.3f} s for "
        f"{report.denials} denial entries on {len(days)} day(s)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims to generate")
    parser.add_argument(
        "--folder", default="/tmp/remits-bench-import", help="bench database folder"
    )
    options = parser.parse_args()
    setup_django(Path(options.folder))

    from cptdesk.accounts.models import Practice
    from cptdesk.remits.actions import import_835
    from cptdesk.remits.reader import read_835

    practice = Practice.objects.create(name="Benchmark practice")
    text = generate_835(options.claims)
    data = text.encode("ascii")
    print(f"generated 835: {options.claims} claims, {len(data) / 1e6:.2f} MB")

    _, reading = timed(lambda: read_835(data))
    print(f"reader alone (floor): {reading:.3f} s")
    time_import(practice, data, "paid.835")
    report = time_import(practice, with_denials(text).encode("ascii"), "denied.835")
    time_summary_step(practice, report)
    outcome, seconds = timed(lambda: import_835(data, "paid.835", practice))
    print(
        f"paid.835 again (duplicate): {seconds:.3f} s, status {outcome.report.status}"
    )


if __name__ == "__main__":
    main()
