from cptdesk.guide.actions import install_starter_scripts
from cptdesk.guide.demo import load
from cptdesk.guide.models import Script
from cptdesk.guide.scripts import scripts_for
from cptdesk.guide.starter import STARTER_SCRIPTS


def test_scripts_for_installs_and_filters(maple):
    scripts = scripts_for(maple, "prior_auth_missing")

    keys = {script.key for script in scripts}
    assert "prior-auth-needed" in keys
    assert "cost-question" not in keys


def test_scripts_for_keeps_practices_apart(maple, birch, maple_script):
    scripts = scripts_for(birch, "reschedule")

    assert maple_script not in scripts
    assert all(script.practice == birch for script in scripts)


def test_install_twice_adds_nothing(maple):
    first = install_starter_scripts(maple)

    second = install_starter_scripts(maple)

    assert first == len(STARTER_SCRIPTS)
    assert second == 0


def test_install_keeps_edited_starter(maple):
    install_starter_scripts(maple)
    Script.objects.filter(practice=maple, key="cost-question").update(say="Edited.")

    install_starter_scripts(maple)

    assert Script.objects.get(practice=maple, key="cost-question").say == "Edited."


def test_demo_load_records_training_for_users(maple, bob):
    load(maple)

    assert Script.objects.filter(practice=maple, key="lab-results-call").exists()
    assert bob.scenario_attempts.count() == 4
