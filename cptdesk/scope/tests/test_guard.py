import csv
from pathlib import Path

import pytest

from cptdesk.scope.guard import (
    CATEGORIES,
    CLINICAL_ADVICE,
    CODING_ADVICE,
    COVERAGE_PROMISE,
    PRICE_PROMISE,
    REWRITES,
    RULES,
    check_scope,
    find_out_of_scope,
    split_sentences,
)

LABELLED = Path(__file__).resolve().parents[1] / "data" / "labelled_sentences.csv"
# Sentences the phrase and pattern rules were tuned on; the rules alone must label
# every one of them right.
RULE_CASES = Path(__file__).resolve().parent / "rule_cases.csv"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_labelled(split=None):
    rows = read_csv(LABELLED)
    return [row for row in rows if split is None or row["split"] == split]


def categories_of(text):
    return {finding.category for finding in check_scope(text)}


RULE_ROWS = read_csv(RULE_CASES)


@pytest.mark.parametrize(
    ("label", "expected", "text"),
    [(row["label"], row["categories"], row["text"]) for row in RULE_ROWS],
    ids=[f"case{number}" for number in range(len(RULE_ROWS))],
)
def test_rule_case_labelled_right(label, expected, text):
    expected_categories = set(filter(None, expected.split(";")))

    found = {finding.category for finding in check_scope(text, model=None)}

    assert found == expected_categories, f"{label}: {text}"


def test_labelled_set_size_and_split():
    rows = read_labelled()

    heldout = [row for row in rows if row["split"] == "heldout"]

    assert len(rows) >= 2000
    assert len(heldout) >= 300


def test_heldout_batches_hold_no_dev_rows():
    rows = read_labelled()
    heldout_batches = {row["batch"] for row in rows if row["split"] == "heldout"}

    mixed = {row["batch"] for row in rows if row["split"] == "dev"} & heldout_batches

    assert heldout_batches
    assert mixed == set()


def test_labelled_set_has_both_labels_per_split():
    rows = read_labelled()

    pairs = {(row["split"], row["label"]) for row in rows}

    assert pairs == {
        ("dev", "flag"),
        ("dev", "ok"),
        ("heldout", "flag"),
        ("heldout", "ok"),
    }


def test_dont_worry_is_one_coverage_finding():
    findings = check_scope("Don't worry, this will be covered")

    assert len(findings) == 1
    assert findings[0].category == COVERAGE_PROMISE
    assert findings[0].rewrite


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Your insurance will cover the MRI.", COVERAGE_PROMISE),
        ("Medicare pays for that.", COVERAGE_PROMISE),
        ("Don't worry, that's always covered.", COVERAGE_PROMISE),
        ("You won't owe anything.", PRICE_PROMISE),
        ("It will cost $50.", PRICE_PROMISE),
        ("It's usually free.", PRICE_PROMISE),
        ("Bill it as 99214.", CODING_ADVICE),
        ("Add modifier 59 to line 2.", CODING_ADVICE),
        ("Change the code to 99213.", CODING_ADVICE),
        ("Use 99214 instead.", CODING_ADVICE),
        ("Just put 25 on it.", CODING_ADVICE),
        ("You should stop taking the aspirin.", CLINICAL_ADVICE),
        ("You don't need the MRI.", CLINICAL_ADVICE),
        ("Take ibuprofen for the pain.", CLINICAL_ADVICE),
    ],
)
def test_category_found(text, category):
    found = categories_of(text)

    assert found == {category}


@pytest.mark.parametrize(
    "text",
    [
        "I can't promise it will be covered.",
        "We never say it will be covered.",
        "I cannot guarantee that your plan will pay for the scan.",
        "No one in our office can promise the visit will be free.",
        "There is no guarantee the appeal will be approved.",
        "We can't tell you whether to stop taking a medication.",
    ],
)
def test_negated_promise_is_ok(text):
    findings = check_scope(text)

    assert findings == []


def test_negation_ends_at_clause():
    text = "I can't promise much, but it will be covered."

    found = categories_of(text)

    assert found == {COVERAGE_PROMISE}


@pytest.mark.parametrize(
    "text",
    [
        'The patient said "my plan will cover it".',
        "The patient said \u201cmy plan will cover it\u201d.",
        "A note in the chart says 'bill it as 99214'; sent to the coder.",
        "The old letter read 'don't worry, it's covered' at the top.",
        "He typed \"you won't owe anything",
    ],
)
def test_quoted_phrase_is_ok(text):
    findings = check_scope(text)

    assert findings == []


