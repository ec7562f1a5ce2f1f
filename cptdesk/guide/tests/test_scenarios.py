import pytest

from cptdesk.guide.scenarios import (
    CHOICE,
    DAY_OF_SERVICE,
    PASS_MARK,
    POST_SERVICE,
    PRE_SERVICE,
    SCENARIOS,
    WRITTEN,
    by_key,
    score,
)
from cptdesk.guide.starter import STARTER_SCRIPTS
from cptdesk.scope.guard import check_scope

WRITTEN_SCENARIOS = [s for s in SCENARIOS if s.kind == WRITTEN]
CHOICE_SCENARIOS = [s for s in SCENARIOS if s.kind == CHOICE]


def test_at_least_twenty_scenarios_over_all_stages():
    stages = {scenario.stage for scenario in SCENARIOS}

    assert len(SCENARIOS) >= 20
    assert stages == {PRE_SERVICE, DAY_OF_SERVICE, POST_SERVICE}


def test_scenario_keys_unique():
    keys = [scenario.key for scenario in SCENARIOS]

    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_model_answer_is_in_scope(scenario):
    assert check_scope(scenario.model_answer) == []


@pytest.mark.parametrize("scenario", WRITTEN_SCENARIOS, ids=lambda s: s.key)
def test_model_answer_passes(scenario):
    result = score(scenario, text=scenario.model_answer)

    assert result.passed
    assert result.missed == ()


@pytest.mark.parametrize("scenario", CHOICE_SCENARIOS, ids=lambda s: s.key)
def test_choice_has_one_right_option(scenario):
    right = [option for option in scenario.options if option.correct]

    assert len(right) == 1


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_script_key_exists_in_starters(scenario):
    keys = {starter["key"] for starter in STARTER_SCRIPTS}

    assert scenario.script_key == "" or scenario.script_key in keys


def test_right_choice_scores_full():
    scenario = by_key("sleep-study-coverage")
    right = next(i for i, o in enumerate(scenario.options) if o.correct)

    result = score(scenario, choice=right)

    assert result.score == 100
    assert result.passed


def test_wrong_choice_scores_zero_with_feedback():
    scenario = by_key("sleep-study-coverage")
    wrong = next(i for i, o in enumerate(scenario.options) if not o.correct)

    result = score(scenario, choice=wrong)

    assert result.score == 0
    assert result.feedback


def test_missing_choice_raises():
    with pytest.raises(ValueError, match="does not exist"):
        score(by_key("sleep-study-coverage"), choice=7)


def test_written_promise_scores_zero():
    scenario = by_key("mri-cost-call")
    answer = (
        "Don't worry, it's covered; the plan decides the rest and I'll call you "
        "back with an estimate."
    )

    result = score(scenario, text=answer)

    assert result.score == 0
    assert result.findings[0].category == "coverage_promise"


def test_quoted_promise_in_answer_scores_zero():
    scenario = by_key("mri-cost-call")
    answer = "I will call the plan today. \"Don't worry, you won't owe anything.\""

    result = score(scenario, text=answer)

    assert result.score == 0
    assert result.findings[0].category == "price_promise"


def test_written_answer_scores_share_of_key_points():
    scenario = by_key("mri-cost-call")

    result = score(scenario, text="I will call you back tomorrow.")

    assert result.score == round(100 / len(scenario.key_points))
    assert not result.passed
    assert "Offers an estimate" in result.missed


def test_empty_written_answer_scores_zero():
    result = score(by_key("mri-cost-call"), text="   ")

    assert result.score == 0


def test_pass_mark_allows_one_missed_point_of_four():
    scenario = by_key("schedule-documentation-mismatch")
    answer = (
        "Coding question for patient P-5120: schedule and order disagree. Due by 2 pm."
    )

    result = score(scenario, text=answer)

    assert len(scenario.key_points) == 4
    assert result.score == 75
    assert result.score >= PASS_MARK
