from django.db import models


class PayerKind(models.TextChoices):
    MEDICARE_FFS = "medicare_ffs", "Medicare fee-for-service"
    MEDICARE_ADVANTAGE = "medicare_advantage", "Medicare Advantage"
    MEDICAID = "medicaid", "Medicaid"
    COMMERCIAL = "commercial", "Commercial"
    WORKERS_COMP = "workers_comp", "Workers' compensation"
    SELF_PAY = "self_pay", "Self-pay"
    OTHER = "other", "Other"


class OwnerClass(models.TextChoices):
    """Who supplies a document that a service needs."""

    CLINICAL = "clinical", "Clinical"
    ADMINISTRATIVE = "administrative", "Administrative"
    PATIENT = "patient", "Patient"


class Notice(models.TextChoices):
    ABN = "abn", "Advance Beneficiary Notice (ABN)"
    GOOD_FAITH_ESTIMATE = "good_faith_estimate", "Good-faith estimate"
    FINANCIAL_POLICY = "financial_policy", "Financial policy"


class RuleResult(models.TextChoices):
    PRIOR_AUTH = "prior_auth", "Prior authorization required"
    DOCUMENTATION = "documentation", "Documentation only"
    REFERRAL = "referral", "Referral required"
    NOTICE = "notice", "Notice required"
    NOT_REQUIRED = "not_required", "Not required"
