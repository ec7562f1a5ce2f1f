"""A seeded mix of search queries drawn from the codes and texts in a cptdesk database.

The mix imitates what office staff type into the search box: whole codes, the
first characters of a code, one to three words of a short description (the last word
sometimes cut short, as while typing) and a few strings that match nothing.
"""

import random
import re
import sqlite3

WORD = re.compile(r"[A-Za-z]{3,}")
FIXED_PREFIXES = ["J05", "E01", "992", "G04", "A4", "L3", "99", "CO", "M"]
# Share of each kind in the mix; misses are the remainder.
SHARES = {"exact": 0.30, "prefix": 0.20, "keyword": 0.45}


def build_queries(database, count=1000, seed=20260701):
    """Return `count` (kind, text) pairs in a shuffled but reproducible order."""
    rng = random.Random(seed)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        codes = [row[0] for row in connection.execute(SEARCH_CODES)]
        titles = [row[0] for row in connection.execute(SHORT_TITLES)]
        if not codes or not titles:
            raise RuntimeError(
                f"{database} contains no search entries; run cptdesk setup"
            )
        sizes = {kind: int(count * share) for kind, share in SHARES.items()}
        misses = count - sum(sizes.values())
        queries = [("exact", rng.choice(codes)) for _ in range(sizes["exact"])]
        queries += [("prefix", code_prefix(rng, codes)) for _ in range(sizes["prefix"])]
        queries += [
            ("keyword", keyword_query(rng, titles)) for _ in range(sizes["keyword"])
        ]
        queries += [("miss", miss) for miss in missing_queries(rng, connection, misses)]
    rng.shuffle(queries)
    return queries


SEARCH_CODES = "SELECT code FROM codes_searchentry ORDER BY id"
# HCPCS short descriptions and modifier, place of service and adjustment titles.
SHORT_TITLES = "SELECT title FROM codes_searchentry WHERE title != '' ORDER BY id"


def code_prefix(rng, codes):
    if rng.random() < 0.4:
        return rng.choice(FIXED_PREFIXES)
    code = rng.choice(codes)
    return code[: rng.randint(1, max(1, len(code) - 1))]


def keyword_query(rng, titles):
    """Return one to three consecutive words of a real title; cut the last word 1 in 3."""
    while True:
        words = [word.lower() for word in WORD.findall(rng.choice(titles))]
        if words:
            break
    length = min(len(words), rng.randint(1, 3))
    start = rng.randint(0, len(words) - length)
    picked = words[start : start + length]
    if rng.random() < 1 / 3 and len(picked[-1]) > 3:
        picked[-1] = picked[-1][: rng.randint(3, len(picked[-1]) - 1)]
    return " ".join(picked)


def missing_queries(rng, connection, count):
    """Return code-like and word-like strings that are checked to match nothing."""
    found = []
    while len(found) < count:
        if len(found) % 2:
            text = "".join(rng.choice("qxzvkj") for _ in range(rng.randint(4, 7)))
            hits = connection.execute(
                "SELECT count(*) FROM codes_search_fts WHERE codes_search_fts MATCH ?",
                [f'"{text}"*'],
            ).fetchone()[0]
        else:
            text = f"W{rng.randint(0, 9999):04d}"
            hits = connection.execute(
                "SELECT count(*) FROM codes_searchentry WHERE code LIKE ?",
                [text + "%"],
            ).fetchone()[0]
        if hits == 0:
            found.append(text)
    return found
