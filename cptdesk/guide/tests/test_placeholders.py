import pytest

from cptdesk.guide.placeholders import (
    PLACEHOLDERS,
    PlaceholderError,
    find_problems,
    render,
)


def test_render_fills_given_values():
    text = "Your {service} with {payer} on {date}."

    result = render(
        text, {"service": "knee MRI", "payer": "Acme Health", "date": "3/14"}
    )

    assert result == "Your knee MRI with Acme Health on 3/14."


def test_render_marks_missing_value_with_label():
    result = render("Ask {payer} today.", {})

    assert result == "Ask [payer] today."


def test_render_treats_blank_value_as_missing():
    result = render("Ref {reference}.", {"reference": "  "})

    assert result == "Ref [reference number]."


def test_render_keeps_escaped_brace():
    result = render("Write {{service} to show the name.", {"service": "MRI"})

    assert result == "Write {service} to show the name."


def test_render_rejects_unknown_placeholder():
    with pytest.raises(PlaceholderError) as error:
        render("Hello {patient_name}.", {})

    assert "{patient_name}" in str(error.value)
    assert "{patient_ref}" in str(error.value)


def test_render_rejects_unknown_value_name():
    with pytest.raises(PlaceholderError) as error:
        render("Hello.", {"member_id": "123"})

    assert "member_id" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An unclosed {service", "Malformed placeholder at character 13"),
        ("Capitals {Service}", "Malformed placeholder at character 10"),
        ("A lone { brace", "Malformed placeholder at character 8"),
        ("Typo {servce}", "Unknown placeholder {servce}"),
    ],
)
def test_problem_names_place_and_fix(text, expected):
    problems = find_problems(text)

    assert len(problems) == 1
    assert problems[0].message.startswith(expected)


def test_every_placeholder_has_a_label():
    assert all(label for label in PLACEHOLDERS.values())


def test_clean_text_has_no_problems():
    assert find_problems("Call {owner} by {due_date}, ref {reference}.") == []
