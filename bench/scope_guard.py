"""Measure the scope guard on the labelled sentences: precision, recall and time.

Run from the repository root:

    .venv/bin/python bench/scope_guard.py [--held-out | --errors] [--csv PATH]

A sentence counts as a true positive when the guard flags it and it is labelled flag.
Per category, a true positive is a sentence where the guard reports that category and
the label lists it. Each batch is scored twice: with the rules alone (the peer) and
with the rules and the shipped model (the product). The model is trained on the
development rows, so its development scores are only a check that training worked;
`python -m cptdesk.scope.training` prints the cross-validated estimate.

Held-out rows are scored only with `--held-out`, which is meant to run once, after
tuning has stopped. `--errors` lists the wrongly labelled development rows and cannot
be combined with `--held-out`, so that nobody reads held-out mistakes while tuning.
The exit status is 0 whatever the scores are, and 2 when the labelled file cannot be
read.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from cptdesk.lib.inputerrors import InputFileError  # noqa: E402
from cptdesk.scope.evaluation import SPLITS, read_rows, score  # noqa: E402
from cptdesk.scope.guard import (  # noqa: E402
    check_scope,
    mask_quotations,
    split_sentences,
)

DEFAULT_CSV = REPOSITORY / "cptdesk" / "scope" / "data" / "labelled_sentences.csv"
TIMING_ROUNDS = 20
NOTE_ROUNDS = 2000
WARM_UP_ROUNDS = 50
TARGET_NOTE_MICROSECONDS = 1000
# About 300 characters, the size of a typical note while it is being typed.
TYPICAL_NOTE = (
    "09:40 called the plan about the knee MRI, ref 55-1203; the authorization is "
    "still under review. I told the patient we will check her benefits and call her "
    "back by Friday. She asked if she should stop taking her pain medicine; I sent "
    "the question to the nurse line. Owner: auth team."
)


def print_errors(rows):
    for _, _, label, want, text in rows:
        got = {f.category for f in check_scope(text)}
        if got != set(want):
            print(f"  {label:4} want={sorted(want)} got={sorted(got)}: {text}")


def batch_order(batch):
    return (len(batch), batch)


def time_calls(function, texts, rounds):
    """Return (mean, median, p99) of the time per call, in microseconds.

    A few untimed rounds first fill the regular expression and allocator caches, so
    the figures describe a server that has been running, not its first request.
    """
    for _ in range(WARM_UP_ROUNDS):
        for text in texts:
            function(text)
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter_ns()
            function(text)
            samples.append((time.perf_counter_ns() - started) / 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.fmean(samples), statistics.median(samples), p99


def check_rules_only(text):
    return check_scope(text, model=None)


def split_only(text):
    """Mask quotations and split sentences, the floor that any rule check pays."""
    return list(split_sentences(mask_quotations(text)))


def print_scores(title, rows):
    print(f"{title}: {len(rows)} sentences")
    rules_only = score(rows, model=None)
    for name, (precision, recall, support) in score(rows).items():
        peer_precision, peer_recall, _ = rules_only[name]
        print(
            f"  {name:17} precision {precision:.3f}  recall {recall:.3f}  "
            f"(labelled {support}; rules alone {peer_precision:.3f} / "
            f"{peer_recall:.3f})"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csv",
        type=Path,
        default=DEFAULT_CSV,
        help="labelled sentences CSV with split,label,categories,text",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--errors",
        action="store_true",
        help="list the wrongly labelled development rows",
    )
    choice.add_argument(
        "--held-out",
        action="store_true",
        help="also score the held-out rows; run once, after tuning has stopped",
    )
    args = parser.parse_args(argv)
    try:
        rows = read_rows(args.csv)
    except InputFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    splits = SPLITS if args.held_out else ("dev",)
    batches = sorted({row[0] for row in rows}, key=batch_order)
    for split in splits:
        for batch in batches:
            subset = [row for row in rows if row[0] == batch and row[1] == split]
            if subset:
                print_scores(f"batch {batch} {split}", subset)
        print_scores(f"all batches {split}", [row for row in rows if row[1] == split])
    if args.errors:
        print("wrongly labelled development rows:")
        print_errors([row for row in rows if row[1] == "dev"])

    texts = [row[-1] for row in rows]
    mean, median, p99 = time_calls(check_scope, texts, TIMING_ROUNDS)
    print(f"time per sentence: mean {mean:.1f} us, median {median:.1f}, p99 {p99:.1f}")
    mean, median, p99 = time_calls(check_scope, [TYPICAL_NOTE], NOTE_ROUNDS)
    print(
        f"time per {len(TYPICAL_NOTE)}-character note: mean {mean:.1f} us, "
        f"median {median:.1f}, p99 {p99:.1f} (target {TARGET_NOTE_MICROSECONDS})"
    )
    mean, median, p99 = time_calls(check_rules_only, [TYPICAL_NOTE], NOTE_ROUNDS)
    print(
        f"rules alone, same note: mean {mean:.1f} us, median {median:.1f}, "
        f"p99 {p99:.1f}"
    )
    mean, median, p99 = time_calls(split_only, [TYPICAL_NOTE], NOTE_ROUNDS)
    print(
        f"floor, masking and sentence split only: mean {mean:.1f} us, "
        f"median {median:.1f}, p99 {p99:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
