"""Search as you type over codes, modifiers, places of service and adjustment codes.

Results are ranked in four tiers: the exact code, then codes that start with what was
typed, then entries whose short description holds every word, then entries whose long
description does. Words match by prefix and in any order, ignoring case.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse

from .anatomy import normalise_code
from .choices import EntryKind
from .models import SearchEntry
from .searchindex import FTS_TABLE

WORD = re.compile(r"[0-9A-Za-z]+")
CODE_LIKE = re.compile(r"^[0-9A-Z]{1,8}$")

EXACT, CODE_PREFIX, SHORT_TEXT, LONG_TEXT = range(4)  # ranking tiers, best first


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
        return EntryKind(self.kind).label

    @property
    def url(self):
        if self.kind == EntryKind.SERVICE:
            return reverse("catalog:service", args=[self.code])
        return reverse("codes:code", args=[self.code])

    def to_dict(self):
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "code": self.code,
            "title": self.title,
            "release": self.release,
            "url": self.url,
        }


def search(query, practice=None, limit=20):
    """Return up to `limit` hits for what the user typed, best first."""
    words = [word.lower() for word in WORD.findall(query or "")]
    if not words:
        return []
    visible = SearchEntry.objects.visible_to(practice).select_related("release")

    ranked = {}
    code = normalise_code(query)
    if CODE_LIKE.match(code):
        for entry in visible.filter(code=code):
            keep(ranked, entry, EXACT)
        prefix = visible.filter(code__gt=code, code__lt=code + "~").order_by("code")
        for entry in prefix[:limit]:
            keep(ranked, entry, CODE_PREFIX)

    short_ids, long_ids = text_match_ids(words, practice, limit)
    entries = visible.in_bulk(short_ids + long_ids)
    for tier, ids in ((SHORT_TEXT, short_ids), (LONG_TEXT, long_ids)):
        for entry_id in ids:
            keep(ranked, entries[entry_id], tier)

    hits = sorted(ranked.values(), key=lambda hit: hit[0])
    return [hit for _, hit in hits[:limit]]


def keep(ranked, entry, tier):
    """Add a hit unless a better one for the same code is there.

    A practice's licensed CPT descriptor replaces the bare public code number.
    """
    key = (entry.kind, entry.code)
    order = (tier, entry.practice_id is None, len(ranked))
    if key in ranked and ranked[key][0][:2] <= order[:2]:
        return
    hit = Hit(
        kind=entry.kind,
        code=entry.code,
        title=entry.title,
        release=entry.release.label if entry.release else "Practice catalog",
        tier=tier,
        practice_owned=entry.practice_id is not None,
    )
    ranked[key] = (order, hit)


def text_match_ids(words, practice, limit):
    """Return ids of entries holding every word as a prefix: in the short text, then not.

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
        short_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(queries[1], params)
        long_ids = [row[0] for row in cursor.fetchall()]
    return short_ids, [entry_id for entry_id in long_ids if entry_id not in short_ids]


VISIBLE = "(e.practice_id IS NULL OR e.practice_id = %(practice)s)"
SQLITE_MATCH = f"""
    SELECT e.id FROM {FTS_TABLE} f JOIN codes_searchentry e ON e.id = f.rowid
    WHERE {FTS_TABLE} MATCH %({{}})s AND {VISIBLE}
    ORDER BY length(e.{{}}), e.code LIMIT %(limit)s
"""
SQLITE_SHORT_TEXT = SQLITE_MATCH.format("short_query", "title")
SQLITE_LONG_TEXT = SQLITE_MATCH.format("query", "body")

# The vector expressions must match the GIN indexes in the migrations to use them.
POSTGRES_MATCH = f"""
    SELECT e.id FROM codes_searchentry e
    WHERE {{}} @@ to_tsquery('simple', %(query)s) AND {VISIBLE}
    ORDER BY length(e.{{}}), e.code LIMIT %(limit)s
"""
POSTGRES_SHORT_TEXT = POSTGRES_MATCH.format("to_tsvector('simple', e.title)", "title")
POSTGRES_LONG_TEXT = POSTGRES_MATCH.format(
    "to_tsvector('simple', e.title || ' ' || e.body)", "body"
)
