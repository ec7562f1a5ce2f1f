"""Reads of the script library that other apps use to offer scripts where they apply.

    from cptdesk.guide.scripts import scripts_for
    scripts = scripts_for(request.user.practice, "prior_auth_missing")

Tag values are listed in cptdesk.guide.choices.SituationTag. A practice that has no
scripts yet receives the starter scripts on first use.
"""

from .actions import install_starter_scripts
from .models import Script


def practice_scripts(practice):
    """Return the practice's scripts, installing the starters on first use."""
    scripts = Script.objects.of(practice)
    if not scripts.exists():
        install_starter_scripts(practice)
    return scripts


def scripts_for(practice, situation_tag):
    """Return the practice's scripts tagged with situation_tag, ordered by title."""
    scripts = practice_scripts(practice).order_by("title")
    return [script for script in scripts if situation_tag in script.tag_list]
