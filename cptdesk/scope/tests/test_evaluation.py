import math
from pathlib import Path

import pytest

from cptdesk.lib.inputerrors import InputFileError
from cptdesk.scope.evaluation import precision_recall, read_rows, score
from cptdesk.scope.guard import CATEGORIES

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled_sentences.csv"


def test_scores_every_batch_and_split():
    rows = read_rows(LABELLED)
    groups = {(row[0], row[1]) for row in rows}

    for batch, split in sorted(groups):
        subset = [row for row in rows if row[0] == batch and row[1] == split]
        scores = score(subset)
        flagged = sum(1 for row in subset if row[2] == "flag")
        assert set(scores) == {*CATEGORIES, "overall"}
        assert scores["overall"][2] == flagged
        for precision, recall, _ in scores.values():
            # A batch of ok rows only has no recall, and no precision if clean.
            assert math.isnan(precision) or 0 <= precision <= 1
            assert math.isnan(recall) or 0 <= recall <= 1


def test_labelled_file_has_eight_or_more_batches():
    batches = {row[0] for row in read_rows(LABELLED)}

    assert len(batches) >= 8


def test_model_raises_dev_recall():
    dev = [row for row in read_rows(LABELLED) if row[1] == "dev"]

    _, rules_recall, _ = score(dev, model=None)["overall"]
    _, guard_recall, _ = score(dev)["overall"]

    assert guard_recall > rules_recall


def test_precision_recall_counts():
    hits = [(True, True), (True, False), (False, True), (False, False)]

    precision, recall, support = precision_recall(hits)

    assert precision == 0.5
    assert recall == 0.5
    assert support == 2


def test_precision_without_predictions_is_nan():
    precision, _, _ = precision_recall([(False, True)])

    assert math.isnan(precision)


def test_bad_split_names_line(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text("batch,split,label,categories,text\n1,train,ok,,Hello.\n")

    with pytest.raises(InputFileError) as error:
        read_rows(path)

    assert "train" in str(error.value)
    assert error.value.line == 2
