"""Explain the structure of a CPT or HCPCS code typed into a code box.

The explanation covers public structure only: format, CPT section and range, HCPCS
Level II letter group and modifiers. It contains no descriptor text and suggests no
other code.

Hyphens and spaces separate a code from up to four modifiers (``27447-RT``,
``99213 25 59``), and ``J 0585`` or ``0001 F`` are read as one code. A seven-character
run such as ``27447RT`` is split into code and modifier only when its first five
characters are a recognised code and its last two contain a letter. Seven digits are
never split, because they could as easily be a typo or a claim number.
"""

import dataclasses
import unicodedata
from dataclasses import dataclass

CPT_CATEGORY_I = "cpt_category_i"  # five digits inside a published section range
CPT_CATEGORY_II = "cpt_category_ii"  # four digits + F: performance measurement
CPT_CATEGORY_III = "cpt_category_iii"  # four digits + T: emerging technology
CPT_PLA = "cpt_pla"  # four digits + U: proprietary laboratory analyses
CPT_MAAA = "cpt_maaa"  # four digits + M: multianalyte assays with algorithms
CPT_VACCINE = "cpt_vaccine"  # four digits + A: vaccine product or administration
HCPCS_LEVEL_II = "hcpcs_level_ii"  # letter A-V (no D, F, I, N, O) + four digits
CDT_DENTAL = "cdt_dental"  # D + four digits: dental code set owned by the ADA
MODIFIER = "modifier"  # two characters on their own
UNKNOWN = "unknown"  # five digits outside every published Category I range
INVALID = "invalid"  # not shaped like any code or modifier

CPT_KINDS = frozenset(
    {CPT_CATEGORY_I, CPT_CATEGORY_II, CPT_CATEGORY_III, CPT_PLA, CPT_MAAA, CPT_VACCINE}
)

KIND_LABELS = {
    CPT_CATEGORY_I: "CPT Category I code",
    CPT_CATEGORY_II: "CPT Category II code (performance measurement)",
    CPT_CATEGORY_III: "CPT Category III code (emerging technology, temporary)",
    CPT_PLA: "CPT Proprietary Laboratory Analyses (PLA) code",
    CPT_MAAA: "CPT Multianalyte Assay with Algorithmic Analyses (MAAA) code",
    CPT_VACCINE: "CPT vaccine product or administration code",
    HCPCS_LEVEL_II: "HCPCS Level II code",
    CDT_DENTAL: "CDT dental code",
    MODIFIER: "Modifier",
    UNKNOWN: "Unknown five-digit number",
    INVALID: "Invalid input",
}

# CPT Category I sections. Five-digit strings compare like the numbers they spell.
# NOTE: every five-digit code in the October 2025 Medicare PFS file lies inside these
# ranges. A code published outside them later reads as UNKNOWN until this table changes.
SECTION_RANGES = (
    ("00100", "01999", "Anesthesia"),
    ("10004", "69990", "Surgery"),
    ("70010", "79999", "Radiology"),
    ("80047", "89398", "Pathology and Laboratory"),
    ("90281", "99199", "Medicine"),
    ("99202", "99499", "Evaluation and Management"),
    ("99500", "99607", "Medicine"),
)

SURGERY_SUBSECTION_RANGES = (
    ("10004", "19499", "Integumentary System"),
    ("20100", "29999", "Musculoskeletal System"),
    ("30000", "32999", "Respiratory System"),
    ("33016", "37799", "Cardiovascular System"),
    ("38100", "38999", "Hemic and Lymphatic Systems"),
    ("39000", "39599", "Mediastinum and Diaphragm"),
    ("40490", "49999", "Digestive System"),
    ("50010", "53899", "Urinary System"),
    ("54000", "55899", "Male Genital System"),
    ("55920", "55980", "Reproductive System and Intersex"),
    ("56405", "58999", "Female Genital System"),
    ("59000", "59899", "Maternity Care and Delivery"),
    ("60000", "60699", "Endocrine System"),
    ("61000", "64999", "Nervous System"),
    ("65091", "68899", "Eye and Ocular Adnexa"),
    ("69000", "69979", "Auditory System"),
    ("69990", "69990", "Operating Microscope"),
)

QUALIFYING_CIRCUMSTANCES = ("99100", "99140")
QUALIFYING_CIRCUMSTANCES_NOTE = (
    "Codes 99100-99140 are anesthesia qualifying circumstances, which CPT places in"
    " the Medicine section."
)

# The last character of a four-digits-and-a-letter CPT code names its code set.
CPT_SUFFIX_KINDS = {
    "F": CPT_CATEGORY_II,
    "T": CPT_CATEGORY_III,
    "U": CPT_PLA,
    "M": CPT_MAAA,
    "A": CPT_VACCINE,
}

