"""Checks on the team's plain-language meanings for claim adjustment reason codes."""

import csv
import os
import re
from collections import Counter
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SHARED_DATA = Path(
    os.environ.get(
        "CPTDESK_SHARED_DATA", Path(__file__).resolve().parents[3] / "../shared/data"
    )
).resolve()
OFFICIAL_CARC = SHARED_DATA / "x12_codes" / "carc.csv"

MEANINGS_COLUMNS = [
    "code",
    "category",
    "meaning",
    "owner_role",
    "front_office_preventable",
]
CATEGORIES = {
    "eligibility",
    "authorization",
    "referral",
    "documentation",
    "coding",
    "duplicate",
    "timely_filing",
    "coordination_of_benefits",
    "non_covered",
    "contractual",
    "patient_responsibility",
    "medical_necessity",
    "bundling",
    "frequency_limit",
    "provider_enrollment",
    "pricing",
    "other",
}
OWNER_ROLES = {"front_desk", "auth_team", "biller", "coder", "provider", "supervisor"}
GROUP_CODES = ["CO", "PR", "OA", "PI", "CR"]
MIN_ROWS = 80
MAX_MEANING_LENGTH = 120
COPIED_RUN_WORDS = 6  # a shared run this long counts as copied X12 wording

# Codes common on outpatient remittances, which the file must explain. X12
# deactivated 15 in 2018 and 125 in 2013, so they are left out. Remittances now send
# 197, 284 or 296 in place of 15, and 16 in place of 125.
CORE_CODES = """
1 2 3 4 5 6 7 8 9 10 11 16 18 19 20 22 23 24 26 27 29 31 32 39 40 45 49 50 51 54
55 56 58 59 66 96 97 100 107 109 110 111 114 119 129 136 140 146 149 150 151 167
170 171 181 182 183 184 185 189 197 198 199 200 204 226 227 234 236 242 243 252
253 256 257 258 273 276 284 288
""".split()


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as csv_file:
        return list(csv.DictReader(csv_file))


def word_runs(text, size):
    """Return every run of `size` consecutive lowercase words in the text."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def copied_runs(meaning, official):
    """Return the word runs of copy length that the meaning shares with X12 text."""
    return word_runs(meaning, COPIED_RUN_WORDS) & word_runs(official, COPIED_RUN_WORDS)


@pytest.fixture(scope="module")
def meanings():
    return read_rows(DATA_DIR / "carc_meanings.csv")


@pytest.fixture(scope="module")
def official_carcs():
    if not OFFICIAL_CARC.is_file():
        pytest.skip(
            f"Official CARC list not found at {OFFICIAL_CARC}; set "
            "CPTDESK_SHARED_DATA to the folder that contains x12_codes/carc.csv"
        )
    with open(OFFICIAL_CARC, newline="", encoding="utf-8-sig") as csv_file:
        return {row["code"]: row for row in csv.DictReader(csv_file)}


def test_meanings_file_has_expected_columns():
    with open(DATA_DIR / "carc_meanings.csv", newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))

    assert header == MEANINGS_COLUMNS


def test_meanings_file_has_enough_rows(meanings):
    assert len(meanings) >= MIN_ROWS


def test_meanings_codes_are_unique(meanings):
    counts = Counter(row["code"] for row in meanings)

    duplicates = sorted(code for code, count in counts.items() if count > 1)

    assert duplicates == []


def test_meanings_include_core_codes(meanings):
    codes = {row["code"] for row in meanings}

    missing = [code for code in CORE_CODES if code not in codes]

    assert missing == []


def test_meanings_use_known_categories(meanings):
    pairs = [(row["code"], row["category"]) for row in meanings]

    unknown = [pair for pair in pairs if pair[1] not in CATEGORIES]

    assert unknown == []


def test_meanings_use_known_owner_roles(meanings):
    pairs = [(row["code"], row["owner_role"]) for row in meanings]

    unknown = [pair for pair in pairs if pair[1] not in OWNER_ROLES]

    assert unknown == []


def test_meanings_preventable_is_yes_or_no(meanings):
    values = [(r["code"], r["front_office_preventable"]) for r in meanings]

    invalid = [pair for pair in values if pair[1] not in ("yes", "no")]

    assert invalid == []


def test_meanings_are_present_and_short(meanings):
    empty = [row["code"] for row in meanings if not row["meaning"].strip()]
    too_long = [
        (row["code"], len(row["meaning"]))
        for row in meanings
        if len(row["meaning"]) > MAX_MEANING_LENGTH
    ]

    assert empty == []
    assert too_long == []


def test_meanings_codes_exist_in_official_list(meanings, official_carcs):
    unknown = [row["code"] for row in meanings if row["code"] not in official_carcs]

    assert unknown == []


def test_meanings_codes_are_active(meanings, official_carcs):
    codes = [row["code"] for row in meanings if row["code"] in official_carcs]

    inactive = [c for c in codes if official_carcs[c]["status"] != "active"]

    assert inactive == []


def test_meanings_copy_no_official_wording(meanings, official_carcs):
    copied = []
    for row in meanings:
        official = official_carcs.get(row["code"], {}).get("description", "")
        shared = copied_runs(row["meaning"], official)
        if shared:
            copied.append((row["code"], " ".join(sorted(shared)[0])))

    assert copied == []


@pytest.mark.parametrize(
    ("meaning", "official", "copied"),
    [
        (
            "The time limit for filing has expired.",
            "The time limit for filing has expired.",
            True,
        ),
        (
            "Sent after the TIME limit for Filing has expired",
            "The time limit for filing has expired.",
            True,
        ),
        (
            "Payer received the claim after its deadline.",
            "The time limit for filing has expired.",
            False,
        ),
        (
            "Five words shared: the time limit for filing",
            "The time limit for filing has expired.",
            False,
        ),
    ],
)
def test_copied_runs_detect_copy(meaning, official, copied):
    shared = copied_runs(meaning, official)

    assert bool(shared) is copied


def test_group_codes_cover_every_group():
    rows = read_rows(DATA_DIR / "group_codes.csv")

    codes = [row["code"] for row in rows]

    assert codes == GROUP_CODES


def test_group_code_meanings_are_present_and_short():
    rows = read_rows(DATA_DIR / "group_codes.csv")

    empty = [row["code"] for row in rows if not row["meaning"].strip()]
    too_long = [row["code"] for row in rows if len(row["meaning"]) > MAX_MEANING_LENGTH]

    assert empty == []
    assert too_long == []
