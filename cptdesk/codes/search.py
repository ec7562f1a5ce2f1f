"""Search as you type over codes, modifiers, places of service and adjustment codes.

Results are ranked in four tiers: the exact code, then codes that start with what was
typed, then entries whose short description contains every word, then entries whose long
description does. Words match by prefix and in any order, ignoring case.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.db import connection
from django.urls import reverse

from .anatomy import normalise_code
from .choices import EntryKind
from .models import SearchEntry
from .searchindex import FTS_TABLE

WORD = re.compile(r"[0-9A-Za-z]+")
CODE_LIKE = re.compile(r"^[0-9A-Z]{1,8}$")

EXACT, CODE_PREFIX, SHORT_TEXT, LONG_TEXT = range(4)  # ranking tiers, best first

# Longer input is cut: a search box needs no more, and every extra word is one more
# full-text term to intersect.
MAX_QUERY_CHARS = 100
MAX_WORDS = 8

# "CO 197", "PR-1": a claim adjustment group code and reason code as remittances show
# them; the reason code is searched as a CARC.
GROUP_AND_REASON = re.compile(
    r"^\s*(?:CO|PR|OA|PI|CR)[\s-]*(?P<reason>[A-Z]?\d{1,3})\s*$", re.IGNORECASE
)


def fold_accents(text):
    """Drop accents as the full-text index does, so "é" matches "e"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


KIND_LABELS = dict(EntryKind.choices)
URL_PLACEHOLDER = "000000000"  # digits, so integer URL patterns accept it too


@functools.cache
def url_pattern(name):
    return reverse(name, args=[URL_PLACEHOLDER])


@dataclass(frozen=True)
class Hit:
    kind: str
    code: str
    title: str
    release: str
    tier: int
    practice_owned: bool

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def url(self):
        # One reverse() per page instead of one per hit: reversing is a measurable part
        # of the response to a keystroke.
        name = "catalog:service" if self.kind == EntryKind.SERVICE else "codes:code"
        return url_pattern(name).replace(URL_PLACEHOLDER, quote(self.code))

    def to_dict(self):
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "code": self.code,
            "title": self.title,
            "release": self.release,
            "url": self.url,
        }


ROW_FIELDS = ("kind", "code", "title", "practice_id", "release__label")


def search(query, practice=None, limit=20):
    """Return up to `limit` hits for what the user typed, best first."""
    query = fold_accents(query or "")[:MAX_QUERY_CHARS]
    words = [word.lower() for word in WORD.findall(query)][:MAX_WORDS]
    if not words:
        return []
    visible = SearchEntry.objects.visible_to(practice).values_list(*ROW_FIELDS)

    ranked = {}
    adjustment = GROUP_AND_REASON.match(query)
    if adjustment:
        for row in visible.filter(kind=EntryKind.CARC, code=adjustment["reason"]):
            keep(ranked, row, EXACT)
    code = normalise_code(query)
    if CODE_LIKE.match(code):
        exact_rows, prefix_rows = code_matches(code, practice, limit)
        for row in exact_rows:
            keep(ranked, row, EXACT)
        for row in prefix_rows:
            keep(ranked, row, CODE_PREFIX)

    if len(ranked) >= limit:
        # Text matches rank below every code match, so none of them could be shown.
        return first_hits(ranked, limit)

    short_rows, long_rows = text_matches(words, practice, limit)
    for row in short_rows:
        keep(ranked, row, SHORT_TEXT)
    for row in long_rows:
        keep(ranked, row, LONG_TEXT)

    return first_hits(ranked, limit)


def first_hits(ranked, limit):
    hits = sorted(ranked.values(), key=lambda hit: hit[0])
    return [hit for _, hit in hits[:limit]]


