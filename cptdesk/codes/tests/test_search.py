import pytest

from cptdesk.codes.search import CODE_PREFIX, EXACT, LONG_TEXT, SHORT_TEXT, search


def codes(hits):
    return [hit.code for hit in hits]


def test_exact_code_ranks_first(db):
    hits = search("J0585")

    assert hits[0].code == "J0585"
    assert hits[0].tier == EXACT


@pytest.mark.parametrize("typed", ["j0585", " J 0585 ", "J0585-RT"])
def test_exact_code_ignores_case_spaces_and_modifier(db, typed):
    assert search(typed)[0].code == "J0585"


def test_code_prefix_lists_codes_in_order(db):
    hits = search("J058")
    prefixed = [hit.code for hit in hits if hit.tier == CODE_PREFIX]

    assert prefixed == sorted(prefixed)
    assert {"J0585", "J0586", "J0587", "J0588"} <= set(prefixed)
    assert all(code.startswith("J058") for code in prefixed)


def test_numeric_prefix_finds_cpt_numbers(db):
    hits = search("6461")

    assert "64612" in codes(hits)
    assert all(hit.code.startswith("6461") for hit in hits)


def test_words_match_in_any_order_by_prefix(db):
    forwards = search("lightweight wheelchair")
    backwards = search("wheelch lightw")

    assert codes(forwards)[0] == "K0003"
    assert codes(backwards)[0] == "K0003"


def test_short_description_ranks_before_long(db):
    hits = search("wheelchair")
    tiers = [hit.tier for hit in hits]

    assert tiers == sorted(tiers)
    assert hits[0].tier == SHORT_TEXT


def test_long_description_match_is_last_tier(db):
    # "onabotulinumtoxina" is in J0585's short and long text; "1 unit" only in the long.
    hits = search("onabotulinumtoxina unit")

    assert hits[0].code == "J0585"
    assert hits[0].tier == LONG_TEXT


def test_modifier_found_by_code(db):
    hits = search("RT")

    assert hits[0].code == "RT"
    assert hits[0].kind == "modifier"


def test_place_of_service_found_by_name(db):
    assert "11" in codes(search("office"))


def test_adjustment_code_found_by_number(db):
    hits = search("197")

    assert hits[0].code == "197"
    assert hits[0].kind == "carc"


def test_every_hit_names_its_release(db):
    assert all(hit.release for hit in search("wheelchair"))


@pytest.mark.parametrize("typed", ["", "   ", "-", "???"])
def test_empty_query_returns_nothing(db, typed):
    assert search(typed) == []


def test_no_match_returns_empty_list(db):
    assert search("zzzqqq") == []


def test_quote_characters_are_not_fts_syntax(db):
    assert search('"wheelchair" *') == search("wheelchair")


@pytest.mark.parametrize("typed", ["CO 197", "co-197", "CO197"])
def test_group_and_reason_finds_carc(db, typed):
    hits = search(typed)

    assert (hits[0].kind, hits[0].code) == ("carc", "197")


def test_accents_are_ignored(db):
    assert codes(search("whéélchair"))[:3] == codes(search("wheelchair"))[:3]


def test_very_long_query_is_cut(db):
    assert search("wheelchair " * 500)[0].code == search("wheelchair")[0].code
