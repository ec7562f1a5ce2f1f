import csv
from datetime import datetime
from pathlib import Path

import pytest

from cptdesk.worklog.notequality import (
    ACTIONABLE,
    VAGUE,
    FoundElement,
    check_note,
)

LABELLED_NOTES = Path(__file__).with_name("labelled_notes.csv")
HELDOUT_MINIMUM = 0.90


def read_labelled_notes():
    with LABELLED_NOTES.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def expected_missing(row):
    return {item for item in row["missing"].split(";") if item}


def required_missing(verdict):
    return {item.id for item in verdict.missing if item.required}


def matches_label(row):
    verdict = check_note(row["text"])
    if verdict.verdict != row["label"]:
        return False
    return expected_missing(row) <= required_missing(verdict)


def found_texts(verdict, element):
    return [item.text for item in verdict.found if item.element == element]


DEV_ROWS = [row for row in read_labelled_notes() if row["split"] == "dev"]
HELDOUT_ROWS = [row for row in read_labelled_notes() if row["split"] == "heldout"]


# Labelled set


def test_labelled_set_has_both_splits():
    assert len(DEV_ROWS) >= 120
    assert len(HELDOUT_ROWS) >= 20


def test_labelled_set_uses_known_labels():
    labels = {row["label"] for row in read_labelled_notes()}

    assert labels == {ACTIONABLE, VAGUE}


@pytest.mark.parametrize("row", DEV_ROWS, ids=lambda row: row["text"][:40])
def test_dev_note_gets_its_label(row):
    verdict = check_note(row["text"])

    assert verdict.verdict == row["label"]
    assert expected_missing(row) <= required_missing(verdict)


def test_heldout_accuracy_at_least_ninety_percent():
    correct = sum(matches_label(row) for row in HELDOUT_ROWS)

    assert correct / len(HELDOUT_ROWS) >= HELDOUT_MINIMUM


# Verdicts on the reference examples


def test_full_example_note_is_actionable():
    text = (
        "14:14 called the referring office, asked for the signed order and last "
        "progress note for the MRI authorization packet, they will fax by end of "
        "day; follow up tomorrow 10:00 if not received — owner: auth team"
    )

    verdict = check_note(text)

    assert verdict.verdict == ACTIONABLE
    assert verdict.missing == []


def test_called_office_is_vague_with_messages():
    verdict = check_note("called office")

    assert verdict.verdict == VAGUE
    assert set(verdict.missing_ids) >= {"contact", "request", "owner", "follow_up"}
    assert "no next-step owner" in [item.message for item in verdict.missing]


def test_closed_note_needs_no_next_step():
    text = "received signed order, attached to chart, auth submitted ref A77 — done"

    verdict = check_note(text)

    assert verdict.verdict == ACTIONABLE
    assert "closed" in verdict.found_elements


def test_closed_note_with_pending_item_stays_open():
    verdict = check_note("done, still waiting on the signed order from Dr Lee's office")

    assert verdict.verdict == VAGUE
    assert "owner" in verdict.missing_ids


def test_missing_time_of_contact_is_not_required():
    text = "spoke with Dana at radiology re MRI report, I will f/u tmrw 9am"

    verdict = check_note(text)

    assert verdict.verdict == ACTIONABLE
    assert "contact_time" in verdict.missing_ids
    assert not [item for item in verdict.missing if item.required]


def test_empty_note_is_vague():
    verdict = check_note("")

    assert verdict.verdict == VAGUE
    assert verdict.found == []


# Time detector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:14 called Aetna", "14:14"),
        ("LVM for pt at 2:30 pm", "2:30 pm"),
        ("called radiology at 10", "at 10"),
        ("3/12 called the payer", "3/12"),
    ],
)
def test_time_detector_finds_contact_time(text, expected):
    verdict = check_note(text)

    assert found_texts(verdict, "contact_time") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("follow up tomorrow", "tomorrow"),
        ("they will fax by end of day", "end of day"),
        ("f/u Friday", "Friday"),
        ("recheck in 2 business days", "in 2 business days"),
        ("call back tmrw", "tmrw"),
        ("fax expected EOD", "EOD"),
        ("f/u at 10", "at 10"),
    ],
)
def test_time_detector_finds_follow_up(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "follow_up")


