from django.db import models


class ItemKind(models.TextChoices):
    PRIOR_AUTHORIZATION = "prior_authorization", "Prior authorization"
    DOCUMENTATION_REQUEST = "documentation_request", "Documentation request"
    REFERRAL = "referral", "Referral"
    DENIAL_FOLLOW_UP = "denial_follow_up", "Denial follow-up"
    RECORDS_REQUEST = "records_request", "Records request"
    PATIENT_CALLBACK = "patient_callback", "Patient callback"
    MISMATCH_REVIEW = "mismatch_review", "Mismatch review"


class ItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on someone outside"
    ESCALATED = "escalated", "Escalated"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE_STATUSES = (ItemStatus.OPEN, ItemStatus.WAITING, ItemStatus.ESCALATED)
CLOSED_STATUSES = (ItemStatus.DONE, ItemStatus.CANCELLED)


class Priority(models.IntegerChoices):
    # Lower numbers sort first, so an ascending sort puts urgent work on top.
    URGENT = 1, "Urgent"
    HIGH = 2, "High"
    NORMAL = 3, "Normal"
    LOW = 4, "Low"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    FAX = "fax", "Fax"
    PORTAL = "portal", "Portal"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"


class NoteVerdict(models.TextChoices):
    ACTIONABLE = "actionable", "Actionable"
    VAGUE = "vague", "Too vague to act on"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SENT = "sent", "Sent"
    PARTIAL = "partial", "Partially received"
    RECEIVED = "received", "Received"
    CANCELLED = "cancelled", "Cancelled"


# A request in one of these states can still go overdue.
OPEN_REQUEST_STATUSES = (
    RequestStatus.REQUESTED,
    RequestStatus.SENT,
    RequestStatus.PARTIAL,
)
OVERDUE = "overdue"  # shown in place of the stored state once the due time has passed

# The state changes a user may make on a documentation request.
REQUEST_TRANSITIONS = {
    RequestStatus.REQUESTED: (
        RequestStatus.SENT,
        RequestStatus.RECEIVED,
        RequestStatus.CANCELLED,
    ),
    RequestStatus.SENT: (
        RequestStatus.PARTIAL,
        RequestStatus.RECEIVED,
        RequestStatus.CANCELLED,
    ),
    RequestStatus.PARTIAL: (RequestStatus.RECEIVED, RequestStatus.CANCELLED),
    RequestStatus.RECEIVED: (),
    RequestStatus.CANCELLED: (),
}


class RequestFormat(models.TextChoices):
    FAX = "fax", "Fax"
    EMAIL = "email", "Email"
    PORTAL = "portal", "Portal message"


class HandoffField(models.TextChoices):
    """What an escalation must carry so the next level need not ask again."""

    PATIENT_REF = "patient_ref", "Patient reference"
    SUBJECT = "subject", "Linked appointment, authorization or denial"
    EVIDENCE = "evidence", "Evidence attached"
    ACTIONABLE_NOTE = "actionable_note", "An actionable status note"
    QUESTION = "question", "The question for the next level"
    PAYER_REFERENCE = "payer_reference", "Payer reference or call number"


class HistoryAction(models.TextChoices):
    CREATED = "created", "Created"
    STATUS = "status", "Status changed"
    REASSIGNED = "reassigned", "Reassigned"
    ESCALATED = "escalated", "Escalated"
    EDITED = "edited", "Edited"
    NOTE = "note", "Note added"
    REQUEST = "request", "Documentation request"
