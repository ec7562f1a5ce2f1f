"""Time the status-note quality check over the labelled notes.

Usage: python bench/note_quality.py [--notes 100000]

The labelled notes are repeated in order until --notes checks have run. Each check is
timed on its own with time.perf_counter_ns, and the mean and 99th percentile per note
are printed. Nothing is written to the repository.
"""

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cptdesk.worklog.notequality import check_note  # noqa: E402

LABELLED_NOTES = (
    Path(__file__).resolve().parents[1] / "cptdesk/worklog/tests/labelled_notes.csv"
)


def read_texts():
    with LABELLED_NOTES.open(newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def time_checks(texts, count):
    durations = []
    for index in range(count):
        text = texts[index % len(texts)]
        started = time.perf_counter_ns()
        check_note(text)
        durations.append(time.perf_counter_ns() - started)
    return durations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000, help="checks to run")
    args = parser.parse_args()

    texts = read_texts()
    durations = time_checks(texts, args.notes)

    mean_chars = statistics.mean(len(text) for text in texts)
    p99 = statistics.quantiles(durations, n=100)[98]
    print(f"notes checked: {len(durations)} ({len(texts)} distinct)")
    print(f"mean note length: {mean_chars:.0f} characters")
    print(f"mean per note: {statistics.mean(durations) / 1000:.1f} µs")
    print(f"p99 per note: {p99 / 1000:.1f} µs")


if __name__ == "__main__":
    main()
