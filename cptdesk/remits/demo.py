"""Four months of synthetic denials and rework for the demo practice.

The denials arrive as generated 835 files imported through the same action as an
upload, so the demo exercises the real import path. Two prevention actions start
partway through, and the generator makes their root causes rarer afterwards, so the
dashboard's before-and-after table shows a change.
"""

import datetime
import logging
import random
from decimal import Decimal

from cptdesk.lib import clock

from . import actions
from .choices import EntrySource, EntryStatus, ReworkType
from .models import LearningEntry, PreventionAction, RootCause
from .synthetic import SyntheticClaim, synthetic_835
from .taxonomy import ensure_taxonomy

logger = logging.getLogger(__name__)

WEEKS = 17
PAYERS = [
    ("SYNTHETIC MUTUAL HEALTH", "1512345678"),
    ("EXAMPLE CARE PLAN", "1417776310"),
    ("DEMO STATE MEDICAID", "1000000000"),
]
CODES = ["99213", "99214", "71046", "97110", "80053", "G0439", "J1100"]
# (group, CARC, weight before the eligibility action, weight after it)
DENIALS = [
    (("CO", "27"), 5, 1),  # coverage ended: eligibility
    (("CO", "31"), 4, 1),  # not a member: eligibility
    (("CO", "197"), 3, 3),  # no authorization on file
    (("CO", "97"), 2, 2),  # bundled with another service
    (("CO", "16"), 2, 2),  # claim data error
    (("PR", "96"), 1, 1),  # non-covered service
    (("CO", "288"), 1, 1),  # referral absent
]
ELIGIBILITY_ACTION_DAYS_AGO = 45
CALLBACK_ACTION_DAYS_AGO = 35


def load(practice):
    """Add the demo remittances, rework entries and prevention actions."""
    rng = random.Random(835)
    today = clock.today()
    ensure_taxonomy(practice)
    eligibility_start = today - datetime.timedelta(days=ELIGIBILITY_ACTION_DAYS_AGO)
    callback_start = today - datetime.timedelta(days=CALLBACK_ACTION_DAYS_AGO)

    for week in range(WEEKS, 0, -1):
        paid_on = today - datetime.timedelta(days=7 * week - 3)
        for index, (payer, payer_id) in enumerate(PAYERS):
            claims = _claims(rng, week, index, paid_on, eligibility_start)
            text = synthetic_835(
                payer, payer_id, f"DEMO{week:02d}{index}", paid_on, claims
            )
            actions.import_835(
                text.encode("ascii"), f"demo-week-{week}-{index}.835", practice
            )
        _add_rework(rng, practice, paid_on, callback_start)

    _add_prevention_actions(practice, eligibility_start, callback_start)
    _review_some(rng, practice, today)
    logger.info("Added remittance demo records to practice %s", practice.pk)


def _claims(rng, week, payer_index, paid_on, eligibility_start):
    claims = []
    denial_weights = [
        before if paid_on < eligibility_start else after for _, before, after in DENIALS
    ]
    for number in range(rng.randint(8, 12)):
        service_date = paid_on - datetime.timedelta(days=rng.randint(10, 30))
        denial = None
        if rng.random() < 0.35:
            denial = rng.choices([d for d, _, _ in DENIALS], denial_weights)[0]
        claims.append(
            SyntheticClaim(
                patient_ref=f"DEMO-{week:02d}{payer_index}{number:02d}",
                service_date=service_date,
                code=rng.choice(CODES),
                charge=Decimal(rng.randint(80, 900)),
                denial=denial,
            )
        )
    return claims


def _add_rework(rng, practice, day, callback_start):
    callbacks = 3 if day < callback_start else 1
    kinds = [ReworkType.REPEAT_CALLBACK] * callbacks + [
        ReworkType.RESCHEDULE,
        ReworkType.AUTHORIZATION_DELAY,
        ReworkType.MISSING_DOCUMENTATION,
    ]
    texts = {
        ReworkType.REPEAT_CALLBACK: "Patient called a second time about a referral "
        "status because the first note did not say who follows up",
        ReworkType.RESCHEDULE: "Visit moved because the prep instructions were not "
        "sent before the procedure",
        ReworkType.AUTHORIZATION_DELAY: "Imaging visit held two days waiting for the "
        "payer's authorization decision",
        ReworkType.MISSING_DOCUMENTATION: "Signed order missing at check-in; staff "
        "called the referring office for it",
    }
    for kind in kinds:
        if rng.random() < 0.3:
            continue
        actions.create_entry(
            practice,
            None,
            {
                "source": EntrySource.REWORK,
                "rework_type": kind,
                "occurred_on": day - datetime.timedelta(days=rng.randint(0, 6)),
                "what_happened": texts[kind],
                "staff_minutes": rng.choice([10, 15, 20, 30, 45]),
                "payer_name": rng.choice(PAYERS)[0],
            },
        )


def _add_prevention_actions(practice, eligibility_start, callback_start):
    causes = dict(RootCause.objects.filter(practice=practice).values_list("slug", "pk"))
    PreventionAction.objects.create(
        practice=practice,
        title="Verify eligibility two business days before every visit",
        description="Schedulers run the eligibility check on the day-before list and "
        "flag ended or unknown coverage to the front desk.",
        root_cause_id=causes["coverage-not-verified"],
        started_on=eligibility_start,
        owner_role="front_desk",
    )
    PreventionAction.objects.create(
        practice=practice,
        title="Status notes name the next owner and follow-up time",
        description="Every callback note says who was contacted, what is pending, "
        "who acts next and when to follow up.",
        root_cause_id=causes["handoff-unclear"],
        started_on=callback_start,
        owner_role="supervisor",
    )


def _review_some(rng, practice, today):
    """Close the older denials and mark some recent ones appealed."""
    entries = LearningEntry.objects.filter(practice=practice)
    older = entries.filter(occurred_on__lt=today - datetime.timedelta(days=60))
    recent = entries.filter(
        occurred_on__lt=today - datetime.timedelta(days=30),
        occurred_on__gte=today - datetime.timedelta(days=60),
    )
    ids = list(older.values_list("pk", flat=True))
    rng.shuffle(ids)
    half = len(ids) // 2
    entries.filter(pk__in=ids[:half]).update(status=EntryStatus.RESOLVED)
    entries.filter(pk__in=ids[half:]).update(status=EntryStatus.WRITTEN_OFF)
    appealed = list(recent.values_list("pk", flat=True))[::3]
    entries.filter(pk__in=appealed).update(status=EntryStatus.APPEALED)
