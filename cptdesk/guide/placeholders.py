"""Fill the placeholders of a script's text, such as ``{service}`` and ``{payer}``.

A script names the facts at hand in braces. Rendering fills each one from the values
given and shows a missing value as its label in square brackets, so staff can see what
to fill in before they read the text aloud. A name that is not in PLACEHOLDERS, or a
brace that opens no valid name, raises PlaceholderError, which names the problem and
lists the names that may be used. Write ``{{`` for a literal brace.
"""

import re
import string
from dataclasses import dataclass
from typing import ClassVar

# Placeholder name -> label shown in the form and in place of a missing value.
PLACEHOLDERS = {
    "patient_ref": "patient reference",
    "service": "service",
    "code": "code",
    "payer": "payer",
    "date": "date",
    "provider": "provider",
    "reference": "reference number",
    "due_date": "due date",
    "owner": "owner",
    "practice": "practice",
    "staff": "your name",
}


class PlaceholderError(ValueError):
    """A script text or a set of values names a placeholder that does not exist."""


_PLACEHOLDER_PATTERN = r"""
    \{(?:
      (?P<escaped>\{)
      | (?P<named>[a-z][a-z0-9_]*)\}
      | (?P<braced>(?!))
      | (?P<invalid>)
    )
    """


class ScriptTemplate(string.Template):
    """string.Template with ``{name}`` placeholders in place of ``$name``."""

    delimiter = "{"
    idpattern = r"[a-z][a-z0-9_]*"
    flags = re.VERBOSE  # names are lower case, as they are listed
    # string.Template compiles this str when the subclass is created, but typeshed
    # declares the attribute only as the compiled re.Pattern, which is what code reads.
    pattern: ClassVar[re.Pattern[str]] = _PLACEHOLDER_PATTERN  # type: ignore[assignment]


@dataclass(frozen=True)
class PlaceholderProblem:
    """One unusable placeholder in a text: its position and the reason."""

    position: int
    text: str
    message: str


def allowed_names() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def find_problems(text: str) -> list[PlaceholderProblem]:
    """List the unknown or malformed placeholders in text, in order."""
    problems = []
    for match in ScriptTemplate.pattern.finditer(text):
        name = match.group("named")
        if match.group("invalid") is not None:
            snippet = text[match.start() : match.start() + 20].split("\n")[0]
            problems.append(
                PlaceholderProblem(
                    match.start(),
                    snippet,
                    f"Malformed placeholder at character {match.start() + 1}: "
                    f"{snippet!r}. Write a name in lower case between braces, such as "
                    "{service}, or {{ for a literal brace.",
                )
            )
        elif name is not None and name not in PLACEHOLDERS:
            problems.append(
                PlaceholderProblem(
                    match.start(),
                    match.group(),
                    f"Unknown placeholder {match.group()}. "
                    f"Use one of {allowed_names()}.",
                )
            )
    return problems


def check_text(text: str) -> None:
    """Raise PlaceholderError for the first unusable placeholder in text."""
    problems = find_problems(text)
    if problems:
        raise PlaceholderError(problems[0].message)


def render(text: str, values: dict[str, str] | None = None) -> str:
    """Return text with every placeholder filled from values.

    A placeholder without a value, or with an empty one, becomes its label in square
    brackets, e.g. ``[payer]``. Raises PlaceholderError for an unknown name in text
    or in values.
    """
    values = values or {}
    unknown = sorted(set(values) - set(PLACEHOLDERS))
    if unknown:
        raise PlaceholderError(
            f"Unknown placeholder value {unknown[0]!r}. Use one of {allowed_names()}."
        )
    check_text(text)
    filled = {
        name: (values.get(name) or "").strip() or f"[{label}]"
        for name, label in PLACEHOLDERS.items()
    }
    return ScriptTemplate(text).substitute(filled)
