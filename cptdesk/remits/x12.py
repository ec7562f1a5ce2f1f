"""X12 envelope and segment tokenizer, with the value parsers that 835 reading needs.

The tokenizer takes the separators from each ISA header, or guesses them from the ST
segment when a file contains bare ST...SE transactions. It returns the segments as
stripped strings, in blocks that share one set of separators.
"""

import datetime
import re
from dataclasses import dataclass

from cptdesk.lib.inputerrors import InputFileError

RESEND_FIX = (
    "Ask the payer or clearinghouse to resend the remittance, or open a support "
    "request with the file attached"
)

ISA_ELEMENT_COUNT = 16
NEWLINES = "\r\n"


class RemittanceError(InputFileError):
    """An 835 file that cannot be read, with the segment where reading stopped."""

    def __init__(
        self,
        problem,
        *,
        segment_number=None,
        segment_id="",
        value=None,
        fix=RESEND_FIX,
        source="835 file",
    ):
        self.segment_number = segment_number
        self.segment_id = segment_id
        where = ""
        if segment_number is not None:
            where = f"segment {segment_number} ({segment_id or 'empty'}): "
        super().__init__(source, None, value, where + problem, fix)


@dataclass(frozen=True, slots=True)
class Separators:
    """The delimiters of one interchange (or of a bare transaction set)."""

    element: str
    component: str
    segment: str  # a newline terminator stands for CR, LF or CRLF alike


@dataclass(slots=True)
class SegmentBlock:
    """Consecutive segments of one file that share a set of separators."""

    separators: Separators
    segments: list[str]
    first_number: int  # 1-based position of segments[0] within the whole file


def decode(data):
    """Return the file content as text without a byte order mark."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # X12 text is ASCII in practice, so a stray non-UTF-8 byte is read as
            # Latin-1 rather than rejecting a file that is otherwise readable.
            text = data.decode("latin-1")
    else:
        text = data
    return text.lstrip("\ufeff")


def tokenize(text, source="835 file"):
    """Split 835 text into segment blocks, one per interchange or one for bare data."""
    start = _skip_whitespace(text, 0)
    if text.startswith("ISA", start):
        return _tokenize_interchanges(text, start, source)
    if text.startswith("ST", start):
        separators = _guess_bare_separators(text, start, source)
        segments = _split(text[start:], separators.segment)
        return [SegmentBlock(separators, segments, 1)]
    raise RemittanceError(
        "the file does not start with an ISA or ST segment, so it is not an X12 835 "
        "file",
        segment_number=1,
        segment_id=text[start : start + 3].strip(),
        fix="Check that the file is the 835 remittance download and not a report or "
        "a PDF saved as text",
        source=source,
    )


def _tokenize_interchanges(text, start, source):
    blocks = []
    position = start
    number = 1
    while position < len(text):
        if not text.startswith("ISA", position):
            raise RemittanceError(
                "text follows the end of an interchange (IEA) but does not start a new "
                "ISA header",
                segment_number=number,
                segment_id=text[position : position + 3],
                source=source,
            )
        separators = read_isa_separators(text, position, number, source)
        end = _find_interchange_end(text, position, separators)
        segments = _split(text[position:end], separators.segment)
        blocks.append(SegmentBlock(separators, segments, number))
        number += len(segments)
        position = _skip_whitespace(text, end)
    return blocks


def read_isa_separators(text, position, number=1, source="835 file"):
    """Read the separators from the fixed ISA header that starts at position."""
    element = text[position + 3 : position + 4]
    if not element or element.isalnum() or element.isspace():
        raise _isa_error("the ISA header has no element separator", number, source)

    # Find ISA16 by counting separators, because some senders do not pad ISA fields
    # to their fixed widths.
    index = position + 3
    for _ in range(ISA_ELEMENT_COUNT - 1):
        index = text.find(element, index + 1)
        if index < 0:
            raise _isa_error(
                "the ISA header has fewer than 16 elements", number, source
            )
    component = text[index + 1 : index + 2]
    terminator = text[index + 2 : index + 3]
    if not component or not terminator:
        raise _isa_error("the file ends inside the ISA header", number, source)
    if terminator.isalnum() or terminator == element or component == element:
        raise _isa_error(
            "ISA16 must be one component separator character followed by the segment "
            "terminator",
            number,
            source,
        )
    if terminator in NEWLINES:
        terminator = "\n"
    return Separators(element, component, terminator)


def _isa_error(problem, number, source):
    return RemittanceError(
        problem, segment_number=number, segment_id="ISA", source=source
    )


def _find_interchange_end(text, start, separators):
    """Return the offset just past the IEA segment of the interchange at start."""
    terminator = re.escape(separators.segment)
    if separators.segment == "\n":
        terminator = "[\r\n]"
    pattern = re.compile(terminator + r"\s*IEA" + re.escape(separators.element))
    match = pattern.search(text, start)
    if match is None:
        return len(text)
    end = _find_terminator(text, match.end(), separators.segment)
    return len(text) if end < 0 else end + 1


def _find_terminator(text, start, terminator):
    if terminator != "\n":
        return text.find(terminator, start)
    ends = [index for index in (text.find(c, start) for c in NEWLINES) if index >= 0]
    return min(ends, default=-1)


def _guess_bare_separators(text, start, source):
    """Guess separators for ST...SE data that arrives without an ISA envelope."""
    element = text[start + 2 : start + 3]
    if not element or element.isalnum() or element.isspace():
        raise RemittanceError(
            "the ST segment has no element separator after 'ST'",
            segment_number=1,
            segment_id="ST",
            source=source,
        )

    # The ST segment contains only letters, digits and element separators, so the first
    # other character ends it and is the segment terminator.
    terminator = None
    for character in text[start + 3 : start + 80]:
        if not character.isalnum() and character != element:
            terminator = character
            break
    if terminator is None or terminator == " ":
        raise RemittanceError(
            "cannot find the segment terminator after the ST segment",
            segment_number=1,
            segment_id="ST",
            source=source,
        )
    if terminator in NEWLINES:
        terminator = "\n"
    return Separators(element, _guess_component(text, element), terminator)


def _guess_component(text, element):
    """Take the component separator from the first SVC01, else the usual colon."""
    index = text.find("SVC" + element)
    candidate = text[index + 6 : index + 7] if index >= 0 else ""
    if candidate and not candidate.isalnum() and candidate != element:
        return candidate
    return ":"


def _split(text, terminator):
    if terminator == "\n":
        parts = text.replace("\r", "\n").split("\n")
    else:
        parts = text.split(terminator)
    return list(filter(None, map(str.strip, parts)))


def _skip_whitespace(text, position):
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def parse_date(text):
    """Return a CCYYMMDD date, or None when the element is empty or not a valid date."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
