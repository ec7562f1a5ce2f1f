"""Demo records of the guide: starter scripts, a practice script and some training.

Training answers need users. The demo loader runs before the first administrator is
created, so on a fresh `cptdesk setup --demo` the practice has no users yet and only
the scripts are added; users that already exist get a few scored answers.
"""

import logging

from . import actions
from .models import Script
from .scenarios import by_key

logger = logging.getLogger(__name__)

PRACTICE_SCRIPT = {
    "key": "lab-results-call",
    "title": "When will my lab results be ready?",
    "audience": "patient",
    "stage": "post_service",
    "tags": "",
    "situation": "A patient asks when the results of the lab work from {date} arrive.",
    "say": (
        "Results go to your provider first, who reviews them before anyone calls you. "
        "I'll send a message to {provider}'s team today asking them to contact you, "
        "and you can also see released results in the patient portal."
    ),
    "never_say": "Reading or explaining a result to the patient.",
    "route_when": "Every results question.",
    "route_to": "provider",
}

# Scenario key with the written answer or option index a learner gave.
DEMO_ANSWERS = [
    ("sleep-study-coverage", 1, ""),
    ("auth-missing-three-days", 1, ""),
    (
        "mri-cost-call",
        None,
        "Don't worry, the MRI is covered and you'll only pay your copay.",
    ),
    (
        "mri-cost-call",
        None,
        "Your plan works out what you owe when it processes the claim. I'll request "
        "an estimate and call you back by Wednesday.",
    ),
]


def load(practice):
    actions.install_starter_scripts(practice)
    Script.objects.get_or_create(
        practice=practice, key=PRACTICE_SCRIPT["key"], defaults=PRACTICE_SCRIPT
    )
    for user in practice.users.all()[:3]:
        for key, choice, answer in DEMO_ANSWERS:
            actions.record_attempt(user, by_key(key), choice=choice, answer=answer)
    logger.info("Loaded the guide demo for practice %s", practice.pk)