HCPCS_GROUPS = {
    "A": "Transport services and medical and surgical supplies",
    "B": "Enteral and parenteral therapy",
    "C": "Outpatient prospective payment system",
    "E": "Durable medical equipment",
    "G": "Professional services",
    "H": "Behavioral health and substance abuse treatment",
    "J": "Drugs administered other than orally",
    "K": "Temporary codes for DME MAC use",
    "L": "Orthotics and prosthetics",
    "M": "Quality measures and other medical services",
    "P": "Pathology and laboratory",
    "Q": "Temporary codes",
    "R": "Diagnostic radiology",
    "S": "Private payer codes",
    "T": "State Medicaid agency codes",
    "U": "Laboratory",
    "V": "Vision and hearing",
}

# The letters I and O look like the digits 1 and 0, so their reason asks for a check.
LOOKALIKE_DIGITS = {"I": "1", "O": "0"}

MAX_MODIFIERS = 4  # modifier positions on a claim service line
COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight")
CODING_DECISION_NOTE = "Choosing a modifier is a coding decision for a coder or biller."


@dataclass(frozen=True)
class Anatomy:
    """The structure of one typed code, or the reason it is not a code."""

    text: str  # input as typed
    code: str  # normalised code, or the two characters of a bare modifier
    modifiers: tuple[str, ...]
    kind: str  # one of the kind constants above
    kind_label: str
    section: str | None = None  # CPT section, HCPCS letter group or modifier family
    subsection: str | None = None  # Surgery subsection
    range_start: str | None = None  # narrowest published range containing the code
    range_end: str | None = None
    reason: str | None = None  # why the input is invalid or unknown
    notes: tuple[str, ...] = ()

    @property
    def is_valid(self) -> bool:
        return self.kind not in (INVALID, UNKNOWN)

    @property
    def is_cpt(self) -> bool:
        """Whether the code is in a CPT code set, not HCPCS Level II or CDT."""
        return self.kind in CPT_KINDS

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["modifiers"] = list(self.modifiers)
        data["notes"] = list(self.notes)
        data["is_valid"] = self.is_valid
        data["is_cpt"] = self.is_cpt
        return data


def explain(text: str) -> Anatomy:
    """Return the structure of the code and modifiers in ``text``.

    Text that is not a code gets kind INVALID or UNKNOWN and a plain-language reason
    instead of an exception.
    """
    problem = _find_bad_character(text)
    if problem:
        return _invalid(text, problem)

    tokens = _join_split_code(_tokenise(text))
    if not tokens:
        return _invalid(text, "The code box is empty. Type a five-character code.")
    if len(tokens) == 1 and len(tokens[0]) == 2:
        return dataclasses.replace(_explain_modifier(tokens[0]), text=text)

    code, modifiers = _split_attached_modifier(tokens[0], tuple(tokens[1:]))
    anatomy = _classify(code)
    if not anatomy.is_valid:
        return dataclasses.replace(anatomy, text=text, modifiers=modifiers)
    problem = _check_modifiers(modifiers)
    if problem:
        return _invalid(text, problem, code, modifiers)

    notes = anatomy.notes + _modifier_notes(modifiers)
    if code != tokens[0]:
        notes = (f"Read {tokens[0]} as {code} with modifier {modifiers[0]}.", *notes)
    return dataclasses.replace(anatomy, text=text, modifiers=modifiers, notes=notes)


def normalise_code(text: str) -> str:
    """Return the code part of ``text`` uppercased, without spaces or modifiers.

    Search boxes use this to match ``j 0585`` and ``27447-RT`` to stored codes. The
    code is not validated, and text with no code part becomes an empty string.
    """
    tokens = _join_split_code(_tokenise(text))
    if not tokens:
        return ""
    code, _ = _split_attached_modifier(tokens[0], ())
    return code


def _tokenise(text: str) -> list[str]:
    return text.upper().replace("-", " ").split()


def _find_bad_character(text: str) -> str | None:
    for char in text:
        if char.isspace() or char == "-" or (char.isascii() and char.isalnum()):
            continue
        name = unicodedata.name(char, "unnamed character").lower()
        return (
            f"{text.strip()!r} contains {char!r} ({name}), which is not a letter,"
            " digit, space or hyphen. Retype the code by hand."
        )
    return None


def _join_split_code(tokens: list[str]) -> list[str]:
    if len(tokens) < 2:
        return tokens
    first, second = tokens[0], tokens[1]
    letter_then_digits = len(first) == 1 and first.isalpha() and _is_digits(second, 4)
    digits_then_letter = _is_digits(first, 4) and len(second) == 1 and second.isalpha()
    if letter_then_digits or digits_then_letter:
        return [first + second, *tokens[2:]]
    return tokens


