"""The demo practice that `make run` sets up, so a new install shows realistic work.

Each app that has demo records provides `cptdesk.<app>.demo.load(practice)`; they are
called in the order of INSTALLED_APPS, so an app can build on the records of the apps
before it. Demo patients are synthetic.
"""

import importlib
import logging

from django.apps import apps
from django.db import transaction

logger = logging.getLogger(__name__)

DEMO_PRACTICE = "Demo Family Medicine"


@transaction.atomic
def load_demo_records(practice, out):
    """Add every app's demo records to the practice."""
    for config in apps.get_app_configs():
        if not config.name.startswith("cptdesk."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        if module.__name__ == __name__:
            continue
        module.load(practice)
        out.write(f"  Demo records added by {config.label}.\n")
    logger.info("Loaded demo records into practice %s", practice.pk)