def test_clock_after_follow_up_cue_is_follow_up():
    verdict = check_note("09:05 called Aetna; follow up 13:30")

    assert found_texts(verdict, "contact_time") == ["09:05"]
    assert found_texts(verdict, "follow_up") == ["13:30"]


# Channel detector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called the office", "called"),
        ("faxed the order", "faxed"),
        ("LVM for Dana", "LVM"),
        ("left voicemail", "voicemail"),
        ("portal message to Cigna", "portal"),
        ("emailed the clinic", "emailed"),
        ("met pt in person", "in person"),
    ],
)
def test_channel_detector(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "channel")


# Contact detectors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spoke with Dana", "Dana"),
        ("spoke w/ dana", "dana"),
        ("per Marcus the auth is pending", "Marcus"),
        ("LVM for pt re ABN", "pt"),
        ("Pt's wife called about the bill", "Pt's wife"),
    ],
)
def test_person_detector(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "contact_person")


@pytest.mark.parametrize(
    "text", ["spoke with someone", "spoke with the rep", "called office"]
)
def test_person_detector_skips_unnamed_contact(text):
    verdict = check_note(text)

    assert found_texts(verdict, "contact_person") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("faxed records to Acme, done", "Acme"),
        ("sent the signed order to Brightway", "Brightway"),
        ("emailed the clinicals over to Acme Corp", "Acme"),
        ("uploaded the auth form to Availity", "Availity"),
        ("will fax the order to Acme tomorrow", "Acme"),
        ("records from Acme received", "Acme"),
        ("spoke with Acme about the auth", "Acme"),
    ],
)
def test_recipient_after_preposition_is_contact(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "contact_person")
    assert "contact" not in verdict.missing_ids


@pytest.mark.parametrize(
    "text",
    [
        "sent to billing, done",
        "Sent to Billing, done",
        "talked to someone, done",
        "faxed records to pt, done",
        "sent records to me, done",
        "sent records and assigned to Maria, done",
        "faxed records, routed to Maria",
        "moved the visit to Friday",
    ],
)
def test_unnamed_recipient_is_not_contact(text):
    verdict = check_note(text)

    assert found_texts(verdict, "contact_person") == []
    assert "contact" in verdict.missing_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called the referring office", "referring office"),
        ("called Aetna", "Aetna"),
        ("called radiology", "radiology"),
        ("emailed Lakeside Imaging", "Lakeside Imaging"),
        ("faxed Dr. Patel's office", "Dr. Patel's office"),
    ],
)
def test_organisation_detector(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "contact_org")


def test_organisation_detector_skips_document_use():
    verdict = check_note("asked for the radiology report")

    assert found_texts(verdict, "contact_org") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ref #A1234", "ref #A1234"),
        ("call ref 55821", "call ref 55821"),
        ("conf #M2210", "conf #M2210"),
    ],
)
def test_reference_detector(text, expected):
    verdict = check_note(text)

    assert found_texts(verdict, "reference") == [expected]


def test_reference_detector_needs_a_digit():
    verdict = check_note("ref pending")

    assert found_texts(verdict, "reference") == []


# Document detector


@pytest.mark.parametrize(
    ("text", "element", "expected"),
    [
        ("asked for the signed order", "requested", "signed order"),
        ("requested the last progress note", "requested", "last progress note"),
        ("need imaging report", "requested", "imaging report"),
        (
            "received the medical necessity letter",
            "received",
            "medical necessity letter",
        ),
        ("rec'd records", "received", "records"),
        ("faxed the order to Lakeside Imaging", "sent", "order"),
        ("still waiting on the op note", "pending", "op note"),
        ("signed order received", "received", "signed order"),
        (
            "auth for lumbar MRI still pending",
            "pending",
            "auth for lumbar MRI still pending",
        ),
    ],
)
def test_document_detector_sets_kind(text, element, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, element)


@pytest.mark.parametrize("text", ["sent docs", "faxed paperwork", "sent info"])
def test_document_detector_ignores_generic_words(text):
    verdict = check_note(text)

    assert "request" in verdict.missing_ids