def keep(ranked, row, tier):
    """Add a hit unless a better one for the same code is there.

    A practice's licensed CPT descriptor replaces the bare public code number.
    """
    kind, code, title, practice_id, release = row
    key = (kind, code)
    order = (tier, practice_id is None, len(ranked))
    if key in ranked and ranked[key][0][:2] <= order[:2]:
        return
    hit = Hit(
        kind=kind,
        code=code,
        title=title,
        release=release or "Practice catalog",
        tier=tier,
        practice_owned=practice_id is not None,
    )
    ranked[key] = (order, hit)


def code_matches(code, practice, limit):
    """Return entries whose code is the one typed, then those that start with it.

    Written as SQL rather than ORM queries: building the two querysets cost more than
    running them, on every keystroke.
    """
    params = {
        "code": code,
        "code_end": code + "~",  # "~" sorts after every digit and capital letter
        "practice": practice.pk if practice else None,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(EXACT_CODE, params)
        exact_rows = cursor.fetchall()
        cursor.execute(CODE_PREFIX_MATCH, params)
        prefix_rows = cursor.fetchall()
    return exact_rows, prefix_rows


def text_matches(words, practice, limit):
    """Return entries holding every word as a prefix: in the short text, then anywhere.

    Within a tier the shorter text comes first, since fewer other words means a closer
    match; the code breaks ties. Both databases order the same way.
    """
    params = {"practice": practice.pk if practice else None, "limit": limit}
    if connection.vendor == "postgresql":
        params["query"] = " & ".join(f"{word}:*" for word in words)
        queries = POSTGRES_SHORT_TEXT, POSTGRES_LONG_TEXT
    else:
        terms = " AND ".join(f'"{word}"*' for word in words)
        params["short_query"] = f"title : ({terms})"
        params["query"] = terms
        queries = SQLITE_SHORT_TEXT, SQLITE_LONG_TEXT
    with connection.cursor() as cursor:
        cursor.execute(queries[0], params)
        short_rows = cursor.fetchall()
        cursor.execute(queries[1], params)
        long_rows = cursor.fetchall()
    return short_rows, long_rows


COLUMNS = "e.kind, e.code, e.title, e.practice_id, r.label"  # in ROW_FIELDS order
VISIBLE = "(e.practice_id IS NULL OR e.practice_id = %(practice)s)"
CODE_MATCH = f"""
    SELECT {COLUMNS} FROM codes_searchentry e
    LEFT JOIN codes_datarelease r ON r.id = e.release_id
    WHERE {{}} AND {VISIBLE}
    ORDER BY e.code LIMIT %(limit)s
"""
EXACT_CODE = CODE_MATCH.format("e.code = %(code)s")
CODE_PREFIX_MATCH = CODE_MATCH.format("e.code > %(code)s AND e.code < %(code_end)s")

SQLITE_MATCH = f"""
    SELECT {COLUMNS} FROM {FTS_TABLE} f JOIN codes_searchentry e ON e.id = f.rowid
    LEFT JOIN codes_datarelease r ON r.id = e.release_id
    WHERE {FTS_TABLE} MATCH %({{}})s AND {VISIBLE}
    ORDER BY length(e.{{}}), e.code LIMIT %(limit)s
"""
SQLITE_SHORT_TEXT = SQLITE_MATCH.format("short_query", "title")
SQLITE_LONG_TEXT = SQLITE_MATCH.format("query", "body")

# The vector expressions must match the GIN indexes in the migrations to use them.
POSTGRES_MATCH = f"""
    SELECT {COLUMNS} FROM codes_searchentry e
    LEFT JOIN codes_datarelease r ON r.id = e.release_id
    WHERE {{}} @@ to_tsquery('simple', %(query)s) AND {VISIBLE}
    ORDER BY length(e.{{}}), e.code LIMIT %(limit)s
"""
POSTGRES_SHORT_TEXT = POSTGRES_MATCH.format("to_tsvector('simple', e.title)", "title")
POSTGRES_LONG_TEXT = POSTGRES_MATCH.format(
    "to_tsvector('simple', e.title || ' ' || e.body)", "body"
)
