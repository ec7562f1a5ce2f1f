"""Map records of the other apps to the situation tags whose scripts they offer.

A red flag, a work item or a learning-log entry names its own kind or category; these
tables turn that into the tags of cptdesk.guide.choices.SituationTag, so a page can call
``{% offered_scripts tags %}``. A kind with no fitting situation maps to no tag, and the
page then offers no script. Values are written out here so this module needs no Django
import.
"""

# Intake red flag kinds (cptdesk.intake.choices.FlagKind). Code facts such as NCCI
# pairs or a global period are decided by a coder or biller, so those flags offer
# the scripts that route a code question instead of answering it.
FLAG_KIND_TAGS = {
    "auth_missing": ("prior_auth_missing",),
    "auth_expiring": ("prior_auth_status", "reschedule"),
    "auth_no_units": ("prior_auth_status",),
    "auth_code_mismatch": ("documentation_mismatch",),
    "code_not_valid": ("code_question",),
    "ncci_pair": ("code_question",),
    "mue_exceeded": ("code_question",),
    "global_period": ("code_question",),
}

# Escalation matrix scenarios of the work log, which say more than the item type.
SCENARIO_TAGS = {
    "doc_service_mismatch": ("documentation_mismatch",),
    "patient_disputes_code": ("billing_dispute", "bill_code_question"),
    "denial_missing_auth": ("denial", "prior_auth_status"),
    "auth_about_to_expire": ("prior_auth_status",),
    "cost_estimate_request": ("cost_question",),
    "unsigned_order": ("signed_order_missing",),
    "prior_auth_missing": ("prior_auth_missing",),
    "auth_expiring": ("prior_auth_status", "reschedule"),
    "code_invalid": ("code_question",),
    "ncci_pair": ("code_question",),
    "mue_exceeded": ("code_question",),
    "global_period": ("code_question",),
    "auth_code_mismatch": ("documentation_mismatch",),
}

# Work item types (cptdesk.worklog.choices.ItemKind), used when no scenario is set.
# A records request has no script of its own, so it offers none.
ITEM_KIND_TAGS = {
    "prior_authorization": ("prior_auth_missing",),
    "documentation_request": ("signed_order_missing",),
    "referral": ("referral",),
    "denial_follow_up": ("denial",),
    "patient_callback": ("cost_question", "billing_dispute"),
    "mismatch_review": ("documentation_mismatch",),
}

# Learning-log categories, in the vocabulary of the CARC meanings and rework types.
CATEGORY_TAGS = {
    "authorization": ("prior_auth_status",),
    "referral": ("referral",),
    "documentation": ("signed_order_missing",),
    "medical_necessity": ("signed_order_missing",),
    "coding": ("bill_code_question",),
    "bundling": ("bill_code_question",),
    "eligibility": ("coverage_question",),
    "non_covered": ("coverage_question",),
    "frequency_limit": ("coverage_question",),
    "coordination_of_benefits": ("coverage_question",),
    "scheduling": ("reschedule",),
}
DENIAL = "denial"


def join_tags(tags) -> str:
    """Return tags as the comma-separated text that offered_scripts accepts."""
    return ",".join(dict.fromkeys(tags))


def tags_for_flag(kind) -> str:
    return join_tags(FLAG_KIND_TAGS.get(str(kind), ()))


def tags_for_work_item(kind, scenario="") -> str:
    """Return the tags of the item's scenario, or of its type when it has none."""
    if scenario and scenario in SCENARIO_TAGS:
        return join_tags(SCENARIO_TAGS[scenario])
    return join_tags(ITEM_KIND_TAGS.get(str(kind), ()))


def tags_for_learning_entry(kind, category) -> str:
    """Return the denial tag for a denial, then the tags of the entry's category."""
    tags = (DENIAL,) if kind == DENIAL else ()
    return join_tags(tags + CATEGORY_TAGS.get(str(category), ()))