# Purpose, commitment and closing detectors


def test_purpose_detector():
    verdict = check_note("asked for the order for the MRI authorization packet")

    assert found_texts(verdict, "purpose") == ["for the MRI authorization packet"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they will fax by EOD", "they will fax"),
        ("Dana promised by noon", "promised by"),
        ("records will be faxed today", "will be faxed"),
    ],
)
def test_commitment_detector(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "commitment")


@pytest.mark.parametrize(
    "text", ["auth submitted — done", "no further action", "closed", "task complete"]
)
def test_closing_detector(text):
    verdict = check_note(text)

    assert "closed" in verdict.found_elements


@pytest.mark.parametrize(
    "text", ["not done yet", "office closed for lunch", "will call once complete"]
)
def test_closing_detector_skips_negation(text):
    verdict = check_note(text)

    assert "closed" not in verdict.found_elements


# Next step and owner detectors


@pytest.mark.parametrize(
    "text", ["follow up tomorrow", "f/u Fri", "call back at 3", "recheck fax queue"]
)
def test_next_step_detector(text):
    verdict = check_note(text)

    assert "next_step" in verdict.found_elements


@pytest.mark.parametrize(
    "text",
    [
        "called Aetna to follow up on the auth",
        "they will send it",
        "no follow up needed",
        "followed up with the office",
    ],
)
def test_next_step_detector_skips_past_and_promises(text):
    verdict = check_note(text)

    assert "next_step" not in verdict.found_elements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("owner: auth team", "owner: auth team"),
        ("follow up — front desk", "front desk"),
        ("I will call back", "I will"),
        ("biller to resubmit", "biller to"),
        ("routed to coder for review", "routed to coder"),
        ("assigned to Maria", "assigned to Maria"),
        ("f/u tmrw (referrals)", "referrals"),
    ],
)
def test_owner_detector(text, expected):
    verdict = check_note(text)

    assert expected in found_texts(verdict, "owner")


@pytest.mark.parametrize(
    "text",
    [
        "we will follow up tomorrow",
        "the referring provider will sign",
        "records will be faxed",
    ],
)
def test_owner_detector_skips_unowned_steps(text):
    verdict = check_note(text)

    assert "owner" not in verdict.found_elements


# Structured fields


def test_fields_fill_elements_missing_from_text():
    text = "called the referring office, asked for the signed order"
    fields = {
        "owner": "auth team",
        "follow_up": "tomorrow 10:00",
        "next_step": "recheck",
    }

    verdict = check_note(text, fields)

    assert verdict.verdict == ACTIONABLE


def test_field_element_has_no_span():
    verdict = check_note("", {"when": datetime(2025, 3, 14, 14, 14)})

    assert FoundElement(
        "contact_time", "2025-03-14 14:14:00", None, None, "field:when"
    ) in (verdict.found)


def test_blank_field_counts_as_absent():
    verdict = check_note("called office", {"owner": "  ", "follow_up": None})

    assert "owner" in verdict.missing_ids
    assert "follow_up" in verdict.missing_ids


def test_fields_alone_can_be_actionable():
    fields = {
        "contact_org": "Lakeside Imaging",
        "requested": "CT report",
        "next_step": "check fax",
        "owner": "front desk",
        "follow_up": "2025-03-15 09:00",
    }

    verdict = check_note(fields=fields)

    assert verdict.verdict == ACTIONABLE


def test_text_field_is_read_as_free_text():
    verdict = check_note(fields={"text": "spoke with Dana"})

    assert "Dana" in found_texts(verdict, "contact_person")


def test_unknown_field_is_rejected():
    with pytest.raises(ValueError, match="folow_up"):
        check_note("called office", {"folow_up": "tomorrow"})


def test_text_given_twice_is_rejected():
    with pytest.raises(ValueError, match="twice"):
        check_note("called office", {"text": "called Aetna"})


# Spans


def test_found_spans_point_into_text():
    text = "09:05 spoke with Dana at radiology, asked for the MRI report"

    verdict = check_note(text)

    for item in verdict.found:
        assert text[item.start : item.end] == item.text
