from django.db import models


class AuthorizationStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CHECKED_IN = "checked_in", "Checked in"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


class FlagKind(models.TextChoices):
    """The red flags that the pre-scrub raises; the values match `flagrules`."""

    AUTH_MISSING = "auth_missing", "Prior authorization not on file"
    AUTH_EXPIRING = "auth_expiring", "Authorization ends before the visit"
    AUTH_NO_UNITS = "auth_no_units", "Authorization has no units left"
    AUTH_CODE_MISMATCH = "auth_code_mismatch", "Scheduled and authorized codes differ"
    CODE_NOT_VALID = "code_not_valid", "Code not valid on the date of service"
    NCCI_PAIR = "ncci_pair", "NCCI procedure-to-procedure pair"
    MUE_EXCEEDED = "mue_exceeded", "Units above the MUE maximum"
    GLOBAL_PERIOD = "global_period", "Inside the global period of a surgery"


class Severity(models.IntegerChoices):
    """How urgent a flag is; higher sorts first on the worklist."""

    LOW = 1, "Low"
    MEDIUM = 2, "Medium"
    HIGH = 3, "High"


class FlagState(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    OVERRIDDEN = "overridden", "Overridden"
    RESOLVED = "resolved", "Resolved"  # the condition no longer holds


class ChecklistKind(models.TextChoices):
    PRIOR_AUTH = "prior_auth", "Prior authorization"
    REFERRAL = "referral", "Referral"
    DOCUMENT = "document", "Document"
    PREP = "prep", "Prep instructions"
    SLOT = "slot", "Slot length"
    LOCATION = "location", "Location and place of service"
    EQUIPMENT = "equipment", "Equipment"
    NOTICE = "notice", "Patient notice"


class ChecklistState(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    WAIVED = "waived", "Waived"


class ImportStep(models.TextChoices):
    """The steps of a schedule import, in order, as its progress bar names them."""

    CHECK_ROWS = "check_rows", "Checking rows"
    STORE_VISITS = "store_visits", "Saving visits"
    CHECK_VISITS = "check_visits", "Checking visits"
    STORE_FLAGS = "store_flags", "Saving flags and checklists"
