from django.db import models


class ImportStatus(models.TextChoices):
    POSTED = "posted", "Posted"
    DUPLICATE = "duplicate", "Duplicate, nothing posted"


class EntryKind(models.TextChoices):
    DENIAL = "denial", "Denial"
    REWORK = "rework", "Rework"


class EntrySource(models.TextChoices):
    """The origin of a learning-log entry."""

    REMITTANCE = "remittance", "835 remittance"
    PAPER_EOB = "paper_eob", "Paper EOB"
    REWORK = "rework", "Rework logged by staff"


class ReworkType(models.TextChoices):
    """Rework that never reaches a claim; denials leave this blank."""

    RESCHEDULE = "reschedule", "Reschedule"
    REPEAT_CALLBACK = "repeat_callback", "Repeat callback"
    MISSING_DOCUMENTATION = "missing_documentation", "Missing documentation"
    AUTHORIZATION_DELAY = "authorization_delay", "Authorization delay"
    OTHER = "other", "Other rework"


class EntryStatus(models.TextChoices):
    OPEN = "open", "Open"
    APPEALED = "appealed", "Appealed"
    RESOLVED = "resolved", "Resolved"
    WRITTEN_OFF = "written_off", "Written off"


class MissedTrigger(models.TextChoices):
    """The intake trigger or communication script that should have caught a miss."""

    ELIGIBILITY = "eligibility", "Eligibility and benefits check"
    PRIOR_AUTHORIZATION = "prior_authorization", "Prior authorization trigger"
    REFERRAL = "referral", "Referral trigger"
    DOCUMENTATION = "documentation", "Documentation trigger"
    PREP = "prep", "Prep instructions"
    SLOT_LENGTH = "slot_length", "Slot length"
    SITE_OF_SERVICE = "site_of_service", "Location or site of service"
    EQUIPMENT = "equipment", "Equipment"
    PATIENT_NOTICE = "patient_notice", "Patient notice (ABN, good-faith estimate)"
    INSURANCE_ORDER = "insurance_order", "Insurance order (coordination of benefits)"
    CODING_ROUTE = "coding_route", "Route coding question to a coder"
    STATUS_NOTE = "status_note", "Actionable status note"
    COST_SCRIPT = "cost_script", "Script: what will this cost"
    DENIAL_SCRIPT = "denial_script", "Script: why was this denied"
    NONE = "none", "No intake trigger applies"


class SummaryDimension(models.TextChoices):
    """The entry columns that one row of the daily summary groups by."""

    CATEGORY = "category", "Category"
    PAYER = "payer", "Payer"
    CODE = "code", "Reason code (CARC)"
    OWNER = "owner", "Owner"
    CAUSE = "cause", "Root cause and missed trigger"