def _split_attached_modifier(
    code: str, modifiers: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    if len(code) != 7 or code[5:].isdigit():
        return code, modifiers
    if _classify(code[:5]).is_valid:
        return code[:5], (code[5:], *modifiers)
    return code, modifiers


def _classify(code: str) -> Anatomy:
    if len(code) != 5:
        return _invalid(code, _length_reason(code))
    if _is_digits(code, 5):
        return _classify_category_i(code)
    if _is_digits(code[:4], 4) and code[4].isalpha():
        return _classify_cpt_suffix(code)
    if code[0].isalpha() and _is_digits(code[1:], 4):
        return _classify_letter_prefix(code)

    positions = [i for i, char in enumerate(code, start=1) if char.isalpha()]
    if not positions:
        return _invalid(
            code, f"{code} contains characters other than letters and digits."
        )
    where = f"a letter at position {positions[0]}"
    if len(positions) > 1:
        where = f"{_count_word(len(positions))} letters"
    reason = (
        f"{code} has {where}, but a CPT or HCPCS code has at most one letter,"
        " either first or last."
    )
    return _invalid(code, reason)


def _classify_category_i(code: str) -> Anatomy:
    section = _find_range(SECTION_RANGES, code)
    if section is None:
        reason = (
            f"{code} is a five-digit number outside the published CPT Category I"
            " ranges. Check it against the source document or ask a coder."
        )
        return _describe(code, UNKNOWN, reason=reason)

    # Subsection rows lie inside Surgery, so only Surgery codes find one.
    start, end, name = section
    subsection = _find_range(SURGERY_SUBSECTION_RANGES, code)
    if subsection:
        start, end = subsection[0], subsection[1]
    notes: tuple[str, ...] = ()
    if QUALIFYING_CIRCUMSTANCES[0] <= code <= QUALIFYING_CIRCUMSTANCES[1]:
        notes = (QUALIFYING_CIRCUMSTANCES_NOTE,)
    return _describe(
        code,
        CPT_CATEGORY_I,
        section=name,
        subsection=subsection[2] if subsection else None,
        range_start=start,
        range_end=end,
        notes=notes,
    )


def _classify_cpt_suffix(code: str) -> Anatomy:
    kind = CPT_SUFFIX_KINDS.get(code[4])
    if kind is None:
        allowed = ", ".join(CPT_SUFFIX_KINDS)
        reason = (
            f"{code} ends in {code[4]}, but CPT codes of four digits and a letter end"
            f" in one of {allowed}."
        )
        return _invalid(code, reason)
    return _describe(code, kind)


def _classify_letter_prefix(code: str) -> Anatomy:
    letter = code[0]
    if letter == "D":
        note = "CDT codes are owned by the American Dental Association (ADA)."
        return _describe(code, CDT_DENTAL, notes=(note,))
    if letter not in HCPCS_GROUPS:
        reason = (
            f"{code} starts with {letter}, but HCPCS Level II has no {letter} group."
        )
        if letter in LOOKALIKE_DIGITS:
            reason += (
                f" Check whether the source document shows the digit"
                f" {LOOKALIKE_DIGITS[letter]}, which looks like the letter {letter}."
            )
        return _invalid(code, reason)
    return _describe(code, HCPCS_LEVEL_II, section=HCPCS_GROUPS[letter])


def _explain_modifier(modifier: str) -> Anatomy:
    section = _modifier_family(modifier)
    return _describe(modifier, MODIFIER, section=section, notes=(CODING_DECISION_NOTE,))


def _modifier_family(modifier: str) -> str:
    if modifier.isdigit():
        return "CPT modifier"
    if modifier[0].isdigit():
        return "Performance measurement modifier (CPT Category II)"
    return "HCPCS Level II modifier"


def _check_modifiers(modifiers: tuple[str, ...]) -> str | None:
    if len(modifiers) > MAX_MODIFIERS:
        return (
            f"A claim line has room for at most {COUNT_WORDS[MAX_MODIFIERS]} modifiers,"
            f" but this has {_count_word(len(modifiers))}."
        )
    for modifier in modifiers:
        if len(modifier) != 2:
            return (
                f"Modifier {modifier} has {_count_characters(modifier)}, but modifiers"
                " have two characters."
            )
    return None


def _modifier_notes(modifiers: tuple[str, ...]) -> tuple[str, ...]:
    if not modifiers:
        return ()
    families = tuple(f"Modifier {m}: {_modifier_family(m)}." for m in modifiers)
    return (*families, CODING_DECISION_NOTE)


def _length_reason(code: str) -> str:
    reason = f"{code} has {_count_characters(code)}, but CPT and HCPCS codes have five."
    if len(code) == 7 and code.isdigit() and _classify(code[:5]).is_valid:
        reason += (
            f" If {code[5:]} is a modifier, type it after a hyphen:"
            f" {code[:5]}-{code[5:]}."
        )
    return reason


def _find_range(rows: tuple, code: str) -> tuple | None:
    return next((row for row in rows if row[0] <= code <= row[1]), None)


def _is_digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def _count_word(count: int) -> str:
    return COUNT_WORDS[count] if count < len(COUNT_WORDS) else str(count)


def _count_characters(text: str) -> str:
    unit = "character" if len(text) == 1 else "characters"
    return f"{_count_word(len(text))} {unit}"


def _describe(code: str, kind: str, **fields) -> Anatomy:
    return Anatomy(code, code, (), kind, KIND_LABELS[kind], **fields)


def _invalid(
    text: str, reason: str, code: str = "", modifiers: tuple[str, ...] = ()
) -> Anatomy:
    return Anatomy(text, code, modifiers, INVALID, KIND_LABELS[INVALID], reason=reason)
