"""Measure the scope guard on the labelled sentences: precision, recall and time.

Run from the repository root:

    .venv/bin/python bench/scope_guard.py [--errors dev] [--csv PATH]

A sentence counts as a true positive when the guard flags it and it is labelled flag.
Per category, a true positive is a sentence where the guard reports that category and
the label lists it. The exit status is 0 whatever the scores are, and 2 when the
labelled file cannot be read.
"""

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from cptdesk.lib.inputerrors import InputFileError  # noqa: E402
from cptdesk.scope.guard import CATEGORIES, check_scope  # noqa: E402

DEFAULT_CSV = REPOSITORY / "cptdesk" / "scope" / "data" / "labelled_sentences.csv"
COLUMNS = ["split", "label", "categories", "text"]
SPLITS = ("dev", "heldout")
TIMING_ROUNDS = 20
# About 300 characters, the size of a typical note while it is being typed.
TYPICAL_NOTE = (
    "09:40 called the plan about the knee MRI, ref 55-1203; the authorization is "
    "still under review. I told the patient we will check her benefits and call her "
    "back by Friday. She asked if she should stop taking her pain medicine; I sent "
    "the question to the nurse line. Owner: auth team."
)


def read_rows(path):
    """Read and validate the labelled sentences, raising InputFileError on bad rows."""
    try:
        handle = open(path, newline="", encoding="utf-8")
    except OSError as error:
        raise InputFileError(
            path,
            None,
            None,
            f"could not open the file: {error}",
            "Check the --csv path",
        ) from error
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise InputFileError(
                path,
                1,
                reader.fieldnames,
                "unexpected header",
                f"Use the header {COLUMNS}",
            )
        return [validate_row(path, line, row) for line, row in enumerate(reader, 2)]


def validate_row(path, line, row):
    categories = frozenset(filter(None, row["categories"].split(";")))
    if row["split"] not in SPLITS:
        raise InputFileError(
            path, line, row["split"], "unknown split", "Use dev or heldout"
        )
    if row["label"] not in ("flag", "ok"):
        raise InputFileError(
            path, line, row["label"], "unknown label", "Use flag or ok"
        )
    if not categories <= set(CATEGORIES):
        raise InputFileError(
            path,
            line,
            row["categories"],
            "unknown category",
            f"Use one of {CATEGORIES}",
        )
    if (row["label"] == "flag") != bool(categories):
        raise InputFileError(
            path,
            line,
            row["categories"],
            "categories do not match the label",
            "List categories for flag rows and none for ok rows",
        )
    return row["split"], row["label"], categories, row["text"]


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")


def score(rows):
    """Return {name: (precision, recall, support)} for each category and overall."""
    predictions = [{f.category for f in check_scope(text)} for _, _, _, text in rows]
    scores = {}
    for category in CATEGORIES:
        hits = [
            (category in got, category in want)
            for got, (_, _, want, _) in zip(predictions, rows, strict=True)
        ]
        scores[category] = precision_recall(hits)
    overall = [
        (bool(got), label == "flag")
        for got, (_, label, _, _) in zip(predictions, rows, strict=True)
    ]
    scores["overall"] = precision_recall(overall)
    return scores


def precision_recall(hits):
    true_pos = sum(1 for got, want in hits if got and want)
    predicted = sum(1 for got, _ in hits if got)
    actual = sum(1 for _, want in hits if want)
    return ratio(true_pos, predicted), ratio(true_pos, actual), actual


def print_errors(rows):
    for _, label, want, text in rows:
        got = {f.category for f in check_scope(text)}
        if got != set(want):
            print(f"  {label:4} want={sorted(want)} got={sorted(got)}: {text}")


def time_sentences(texts):
    """Return (mean, p99) of the time per check_scope call, in microseconds."""
    samples = []
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            started = time.perf_counter_ns()
            check_scope(text)
            samples.append((time.perf_counter_ns() - started) / 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.fmean(samples), p99


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csv",
        type=Path,
        default=DEFAULT_CSV,
        help="labelled sentences CSV with split,label,categories,text",
    )
    parser.add_argument(
        "--errors", choices=SPLITS, help="list the wrongly labelled rows of this split"
    )
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.csv)
    except InputFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    for split in SPLITS:
        subset = [row for row in rows if row[0] == split]
        print(f"{split}: {len(subset)} sentences")
        for name, (precision, recall, support) in score(subset).items():
            print(
                f"  {name:17} precision {precision:.3f}  recall {recall:.3f}  "
                f"(labelled {support})"
            )
        if args.errors == split:
            print_errors(subset)

    mean, p99 = time_sentences([row[3] for row in rows])
    print(f"time per sentence: mean {mean:.1f} us, p99 {p99:.1f} us")
    mean, p99 = time_sentences([TYPICAL_NOTE])
    print(
        f"time per {len(TYPICAL_NOTE)}-character note: mean {mean:.1f} us, "
        f"p99 {p99:.1f} us"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
