"""Every write of the guide app: starter scripts, script edits and training answers."""

import logging

from django.db import transaction

from .models import ScenarioAttempt, Script
from .scenarios import score
from .starter import STARTER_SCRIPTS

logger = logging.getLogger(__name__)


@transaction.atomic
def install_starter_scripts(practice):
    """Add the starter scripts that the practice does not have yet; return the count.

    A starter that the practice edited or deleted keeps its key, so running this again
    adds nothing twice and never overwrites the practice's own wording.
    """
    existing = set(Script.objects.of(practice).values_list("key", flat=True))
    new = [
        Script(practice=practice, is_starter=True, **starter_fields(starter))
        for starter in STARTER_SCRIPTS
        if starter["key"] not in existing
    ]
    Script.objects.bulk_create(new)
    if new:
        logger.info(
            "Installed %d starter scripts for practice %s", len(new), practice.pk
        )
    return len(new)


def starter_fields(starter):
    fields = dict(starter)
    fields["tags"] = ",".join(starter["tags"])
    return fields


def save_script(script, user):
    """Save a script that a validated form built, recording who changed it."""
    created = script.pk is None
    script.updated_by = user
    script.save()
    verb = "Created" if created else "Updated"
    logger.info(
        "%s script %s in practice %s by user %s",
        verb,
        script.pk,
        script.practice_id,
        user.pk,
    )
    return script


def record_attempt(user, scenario, choice=None, answer=""):
    """Score an answer to a scenario and store it; return (attempt, result)."""
    result = score(scenario, choice=choice, text=answer)
    attempt = ScenarioAttempt.objects.create(
        practice=user.practice,
        user=user,
        scenario_key=scenario.key,
        choice=choice,
        answer=answer,
        score=result.score,
        passed=result.passed,
        finding_count=len(result.findings),
    )
    logger.info(
        "Scored scenario %s for user %s: %d", scenario.key, user.pk, result.score
    )
    return attempt, result
