import json
import math

import pytest

from cptdesk.scope import training
from cptdesk.scope.evaluation import read_rows
from cptdesk.scope.guard import (
    CATEGORIES,
    CLINICAL_ADVICE,
    CODING_ADVICE,
    COVERAGE_PROMISE,
    PRICE_PROMISE,
    check_scope,
)
from cptdesk.scope.model import (
    MODEL_PATH,
    ScopeModel,
    WeightTable,
    from_dict,
    load_model,
    normalise,
    read_model,
    sentence_features,
    to_dict,
    word_spans,
)


def tiny_model(weights, threshold=0.5, intercept=-2.0):
    """A coverage-only model that flags when the listed features add up past 2."""
    return ScopeModel(
        categories=(COVERAGE_PROMISE,),
        intercepts=(intercept,),
        thresholds=(threshold,),
        weights={name: (weight,) for name, weight in weights.items()},
        trained_on=1,
    )


GOOD_SHAPE = tiny_model({"w:good shape": 3.0, "w:aetna": 1.5})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You owe $40.50 today", "you owe  zmoney  today"),
        ("Bill 99214 with J06.9", "bill  zcode  with  zdiagnosis "),
        ("Covered at 100%", "covered at  zpercent "),
        ("Call back on 12/04", "call back on  znumber "),
        ("That\u2019s covered", "that's covered"),
    ],
)
def test_normalise_replaces_numbers(text, expected):
    assert normalise(text) == expected


def test_word_spans_point_into_sentence():
    sentence = "Medicare picks up $40."

    spans = word_spans(sentence)

    assert [token for token, _, _ in spans] == ["medicare", "picks", "up", "zmoney"]
    assert [sentence[start:end] for _, start, end in spans] == [
        "Medicare",
        "picks",
        "up",
        "$40.",
    ]


def test_features_hold_word_and_character_ngrams():
    features = sentence_features("Medicare picks up the tab")

    assert "w:medicare" in features
    assert "w:picks up" in features
    assert "w:picks up the" in features
    assert "c: tab " in features
    assert "c:icks" in features


def test_character_ngram_counted_once_per_word():
    features = sentence_features("the cat the cathedral")

    assert features.count("w:the") == 1
    assert features.count("c: the ") == 1
    assert features.count("c: cat") == 2


def test_probability_is_logistic_of_weight_sum():
    model = tiny_model({"w:picks": 0.5, "w:tab": 2.0, "c:tab": 0.25}, intercept=-1.0)

    (probability,) = model.probabilities("picks tab").values()

    assert probability == pytest.approx(1 / (1 + math.exp(-1.75)))


def test_probability_adds_shared_ngram_per_word():
    model = tiny_model({"c: ca": 1.0}, intercept=0.0)

    (probability,) = model.probabilities("cat cab cat").values()

    assert probability == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_evidence_ranks_positive_ngrams():
    sentence = "You are in good shape with Aetna."

    evidence = GOOD_SHAPE.evidence(sentence, COVERAGE_PROMISE)

    assert [item.words for item in evidence] == ["good shape", "aetna"]
    assert sentence[evidence[0].start : evidence[0].end] == "good shape"


def test_model_finds_what_rules_miss():
    findings = check_scope("You are in good shape with Aetna.", model=GOOD_SHAPE)

    assert len(findings) == 1
    assert findings[0].category == COVERAGE_PROMISE
    assert findings[0].rule == "model.coverage_promise"
    assert findings[0].phrase == "You are in good shape with Aetna."
    assert findings[0].evidence == ("good shape", "Aetna")


def test_rules_alone_miss_that_wording():
    assert check_scope("You are in good shape with Aetna.", model=None) == []


def test_model_finding_offsets_cover_sentence():
    text = "Thanks for calling.  You are in good shape with Aetna."

    (finding,) = check_scope(text, model=GOOD_SHAPE)

    assert text[finding.start : finding.end] == "You are in good shape with Aetna."


@pytest.mark.parametrize(
    "text",
    [
        "Are you in good shape with Aetna?",
        "I can't promise you are in good shape with Aetna.",
        'She said "you are in good shape with Aetna."',
        "The patient thinks she is in good shape with Aetna.",
        "If you are in good shape with Aetna, we will book it.",
    ],
)
def test_model_respects_questions_negation_quotes(text):
    assert check_scope(text, model=GOOD_SHAPE) == []


def test_rule_finding_wins_over_model():
    model = tiny_model({"w:will be covered": 5.0})

    (finding,) = check_scope("This will be covered.", model=model)

    assert finding.rule.startswith("coverage.")


def test_below_threshold_is_not_flagged():
    model = tiny_model({"w:good shape": 3.0}, threshold=0.9)

    assert check_scope("You are in good shape with Aetna.", model=model) == []


def test_from_dict_rejects_other_format():
    with pytest.raises(ValueError, match="retrain"):
        from_dict({"format": 99, "categories": {}, "trained_on": 0})


def test_shipped_model_covers_every_category():
    shipped = load_model()

    assert shipped.categories == CATEGORIES
    assert all(0.0 < threshold < 1.0 for threshold in shipped.thresholds)
    assert len(shipped.weights) > 1000


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Aetna's gonna foot the bill, no sweat.", PRICE_PROMISE),
        ("Just toss a 25 on the E/M and it'll clear.", CODING_ADVICE),
        ("Sounds like a pulled muscle, heat and rest.", CLINICAL_ADVICE),
    ],
)
def test_shipped_model_flags_unlisted_wording(text, category):
    findings = check_scope(text)

    assert [finding.category for finding in findings] == [category]
    assert findings[0].rule == f"model.{category}"
    assert check_scope(text, model=None) == []


def test_shipped_model_matches_training(tmp_path):
    """Retraining on the labelled file gives the shipped weights, so they are current.

    The thresholds come from the shipped file, because choosing them again needs the
    cross-validation run of training.main, which takes about a minute.
    """

    shipped = load_model()
    rows = [row for row in read_rows(training.DEFAULT_CSV) if row[1] == "dev"]
    thresholds = dict(zip(shipped.categories, shipped.thresholds, strict=True))

    retrained = training.fit_category_models(rows, thresholds)

    assert retrained.trained_on == shipped.trained_on
    assert retrained.intercepts == shipped.intercepts
    assert retrained.weights == shipped.weights


def test_written_model_reads_back(tmp_path):
    path = tmp_path / "model.json"

    training.write_model(GOOD_SHAPE, path)
    read_back = read_model(path)

    assert to_dict(read_back) == to_dict(GOOD_SHAPE)
    assert read_back.probabilities("in good shape") == GOOD_SHAPE.probabilities(
        "in good shape"
    )


def test_line_reader_matches_json_reader():
    with open(MODEL_PATH, encoding="utf-8") as handle:
        parsed = from_dict(json.load(handle))

    streamed = read_model(MODEL_PATH)

    assert streamed == parsed
    assert len(streamed.weights) == len(parsed.weights)


def test_weight_table_rejects_wrong_width():
    table = WeightTable(4)

    with pytest.raises(ValueError, match="3 weights, not 4"):
        table.add("w:covered", (0.1, 0.2, 0.3))


def test_weight_table_returns_rows():
    table = WeightTable.from_rows(2, [("w:a", (0.5, -1.0)), ("w:b", (2.0, 0.0))])

    assert table.get("w:b") == (2.0, 0.0)
    assert table.get("w:missing") is None
    assert dict(table.items()) == {"w:a": (0.5, -1.0), "w:b": (2.0, 0.0)}
