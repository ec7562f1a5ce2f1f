from django.db import models


class Audience(models.TextChoices):
    PATIENT = "patient", "Patient or caller"
    INTERNAL = "internal", "Colleague"


class Stage(models.TextChoices):
    PRE_SERVICE = "pre_service", "Pre-service"
    DAY_OF_SERVICE = "day_of_service", "Day of service"
    POST_SERVICE = "post_service", "Post-service"


class SituationTag(models.TextChoices):
    """Situations where other pages offer scripts, passed to scripts_for()."""

    COST_QUESTION = "cost_question", "Cost question"
    COVERAGE_QUESTION = "coverage_question", "Coverage question"
    DENIAL = "denial", "Denial"
    CODE_QUESTION = "code_question", "Code question"
    BILL_CODE_QUESTION = "bill_code_question", "Code on a bill"
    PRIOR_AUTH_MISSING = "prior_auth_missing", "Prior authorization needed"
    PRIOR_AUTH_STATUS = "prior_auth_status", "Authorization status"
    RESCHEDULE = "reschedule", "Rescheduled appointment"
    REFERRAL = "referral", "Referral"
    SIGNED_ORDER_MISSING = "signed_order_missing", "Signed order missing"
    DOCUMENTATION_MISMATCH = "documentation_mismatch", "Documentation mismatch"
    BILLING_DISPUTE = "billing_dispute", "Billing dispute"
