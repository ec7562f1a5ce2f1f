"""The team's plain-language meanings of claim adjustment codes, shipped with the app."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class CarcMeaning:
    code: str
    category: str  # the denial category a practice routes on, e.g. authorization
    meaning: str
    owner_role: str  # who takes the next step: front_desk, auth_team, biller, …
    front_office_preventable: bool


@functools.cache
def carc_meanings():
    """Return the shipped meanings keyed by CARC code."""
    with open(DATA_DIR / "carc_meanings.csv", newline="", encoding="utf-8") as handle:
        return {
            row["code"]: CarcMeaning(
                code=row["code"],
                category=row["category"],
                meaning=row["meaning"],
                owner_role=row["owner_role"],
                front_office_preventable=row["front_office_preventable"] == "yes",
            )
            for row in csv.DictReader(handle)
        }


@functools.cache
def group_code_meanings():
    """Return the meaning of each claim adjustment group code (CO, PR, OA, PI, CR)."""
    with open(DATA_DIR / "group_codes.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: row["meaning"] for row in csv.DictReader(handle)}
