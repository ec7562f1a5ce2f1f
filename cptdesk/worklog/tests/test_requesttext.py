import pytest

from cptdesk.worklog import requesttext
from cptdesk.worklog.requesttext import RequestText

TEXT = RequestText(
    what_missing="Signed order for Knee MRI",
    reason="Aetna prior authorization packet for the knee MRI",
    due_date="2026-03-04",
    next_step_owner="Ordering office",
    send_to="Fax to the authorization team",
    reference="DR-000007",
    body="Please sign the order.",
    practice="Maple Street Clinic",
    recipient="Lakeside Ortho",
)


def test_fill_replaces_known_placeholders():
    filled = requesttext.fill(
        "{patient_ref} for {service}", {"patient_ref": "PT-1", "service": "MRI"}
    )

    assert filled == "PT-1 for MRI"


def test_fill_marks_missing_value():
    filled = requesttext.fill("Payer: {payer}", {"payer": ""})

    assert filled == "Payer: [payer not recorded]"


def test_fill_leaves_unknown_placeholder():
    assert requesttext.fill("{nope}", {}) == "{nope}"


def test_unknown_placeholders_are_listed():
    assert requesttext.unknown_placeholders("{service} {servise} {}") == ["servise", ""]


@pytest.mark.parametrize("starter", requesttext.STARTER_TEMPLATES, ids=lambda s: s.name)
def test_starter_template_uses_known_placeholders(starter):
    for text in (
        starter.what_missing,
        starter.reason,
        starter.body,
        starter.send_to,
        starter.reminder_text,
    ):
        assert requesttext.unknown_placeholders(text) == []


def test_starter_templates_cover_document_kinds():
    names = {starter.name for starter in requesttext.STARTER_TEMPLATES}

    assert names == {
        "Signed order",
        "Progress notes",
        "Imaging report",
        "Referral",
        "Medical-necessity letter",
        "Records request",
    }


@pytest.mark.parametrize("fmt", ["fax", "email", "portal"])
def test_every_format_states_the_request(fmt):
    rendered = requesttext.render(fmt, TEXT)

    for part in (
        "Signed order for Knee MRI",
        "knee MRI",
        "2026-03-04",
        "DR-000007",
        "Ordering office",
    ):
        assert part in rendered


def test_email_starts_with_subject():
    rendered = requesttext.render("email", TEXT)

    assert rendered.startswith("Subject: Request DR-000007")


def test_fax_names_recipient():
    rendered = requesttext.render("fax", TEXT)

    assert "To: Lakeside Ortho" in rendered


def test_unknown_format_is_rejected():
    with pytest.raises(ValueError, match="telegram"):
        requesttext.render("telegram", TEXT)
