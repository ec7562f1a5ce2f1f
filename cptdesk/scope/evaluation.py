"""Read the labelled sentences and score the scope guard on them: precision and recall.

The labelled file has the columns batch, split, label, categories and text. A batch is
a set of sentences written together. Its development rows are for tuning rules, and
its held-out rows are only ever scored.
"""

import csv

from cptdesk.lib.inputerrors import InputFileError

from .guard import CATEGORIES, SHIPPED_MODEL, check_scope

COLUMNS = ["batch", "split", "label", "categories", "text"]
SPLITS = ("dev", "heldout")


def read_rows(path):
    """Read and validate the labelled sentences, raising InputFileError on bad rows.

    Each row becomes (batch, split, label, categories, text), categories a frozenset.
    """
    try:
        handle = open(path, newline="", encoding="utf-8")
    except OSError as error:
        raise InputFileError(
            path, None, None, f"could not open the file: {error}", "Check the path"
        ) from error
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise InputFileError(
                path, 1, reader.fieldnames, "unexpected header", f"Use {COLUMNS}"
            )
        return [validate_row(path, line, row) for line, row in enumerate(reader, 2)]


def validate_row(path, line, row):
    categories = frozenset(filter(None, row["categories"].split(";")))
    if not row["batch"]:
        raise InputFileError(
            path, line, row["batch"], "missing batch", "Name the batch, e.g. 2"
        )
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
            path, line, row["categories"], "unknown category", f"Use {CATEGORIES}"
        )
    if (row["label"] == "flag") != bool(categories):
        raise InputFileError(
            path,
            line,
            row["categories"],
            "categories do not match the label",
            "List categories for flag rows and none for ok rows",
        )
    return row["batch"], row["split"], row["label"], categories, row["text"]


def score(rows, model=SHIPPED_MODEL):
    """Return {name: (precision, recall, support)} for each category and overall.

    model is passed to check_scope, so None scores the rules alone.
    """
    predictions = [
        {f.category for f in check_scope(row[-1], model=model)} for row in rows
    ]
    scores = {}
    for category in CATEGORIES:
        hits = [
            (category in got, category in row[3])
            for got, row in zip(predictions, rows, strict=True)
        ]
        scores[category] = precision_recall(hits)
    overall = [
        (bool(got), row[2] == "flag")
        for got, row in zip(predictions, rows, strict=True)
    ]
    scores["overall"] = precision_recall(overall)
    return scores


def precision_recall(hits):
    """Return (precision, recall, support) of (predicted, labelled) pairs.

    A ratio with a zero denominator is NaN, so an empty category reads as unknown.
    """
    true_pos = sum(1 for got, want in hits if got and want)
    predicted = sum(1 for got, _ in hits if got)
    actual = sum(1 for _, want in hits if want)
    return ratio(true_pos, predicted), ratio(true_pos, actual), actual


def ratio(numerator, denominator):
    return numerator / denominator if denominator else float("nan")
