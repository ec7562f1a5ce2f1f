"""Demo catalog: payers and plans, about thirty services, the Medicare pack and a few
commercial payer rules, all loaded through the same importers that staff use.

The commercial rules are examples written for the demo, and each one's source title
states that.
"""

import logging
from pathlib import Path

from . import actions
from .choices import PayerKind
from .models import Payer, Plan

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_RULES_PACK = "Demo commercial payer rules"

# (payer name, kind, aliases, [(plan name, aliases)])
PAYERS = [
    (
        "Evergreen Health Plans",
        PayerKind.MEDICARE_ADVANTAGE,
        ["Evergreen", "Evergreen MA"],
        [("Evergreen Medicare Advantage HMO", ["Evergreen MA HMO"])],
    ),
    (
        "Lakeshore Medicaid",
        PayerKind.MEDICAID,
        ["State Medicaid", "Medicaid"],
        [("Lakeshore Medicaid managed care", ["Medicaid MCO"])],
    ),
    (
        "Blue Cross Blue Shield",
        PayerKind.COMMERCIAL,
        ["BCBS", "Blue Cross", "Blue Shield"],
        [("Blue Choice PPO", ["BCBS PPO"]), ("HMO Blue", ["BCBS HMO"])],
    ),
    (
        "UnitedHealthcare",
        PayerKind.COMMERCIAL,
        ["UHC", "United Healthcare", "United"],
        [("Choice Plus PPO", ["UHC PPO"]), ("Navigate HMO", ["UHC HMO"])],
    ),
]


def load(practice):
    """Add the demo payers, services and rules to the practice."""
    actions.ensure_medicare_payer(practice)
    for name, kind, aliases, plans in PAYERS:
        payer = Payer.objects.create(
            practice=practice, name=name, kind=kind, aliases="\n".join(aliases)
        )
        for plan_name, plan_aliases in plans:
            Plan.objects.create(
                payer=payer, name=plan_name, aliases="\n".join(plan_aliases)
            )
    actions.import_catalog(practice, DATA_DIR / "demo_catalog.yaml")
    actions.install_medicare_pack(practice)
    actions.import_rule_pack(practice, DATA_DIR / "demo_rules.csv", DEMO_RULES_PACK)
    logger.info("Added the demo catalog to practice %s", practice.pk)
