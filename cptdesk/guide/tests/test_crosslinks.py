"""Situation tags for other apps' records, and scripts offered with their facts."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from cptdesk.guide import situations
from cptdesk.guide.choices import SituationTag
from cptdesk.intake.choices import FlagKind
from cptdesk.remits.denials import REWORK_CATEGORIES
from cptdesk.worklog.choices import ItemKind
from cptdesk.worklog.escalation import STARTER_RULES

TABLES = {
    "flag kinds": situations.FLAG_KIND_TAGS,
    "scenarios": situations.SCENARIO_TAGS,
    "item kinds": situations.ITEM_KIND_TAGS,
    "categories": situations.CATEGORY_TAGS,
}


def render(user, text, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load guide_tags %}" + text).render(
        Context({"request": request, **context})
    )


def script_links(html):
    """Return the query of each script link in the rendered html, by script path."""
    links = {}
    for chunk in html.split('href="')[1:]:
        url = urlparse(chunk.split('"')[0].replace("&amp;", "&"))
        if url.path.startswith("/guide/scripts/") and url.path != "/guide/scripts/":
            links[url.path] = parse_qs(url.query)
    return links


@pytest.mark.parametrize("table", TABLES)
def test_tables_name_known_tags(table):
    tags = {tag for values in TABLES[table].values() for tag in values}

    assert tags <= set(SituationTag.values)


@pytest.mark.parametrize("kind", FlagKind.values)
def test_every_flag_kind_offers_tags(kind):
    assert situations.tags_for_flag(kind)


@pytest.mark.parametrize("table", ["flag kinds", "scenarios", "item kinds"])
def test_tables_name_real_keys(table):
    known = {
        "flag kinds": set(FlagKind.values),
        "scenarios": {rule.scenario for rule in STARTER_RULES},
        "item kinds": set(ItemKind.values),
    }[table]

    assert set(TABLES[table]) <= known


def test_rework_categories_have_keys_or_none():
    missing = set(REWORK_CATEGORIES.values()) - set(situations.CATEGORY_TAGS)

    assert missing <= {"handoff", "other"}


def test_scenario_wins_over_item_kind():
    tags = situations.tags_for_work_item("mismatch_review", "ncci_pair")

    assert tags == "code_question"


def test_unknown_scenario_falls_back_to_kind():
    tags = situations.tags_for_work_item("referral", "a_practice_row")

    assert tags == "referral"


def test_denial_entry_leads_with_denial():
    tags = situations.tags_for_learning_entry("denial", "authorization")

    assert tags.split(",") == ["denial", "prior_auth_status"]


def test_rework_entry_offers_no_denial_script():
    tags = situations.tags_for_learning_entry("rework", "scheduling")

    assert tags == "reschedule"


def test_offered_scripts_fill_placeholders(bob):
    html = render(
        bob,
        '{% offered_scripts "prior_auth_missing" patient_ref="PT-7001" '
        "payer=payer date=day %}",
        payer="Acme Health",
        day=datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC),
    )

    queries = list(script_links(html).values())
    assert len(queries) == 4
    assert all(query["patient_ref"] == ["PT-7001"] for query in queries)
    assert all(query["payer"] == ["Acme Health"] for query in queries)
    assert all(query["date"] == ["2026-03-04"] for query in queries)
    assert all(query["practice"] == [bob.practice.name] for query in queries)


def test_offered_scripts_join_several_tags(bob):
    html = render(bob, '{% offered_scripts "referral,cost_question" %}')

    assert "Do I need a referral?" in html
    assert "What will this cost?" in html
    assert "Why was this denied?" not in html


def test_offered_scripts_skip_unknown_placeholder(bob):
    html = render(bob, '{% offered_scripts "referral" patient_name="Jane" %}')

    assert "Jane" not in html
    assert "Do I need a referral?" in html


def test_offered_scripts_render_nothing_without_match(bob):
    html = render(bob, '{% offered_scripts "" %}')

    assert html.strip() == ""


def test_offered_scripts_share_one_read(bob, django_assert_max_num_queries):
    render(bob, '{% offered_scripts "denial" %}')  # installs the starters

    # One query checks that the library exists and one reads it, for all three tags.
    with django_assert_max_num_queries(2):
        render(
            bob,
            '{% offered_scripts "denial" %}{% offered_scripts "referral" %}'
            '{% offered_scripts "code_question" %}',
        )


def test_script_list_accepts_several_tags(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:scripts"), {"tag": "referral,denial"})

    assert "Do I need a referral?" in response.content.decode()
    assert "Why was this denied?" in response.content.decode()
    assert "What will this cost?" not in response.content.decode()


def test_scope_findings_link_scripts(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check"), {"text": "Don't worry, this will be covered"}
    )

    assert f'href="{reverse("guide:scripts")}"' in response.content.decode()


def test_clean_text_has_no_script_link(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check"), {"text": "We will check your benefits."}
    )

    assert reverse("guide:scripts") not in response.content.decode()
