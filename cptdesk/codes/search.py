"""Search as you type over codes, modifiers, places of service and adjustment codes.

Results are ranked in four tiers: the exact code, then codes that start with what was
typed, then entries whose short description holds every word, then entries whose long
description does. Words match by prefix and in any order, ignoring case.
"""

import re
from dataclasses import dataclass

from django.db import connection

from .anatomy import normalise_code
from .choices import EntryKind
from .models import SearchEntry
from .searchindex import FTS_TABLE

WORD = re.compile(r"[0-9A-Za-z]+")
CODE_LIKE = re.compile(r"^[0-9A-Z]{1,8}$")

EXACT, CODE_PREFIX, SHORT_TEXT, LONG_TEXT = range(4)  # ranking tiers, best first
CANDIDATES = 200  # text matches considered before tiering; more than a screen needs


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

    def to_dict(self):
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "code": self.code,
            "title": self.title,
            "release": self.release,
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

    ids = text_match_ids(words, practice)
    entries = visible.in_bulk(ids)
    for entry_id in ids:
        entry = entries[entry_id]
        tier = SHORT_TEXT if all_words_in(words, entry.title) else LONG_TEXT
        keep(ranked, entry, tier)

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
        release=entry.release.label,
        tier=tier,
        practice_owned=entry.practice_id is not None,
    )
    ranked[key] = (order, hit)


def all_words_in(words, text):
    text_words = [word.lower() for word in WORD.findall(text)]
    return all(any(tw.startswith(word) for tw in text_words) for word in words)


def text_match_ids(words, practice):
    """Return ids of entries whose text holds every word as a prefix, best match first."""
    practice_id = practice.pk if practice else None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{word}:*" for word in words)
            cursor.execute(POSTGRES_QUERY, [tsquery, practice_id, tsquery, CANDIDATES])
        else:
            match = " ".join(f'"{word}"*' for word in words)
            cursor.execute(SQLITE_QUERY, [match, practice_id, CANDIDATES])
        return [row[0] for row in cursor.fetchall()]


SQLITE_QUERY = f"""
    SELECT e.id FROM {FTS_TABLE} f JOIN codes_searchentry e ON e.id = f.rowid
    WHERE {FTS_TABLE} MATCH %s AND (e.practice_id IS NULL OR e.practice_id = %s)
    ORDER BY bm25({FTS_TABLE}, 10.0, 1.0) LIMIT %s
"""

# The vector expression must match the GIN index in the migrations for the index to serve.
VECTOR = "to_tsvector('simple', title || ' ' || body)"
POSTGRES_QUERY = f"""
    SELECT id FROM codes_searchentry
    WHERE {VECTOR} @@ to_tsquery('simple', %s)
      AND (practice_id IS NULL OR practice_id = %s)
    ORDER BY ts_rank(setweight(to_tsvector('simple', title), 'A')
                     || to_tsvector('simple', body), to_tsquery('simple', %s)) DESC
    LIMIT %s
"""
