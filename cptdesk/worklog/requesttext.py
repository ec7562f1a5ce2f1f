"""Documentation request text: placeholders, the starter templates and the three formats.

Templates hold placeholders in braces, such as {patient_ref} or {service}. Only the
names in PLACEHOLDERS are allowed, so a typing mistake is caught when the template is
saved, not when a fax goes out. A placeholder with no value on the work item is filled
with a bracketed gap ("[payer not recorded]") that the sender sees and completes.
"""

import re
from dataclasses import dataclass

PLACEHOLDERS = {
    "patient_ref": "the practice's patient reference",
    "service": "the scheduled service",
    "payer": "the payer",
    "appointment_date": "the date of the linked appointment",
    "request_date": "the date the request is made",
    "due_date": "the date the documents are needed by",
    "reference": "the request reference to quote",
    "practice": "the practice name",
    "item_title": "the work item's title",
}
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in _PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS]


def fill(text: str, values: dict) -> str:
    """Replace each known placeholder with its value or a visible gap."""

    def replace(match):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(name)
        if value in (None, ""):
            return f"[{name.replace('_', ' ')} not recorded]"
        return str(value)

    return _PLACEHOLDER_RE.sub(replace, text)


@dataclass(frozen=True)
class RequestText:
    """The filled-in parts of one documentation request."""

    what_missing: str
    reason: str
    due_date: str
    next_step_owner: str
    send_to: str
    reference: str
    body: str
    practice: str
    recipient: str = ""


def render(fmt: str, text: RequestText) -> str:
    """Return the request as fax, email or portal text."""
    if fmt == "email":
        return _render_email(text)
    if fmt == "portal":
        return _render_portal(text)
    if fmt == "fax":
        return _render_fax(text)
    raise ValueError(f"Unknown request format {fmt!r}: use fax, email or portal")


def _summary_lines(text: RequestText) -> list[str]:
    return [
        f"What is missing: {text.what_missing}",
        f"Why it is needed: {text.reason}",
        f"Needed by: {text.due_date}",
        f"Send to: {text.send_to}",
        f"Please quote: {text.reference}",
        f"Next step owner: {text.next_step_owner}",
    ]


def _render_email(text: RequestText) -> str:
    subject = f"Subject: Request {text.reference}: {text.what_missing}"
    return "\n".join(
        [subject, "", text.body, "", *_summary_lines(text), "", text.practice]
    )


def _render_portal(text: RequestText) -> str:
    # Portal messages are short, so the body comes first and the summary follows.
    return "\n".join([text.body, "", *_summary_lines(text)])


def _render_fax(text: RequestText) -> str:
    header = [
        f"FAX from {text.practice}",
        f"To: {text.recipient or '[recipient not recorded]'}",
        f"Reference: {text.reference}",
        "",
    ]
    return "\n".join([*header, *_summary_lines(text), "", text.body])


@dataclass(frozen=True)
class StarterTemplate:
    name: str
    what_missing: str
    reason: str
    due_days: int
    next_step_owner: str
    send_to: str
    body: str
    reminder_text: str


STARTER_TEMPLATES = (
    StarterTemplate(
        "Signed order",
        "Signed and dated order for {service}",
        "The {payer} prior authorization packet for {service} needs a signed order",
        2,
        "Ordering office signs and faxes; authorization team checks receipt",
        "Fax to the authorization team at {practice}",
        "We are preparing the prior authorization request for patient {patient_ref} "
        "({service}, scheduled {appointment_date}). The order on file is not signed. "
        "Please sign, date and return it by {due_date}, quoting {reference}.",
        "Signed order for {patient_ref} not received; call the ordering office.",
    ),
    StarterTemplate(
        "Progress notes",
        "Progress notes from the last two visits",
        "{payer} asks for recent clinical notes with the request for {service}",
        3,
        "Referring office sends; authorization team attaches them to the packet",
        "Fax or portal to the authorization team at {practice}",
        "For patient {patient_ref}, please send the progress notes of the last two "
        "visits that support the {service} request. We need them by {due_date}. "
        "Please quote {reference}.",
        "Progress notes for {patient_ref} are overdue; ask the office for a send date.",
    ),
    StarterTemplate(
        "Imaging report",
        "Report of the prior imaging study",
        "The {service} request for {payer} refers to earlier imaging",
        3,
        "Imaging center sends the report; front desk files it",
        "Fax to the front desk at {practice}",
        "Please send the final report of the most recent imaging study for patient "
        "{patient_ref}. It is needed for the {service} visit on {appointment_date}. "
        "Please quote {reference} and send by {due_date}.",
        "Imaging report for {patient_ref} is overdue; call the imaging center's "
        "records desk.",
    ),
    StarterTemplate(
        "Referral",
        "Referral from the primary care provider",
        "{payer} requires a referral on file before the {service} visit",
        5,
        "Primary care office issues the referral; referral coordinator confirms it",
        "Portal or fax to the referral coordinator at {practice}",
        "Patient {patient_ref} is scheduled for {service} on {appointment_date}. "
        "{payer} requires a referral from the primary care provider. Please issue "
        "the referral by {due_date} and quote {reference}.",
        "Referral for {patient_ref} still missing; the visit on {appointment_date} "
        "may need to move.",
    ),
    StarterTemplate(
        "Medical-necessity letter",
        "Letter of medical necessity signed by the treating provider",
        "{payer} asks for a medical-necessity letter with the {service} request",
        5,
        "Treating provider writes and signs; authorization team submits it",
        "Email or portal to the authorization team at {practice}",
        "For patient {patient_ref}, {payer} asks for a letter of medical necessity "
        "for {service}. Please write and sign the letter and return it by "
        "{due_date}, quoting {reference}.",
        "Medical-necessity letter for {patient_ref} is overdue; remind the provider.",
    ),
    StarterTemplate(
        "Records request",
        "Medical records for the dates of service in question",
        "{payer} requested records for patient {patient_ref} to review a claim",
        10,
        "Records desk copies and sends; biller confirms the payer received them",
        "Per the payer's letter, quoting its reference",
        "{payer} asked for the records of patient {patient_ref} for the service on "
        "{appointment_date}. Please prepare the records and send them by "
        "{due_date}. Quote {reference} on every page.",
        "Records for {patient_ref} are overdue to {payer}; check the payer's deadline.",
    ),
)