def test_text_outside_quotes_still_checked():
    text = 'The "urgent" box is ticked and the scan is covered.'

    found = categories_of(text)

    assert found == {COVERAGE_PROMISE}


def test_reported_speech_is_ok():
    findings = check_scope("The patient thinks her plan will cover it.")

    assert findings == []


def test_own_statement_to_patient_is_flagged():
    found = categories_of("I told her the plan will cover it.")

    assert found == {COVERAGE_PROMISE}


@pytest.mark.parametrize(
    "text",
    [
        "I have asked the coder whether modifier 59 applies.",
        "The coder will change the code to 99213 if the note supports it.",
        "The provider will decide if you need the MRI.",
        "Please talk with your doctor before you stop taking any medication.",
        "The code on your bill is 99213; I will ask the billing team to review it.",
        "Coverage is decided by your plan.",
    ],
)
def test_routing_and_process_language_is_ok(text):
    findings = check_scope(text)

    assert findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Is this covered?",
        "Will my insurance pay for the MRI?",
        "Should I add modifier 25?",
    ],
)
def test_question_is_ok(text):
    findings = check_scope(text)

    assert findings == []


def test_suggesting_question_is_flagged():
    found = categories_of("Why don't you just bill it as 99215?")

    assert found == {CODING_ADVICE}


def test_each_sentence_checked_separately():
    text = "I can't promise anything. It will be covered. Take ibuprofen tonight."

    findings = check_scope(text)

    assert [finding.category for finding in findings] == [
        COVERAGE_PROMISE,
        CLINICAL_ADVICE,
    ]


def test_finding_offsets_point_at_phrase():
    text = "Checked in at 9:10. Dr. Lee is running late. Medicare pays for that."

    findings = check_scope(text)

    assert len(findings) == 1
    assert text[findings[0].start : findings[0].end] == findings[0].phrase
    assert findings[0].phrase == "Medicare pays for"


def test_finding_names_its_rule():
    rule_ids = {rule.rule_id: rule.category for rule in RULES}

    findings = check_scope("It's covered, so just bill it as 99214 and take ibuprofen.")

    assert len(findings) == 3
    for finding in findings:
        assert rule_ids[finding.rule] == finding.category


@pytest.mark.parametrize("category", CATEGORIES)
def test_rewrite_present_and_in_scope(category):
    rewrite = REWRITES[category]

    findings = check_scope(rewrite)

    assert rewrite
    assert findings == []


def test_findings_carry_category_rewrite():
    findings = check_scope("You won't owe anything. Add modifier 59 to line 2.")

    assert [finding.rewrite for finding in findings] == [
        REWRITES[PRICE_PROMISE],
        REWRITES[CODING_ADVICE],
    ]


def test_rule_ids_unique():
    rule_ids = [rule.rule_id for rule in RULES]

    assert len(rule_ids) == len(set(rule_ids))


def test_keyword_skip_changes_no_finding():
    texts = [row["text"] for row in read_labelled() + RULE_ROWS]

    for text in texts:
        fast = find_out_of_scope(text, use_keywords=True)
        full = find_out_of_scope(text, use_keywords=False)
        assert fast == full, text


def test_abbreviation_keeps_sentence_whole():
    text = "Ask Dr. Lee about it. Then call the plan."

    sentences = [text[start:end].strip() for start, end in split_sentences(text)]

    assert sentences == ["Ask Dr. Lee about it.", "Then call the plan."]


def test_empty_text_has_no_findings():
    findings = check_scope("")

    assert findings == []


def test_quotes_count_when_own():
    text = 'Tell the patient: "Your plan will cover it."'

    found = {f.category for f in check_scope(text, quotes_are_own=True)}

    assert found == {COVERAGE_PROMISE}
    assert check_scope(text) == []


def test_inch_mark_opens_no_quote():
    found = categories_of('Bring the 5" card. Your plan will cover it.')

    assert found == {COVERAGE_PROMISE}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("If anyone asks, it's covered.", COVERAGE_PROMISE),
        ("Whether the doctor agrees or not, bill it as 99215.", CODING_ADVICE),
    ],
)
def test_condition_ends_at_comma(text, category):
    assert category in categories_of(text)


def test_condition_before_match_still_ok():
    assert check_scope("If the plan approves it, we will schedule the scan.") == []


def test_many_abbreviations_stay_one_sentence():
    text = "Dr. " * 5000 + "Lee will call."

    sentences = list(split_sentences(text))

    assert sentences == [(0, len(text))]
