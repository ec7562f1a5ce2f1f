"""Time importing a generated 10,000-claim 835 into SQLite through the import action.

Usage: python bench/remit_import.py [--claims 10000] [--folder /tmp/remits-bench-import]

The file comes from the generator in bench/remit_reader.py (005010X221A1 layout,
synthetic names, balanced totals). The script builds a fresh SQLite database in
--folder, never the project's own, imports the file once (the time includes reading,
duplicate checks, inserts and denial entries), then imports it again to time the
duplicate path. The reader alone is timed on the same bytes as the floor.
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


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


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
    data = generate_835(options.claims).encode("ascii")
    print(f"generated 835: {options.claims} claims, {len(data) / 1e6:.2f} MB")

    _, reading = timed(lambda: read_835(data))
    print(f"reader alone (floor): {reading:.3f} s")
    outcome, seconds = timed(lambda: import_835(data, "bench.835", practice))
    report = outcome.report
    print(
        f"import into SQLite: {seconds:.3f} s, {report.claims} claims, "
        f"{report.lines} lines, {report.adjustments} adjustments, paid "
        f"{report.paid_total}"
    )
    outcome, seconds = timed(lambda: import_835(data, "bench.835", practice))
    print(
        f"same file again (duplicate): {seconds:.3f} s, status {outcome.report.status}"
    )


if __name__ == "__main__":
    main()
