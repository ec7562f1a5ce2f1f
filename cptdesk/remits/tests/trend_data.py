"""A varied synthetic learning log for comparing summary figures with the entries'.

The log mixes 835 imports (one of them repeated), paper-EOB denials with mapped and
unmapped CARCs, rework of every type, entries after the dashboard's day, reviews
that move entries between root causes, triggers, owners and days, and status
changes. Every value is made up.
"""

import datetime
import random
from decimal import Decimal

from cptdesk.remits import actions
from cptdesk.remits.models import LearningEntry, PreventionAction, RootCause
from cptdesk.remits.synthetic import SyntheticClaim, synthetic_835
from cptdesk.remits.taxonomy import ensure_taxonomy

TODAY = datetime.date(2026, 3, 16)
PAYERS = ["SYNTHETIC PLAN A", "SYNTHETIC PLAN B", "SYNTHETIC PLAN C", ""]
REASONS = ["27", "197", "16", "50", "96", "29", "4", "XX9"]  # XX9 is unmapped
REWORK_TYPES = ["reschedule", "repeat_callback", "missing_documentation", "other"]
TRIGGERS = ["", "eligibility", "referral", "status_note"]
ROLES = ["front_desk", "biller", "coder", "supervisor"]
STATUSES = ["appealed", "resolved", "written_off"]


def ago(days):
    return TODAY - datetime.timedelta(days=days)


def remittance(trace, paid_days_ago, reasons, payer="SYNTHETIC MUTUAL HEALTH"):
    """Return the bytes of one synthetic 835 denying a claim for each reason."""
    claims = [
        SyntheticClaim(
            f"ACCT-{trace}-{number}",
            ago(paid_days_ago + 30),
            "71046",
            Decimal(100 + 17 * number),
            ("CO", reason) if reason else None,
        )
        for number, reason in enumerate(reasons)
    ]
    text = synthetic_835(payer, "1512345678", trace, ago(paid_days_ago), claims)
    return text.encode("ascii")


def add_paper_and_rework(rng, practice, count):
    for number in range(count):
        day = ago(rng.randrange(-5, 130))
        if number % 3:
            data = {
                "source": "paper_eob",
                "reason_code": rng.choice(REASONS),
                "group_code": "CO",
                "amount": Decimal(rng.randint(1000, 90000)) / 100,
            }
        else:
            data = {"source": "rework", "rework_type": rng.choice(REWORK_TYPES)}
        data.update(
            occurred_on=day,
            what_happened="Synthetic entry",
            payer_name=rng.choice(PAYERS),
            staff_minutes=rng.choice([0, 5, 15, 45]),
        )
        actions.create_entry(practice, None, data)


def import_files(practice):
    files = [
        remittance("TRC-1", 3, ["27", "197", None, "16", "XX9"]),
        remittance("TRC-2", 45, ["50", "50", "96"], payer="SYNTHETIC PLAN B"),
        remittance("TRC-3", 88, ["29", "4", "197"]),
    ]
    for number, data in enumerate(files):
        actions.import_835(data, f"era-{number}.835", practice)
    # The first file again: every remittance in it is a duplicate.
    actions.import_835(files[0], "era-0-again.835", practice)


def review_some(rng, practice, user):
    """Review a third of the entries: new cause, trigger, owner, minutes or day."""
    causes = list(RootCause.objects.filter(practice=practice))
    entries = list(LearningEntry.objects.filter(practice=practice).order_by("pk"))
    for entry in entries[::3]:
        change = rng.choice(["cause", "trigger", "owner", "minutes", "day", "status"])
        data = {"status": rng.choice(STATUSES)}
        if change == "cause":
            data["root_cause"] = rng.choice([*causes, None])
        elif change == "trigger":
            data["missed_trigger"] = rng.choice(TRIGGERS)
        elif change == "owner":
            data["responsible_role"] = rng.choice(ROLES)
        elif change == "minutes":
            data["staff_minutes"] = entry.staff_minutes + 20
        elif change == "day":
            data["occurred_on"] = entry.occurred_on - datetime.timedelta(days=40)
        actions.update_entry(entry, user, data)


def add_prevention_actions(practice):
    for slug, days in [("coverage-not-verified", 20), ("handoff-unclear", 50)]:
        PreventionAction.objects.create(
            practice=practice,
            title=f"Synthetic action against {slug}",
            root_cause=RootCause.objects.get(practice=practice, slug=slug),
            started_on=ago(days),
        )


def build_log(practice, user, seed=7):
    """Fill a practice with the varied log; the seed varies the hand-made entries."""
    rng = random.Random(seed)
    ensure_taxonomy(practice)
    add_paper_and_rework(rng, practice, 90)
    import_files(practice)
    review_some(rng, practice, user)
    add_prevention_actions(practice)
