"""Decide which remittance adjustments are denials and who should learn from them.

The rule is also written down in docs/remits.md. An adjustment is a denial when its
amount is above zero and its group is not CR (the 4010 correction group). The team's
category for its CARC must also not be one of the expected reductions: contractual
write-offs, patient cost sharing and payment pricing rules. CARC 23, the earlier payer's
payment on a secondary claim, is information rather than a denial. A CARC that the
team has not described yet counts as a denial in the "unmapped" category, so that a
person looks at it rather than nobody.

This module imports nothing from Django, so its tests need no database.
"""

from dataclasses import dataclass

EXPECTED_CATEGORIES = frozenset({"contractual", "patient_responsibility", "pricing"})
INFORMATIONAL_REASONS = frozenset({"23"})  # the earlier payer's adjudication
CORRECTION_GROUP = "CR"  # legacy 4010 corrections and reversals
UNMAPPED = "unmapped"

# The shipped meanings name owners by team; the roles of a practice's users differ.
OWNER_ROLES = {
    "front_desk": "front_desk",
    "auth_team": "auth_coordinator",
    "biller": "biller",
    "coder": "coder",
    "provider": "provider",
    "supervisor": "supervisor",
}
DEFAULT_OWNER_ROLE = "biller"

# Starter root-cause taxonomy: (slug, name, description). A practice edits its copy.
STARTER_ROOT_CAUSES = [
    (
        "coverage-not-verified",
        "Coverage not verified before the visit",
        "Eligibility, plan dates or member details were not checked or were out "
        "of date when the visit was booked.",
    ),
    (
        "authorization-missing",
        "Authorization missing, expired or not matching",
        "No authorization on file for the date, service or provider, or it ran out "
        "of units.",
    ),
    (
        "referral-missing",
        "Referral not on file",
        "The plan needed a referral from the primary care provider and none was "
        "on file at the visit.",
    ),
    (
        "insurance-order-wrong",
        "Insurance order out of date",
        "Another plan was primary, or an accident or work injury was not asked "
        "about at check-in.",
    ),
    (
        "documentation-gap",
        "Documentation missing or late",
        "Records, orders or attachments the payer needed were not gathered or "
        "sent in time.",
    ),
    (
        "notice-not-given",
        "Patient notice not given",
        "A non-covered or limited service went ahead without the advance notice "
        "or estimate the patient should have signed.",
    ),
    (
        "coding-question-not-routed",
        "Coding question not routed",
        "A code, modifier or bundling question reached the claim without a coder "
        "seeing it first.",
    ),
    (
        "necessity-not-documented",
        "Medical necessity not documented",
        "The payer found the record did not support the service; the provider "
        "decides what follows.",
    ),
    (
        "benefit-limit-not-checked",
        "Benefit limit not checked",
        "Visit or frequency limits for the period were used up and nobody checked "
        "before booking.",
    ),
    (
        "claim-handling",
        "Claim sent late or twice",
        "The claim missed the filing deadline, was sent twice or had a billing "
        "data error.",
    ),
    (
        "enrollment-issue",
        "Provider enrollment or contract",
        "The provider's enrollment, credentialing or contract did not cover the "
        "service.",
    ),
    (
        "scheduling-miss",
        "Scheduling or prep miss",
        "Wrong slot length, location, equipment or prep instructions, so the "
        "visit had to move.",
    ),
    (
        "handoff-unclear",
        "Handoff note not actionable",
        "A status note or request lacked who, what, by when or the next owner, so "
        "someone had to call again.",
    ),
    (
        "not-reviewed",
        "Not reviewed yet",
        "Nobody has looked for the cause yet.",
    ),
]

CATEGORY_ROOT_CAUSES = {
    "eligibility": "coverage-not-verified",
    "authorization": "authorization-missing",
    "referral": "referral-missing",
    "coordination_of_benefits": "insurance-order-wrong",
    "documentation": "documentation-gap",
    "non_covered": "notice-not-given",
    "coding": "coding-question-not-routed",
    "bundling": "coding-question-not-routed",
    "medical_necessity": "necessity-not-documented",
    "frequency_limit": "benefit-limit-not-checked",
    "timely_filing": "claim-handling",
    "duplicate": "claim-handling",
    "provider_enrollment": "enrollment-issue",
    "scheduling": "scheduling-miss",
    "handoff": "handoff-unclear",
}
DEFAULT_ROOT_CAUSE = "not-reviewed"

# The intake trigger or script that a miss of each category points back to.
CATEGORY_TRIGGERS = {
    "eligibility": "eligibility",
    "authorization": "prior_authorization",
    "referral": "referral",
    "coordination_of_benefits": "insurance_order",
    "documentation": "documentation",
    "non_covered": "patient_notice",
    "coding": "coding_route",
    "bundling": "coding_route",
    "medical_necessity": "documentation",
    "frequency_limit": "eligibility",
    "scheduling": "slot_length",
    "handoff": "status_note",
}

# Rework types map to a category in the same vocabulary as the CARC categories, so
# the dashboard can put denials and rework side by side.
REWORK_CATEGORIES = {
    "reschedule": "scheduling",
    "repeat_callback": "handoff",
    "missing_documentation": "documentation",
    "authorization_delay": "authorization",
    "other": "other",
}


@dataclass(frozen=True, slots=True)
class DenialClass:
    """The category, owner and starting root cause that the CARC table gives a denial."""

    category: str
    owner_role: str
    front_office_preventable: bool | None
    root_cause: str
    missed_trigger: str


def is_denial(group_code, reason_code, amount, meanings):
    """Return True when a CAS adjustment means the payer denied the money."""
    if amount <= 0 or group_code == CORRECTION_GROUP:
        return False
    if reason_code in INFORMATIONAL_REASONS:
        return False
    meaning = meanings.get(reason_code)
    return meaning is None or meaning.category not in EXPECTED_CATEGORIES


def classify(reason_code, meanings):
    """Map a denial's CARC through its category to owner, root cause and trigger."""
    meaning = meanings.get(reason_code)
    if meaning is None:
        return DenialClass(UNMAPPED, DEFAULT_OWNER_ROLE, None, DEFAULT_ROOT_CAUSE, "")
    return DenialClass(
        category=meaning.category,
        owner_role=OWNER_ROLES.get(meaning.owner_role, DEFAULT_OWNER_ROLE),
        front_office_preventable=meaning.front_office_preventable,
        root_cause=CATEGORY_ROOT_CAUSES.get(meaning.category, DEFAULT_ROOT_CAUSE),
        missed_trigger=CATEGORY_TRIGGERS.get(meaning.category, ""),
    )


def classify_category(category):
    """Map a rework category to its owner, root cause and trigger."""
    owners = {
        "scheduling": "front_desk",
        "handoff": "front_desk",
        "documentation": "front_desk",
        "authorization": "auth_coordinator",
    }
    return DenialClass(
        category=category,
        owner_role=owners.get(category, "supervisor"),
        front_office_preventable=True if category in owners else None,
        root_cause=CATEGORY_ROOT_CAUSES.get(category, DEFAULT_ROOT_CAUSE),
        missed_trigger=CATEGORY_TRIGGERS.get(category, ""),
    )


def denial_adjustments(adjustments, meanings):
    """Return the adjustments of a line or claim that are denials."""
    return [
        adjustment
        for adjustment in adjustments
        if is_denial(
            adjustment.group_code, adjustment.reason_code, adjustment.amount, meanings
        )
    ]
