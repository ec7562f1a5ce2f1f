"""The practice's root-cause taxonomy, started from the team's starter list."""

import logging

from .denials import STARTER_ROOT_CAUSES
from .models import RootCause

logger = logging.getLogger(__name__)


def ensure_taxonomy(practice):
    """Give a practice the starter root causes the first time it needs them."""
    if RootCause.objects.filter(practice=practice).exists():
        return
    RootCause.objects.bulk_create(
        RootCause(practice=practice, slug=slug, name=name, description=description)
        for slug, name, description in STARTER_ROOT_CAUSES
    )
    logger.info("Added the starter root causes to practice %s", practice.pk)


def root_cause_ids(practice):
    """Return the practice's root-cause ids by slug, adding the starter list first."""
    ensure_taxonomy(practice)
    return dict(RootCause.objects.filter(practice=practice).values_list("slug", "pk"))
