from django.urls import reverse
from django.utils.html import escape

from cptdesk.guide.models import ScenarioAttempt
from cptdesk.guide.scenarios import SCENARIOS, by_key


def right_option(key):
    return next(i for i, o in enumerate(by_key(key).options) if o.correct)


def test_training_lists_all_scenarios(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:training"))

    content = response.content.decode()
    missing = [s.key for s in SCENARIOS if escape(s.title) not in content]
    assert missing == []


def test_choice_answer_is_scored_and_stored(client, bob):
    client.force_login(bob)
    key = "sleep-study-coverage"

    response = client.post(
        reverse("guide:scenario", args=[key]), {"choice": right_option(key)}
    )

    attempt = ScenarioAttempt.objects.get(user=bob)
    assert attempt.score == 100
    assert attempt.passed
    assert b"Model answer" in response.content


def test_written_promise_gets_scope_feedback(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scenario", args=["mri-cost-call"]),
        {"answer": "Don't worry, the MRI is covered."},
    )

    content = response.content.decode()
    assert "Score 0" in content
    assert "Coverage promise" in content
    assert "What will this cost?" in content


def test_written_answer_over_2000_characters_is_rejected(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scenario", args=["mri-cost-call"]),
        {"answer": "I will call you back. " * 91},
    )

    assert b"at most 2000 characters (it has 2001)" in response.content
    assert not ScenarioAttempt.objects.filter(user=bob).exists()


def test_unknown_scenario_is_404(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:scenario", args=["no-such-scenario"]))

    assert response.status_code == 404


def test_progress_shows_best_score(client, bob):
    client.force_login(bob)
    url = reverse("guide:scenario", args=["mri-cost-call"])
    client.post(url, {"answer": "It's covered."})
    client.post(url, {"answer": "I will call you back tomorrow."})

    response = client.get(reverse("guide:training"))

    assert b"1 tried" in response.content
    assert b"0</strong> of" in response.content


def test_front_desk_cannot_see_team(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:team"))

    assert response.status_code == 403


def test_supervisor_sees_own_team_only(client, alice, bob, charlie):
    client.force_login(charlie)
    client.post(
        reverse("guide:scenario", args=["vague-note"]),
        {"choice": right_option("vague-note")},
    )
    client.force_login(bob)
    client.post(
        reverse("guide:scenario", args=["vague-note"]),
        {"choice": right_option("vague-note")},
    )
    client.force_login(alice)

    response = client.get(reverse("guide:team"))

    content = response.content.decode()
    assert "bob" in content
    assert "charlie" not in content
    assert "1 of" in content


def test_team_page_query_count(client, alice, bob, django_assert_max_num_queries):
    client.force_login(alice)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("guide:team"))

    assert response.status_code == 200
