import pytest

from cptdesk.accounts.choices import Role
from cptdesk.guide.choices import Audience, SituationTag, Stage
from cptdesk.guide.placeholders import find_problems, render
from cptdesk.guide.starter import STARTER_SCRIPTS
from cptdesk.scope.guard import check_scope

REQUIRED_TITLES = {
    "What will this cost?",
    "Will my insurance cover this?",
    "Why was this denied?",
    "Is this code correct?",
    "Why is this code on my bill?",
    "Do I need prior authorization?",
    "What is the status of my authorization?",
    "Why was my appointment rescheduled?",
    "Do I need a referral?",
}


def test_starters_include_the_common_questions():
    titles = {starter["title"] for starter in STARTER_SCRIPTS}

    assert REQUIRED_TITLES <= titles


def test_starters_include_internal_handoffs():
    internal = [s for s in STARTER_SCRIPTS if s["audience"] == Audience.INTERNAL]

    assert len(internal) >= 3


@pytest.mark.parametrize("starter", STARTER_SCRIPTS, ids=lambda s: s["key"])
@pytest.mark.parametrize("field", ["situation", "say", "route_when"])
def test_starter_text_in_scope(starter, field):
    filled = render(starter[field])

    assert check_scope(filled) == []


@pytest.mark.parametrize("starter", STARTER_SCRIPTS, ids=lambda s: s["key"])
def test_starter_fields_valid(starter):
    assert starter["route_to"] in Role.values
    assert starter["stage"] in Stage.values
    assert set(starter["tags"]) <= set(SituationTag.values)
    assert find_problems(starter["say"]) == []
