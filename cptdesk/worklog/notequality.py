"""Check whether a follow-up status note is specific enough for the next person to use.

A note is actionable when it names who was contacted (a person, an organisation or a
reference number), states what was requested, sent, received or is still pending, and,
unless it says the matter is closed, gives a next step, the owner of that step and a
follow-up time. A note that says it is closed ("done", "no further action") but still
lists something pending is treated as open. The time of contact and the channel are
reported when absent but do not make a note vague, because the note form stamps the
time itself. Each element is found by the phrase and pattern lists below, which are
compiled once at import. A structured field that is filled in counts as present for its
element, whatever the free text says.
"""

import bisect
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

logger = logging.getLogger(__name__)

ACTIONABLE = "actionable"
VAGUE = "vague"

# Structured note fields and the element that each one fills.
FIELD_ELEMENTS = {
    "when": "contact_time",
    "channel": "channel",
    "contact_name": "contact_person",
    "contact_org": "contact_org",
    "reference": "reference",
    "requested": "requested",
    "received": "received",
    "pending": "pending",
    "committed": "commitment",
    "next_step": "next_step",
    "owner": "owner",
    "follow_up": "follow_up",
}
TEXT_FIELD = "text"


@dataclass(frozen=True)
class FoundElement:
    """One element detected in a note, with its span in the note text.

    Elements taken from a structured field have no span and name the field in source.
    """

    element: str
    text: str
    start: int | None
    end: int | None
    source: str = "text"


@dataclass(frozen=True)
class MissingElement:
    """An element that the note lacks. A required one makes the note vague."""

    id: str
    message: str
    required: bool


@dataclass(frozen=True)
class NoteVerdict:
    """The result of checking one note."""

    verdict: str
    missing: list[MissingElement]
    found: list[FoundElement]
    text: str

    @property
    def is_actionable(self) -> bool:
        return self.verdict == ACTIONABLE

    @property
    def missing_ids(self) -> list[str]:
        return [item.id for item in self.missing]

    @property
    def found_elements(self) -> set[str]:
        return {item.element for item in self.found}


@dataclass(frozen=True)
class Requirement:
    """An element of a note, met by any of several detected elements."""

    id: str
    message: str
    satisfied_by: tuple[str, ...]
    required: bool
    waived_when_closed: bool


REQUIREMENTS = (
    Requirement(
        "contact",
        "contact not named",
        ("contact_person", "contact_org", "reference"),
        required=True,
        waived_when_closed=False,
    ),
    Requirement(
        "request",
        "does not say what was requested",
        ("requested", "received", "sent", "pending"),
        required=True,
        waived_when_closed=False,
    ),
    Requirement(
        "next_step",
        "does not say what happens next",
        ("next_step",),
        required=True,
        waived_when_closed=True,
    ),
    Requirement(
        "owner",
        "no next-step owner",
        ("owner",),
        required=True,
        waived_when_closed=True,
    ),
    Requirement(
        "follow_up",
        "no follow-up time",
        ("follow_up",),
        required=True,
        waived_when_closed=True,
    ),
    Requirement(
        "contact_time",
        "no time of contact",
        ("contact_time",),
        required=False,
        waived_when_closed=True,
    ),
    Requirement(
        "channel",
        "does not say how the contact was made (phone, fax, portal, email, in person)",
        ("channel",),
        required=False,
        waived_when_closed=True,
    ),
)


# Patterns run on an ASCII-lowercased copy of the note, which keeps every offset and
# avoids the slow IGNORECASE matching. Only the patterns that look for capitalized
# names (compiled with _compile_cased) run on the original text. Starting a pattern
# at a word start only (guarded) cut its time by a third to a half when measured on
# the labelled notes with CPython 3.11.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _compile(*alternatives: str, guarded: bool = False) -> re.Pattern[str]:
    pattern = "|".join(alternatives)
    if guarded:
        pattern = r"(?<![a-z0-9])(?:" + pattern + ")"
    return re.compile(pattern, re.MULTILINE)


def _compile_cased(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


def _words(*phrases: str) -> str:
    return r"\b(?:" + "|".join(phrases) + r")\b"


# Clauses end at commas, other punctuation and dashes. Sentences end only at stronger
# breaks, so that a verb early in a sentence ("asked for the order, the note") covers
# the whole list.
_CLAUSE_BREAK_RE = _compile(r"[,;\n!?()]", r"\.(?=\s|$)", r"—|–|\s-+\s")
_SENTENCE_BREAK_RE = _compile(
    r"[;\n!?]", r"(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)\.(?=\s|$)", r"—|–|\s-+\s"
)

# Times and dates. Relative ones always point ahead. Clock times, dates and weekdays
# count as the follow-up time only after a cue such as "by", "f/u" or "will".
_WEEKDAY = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|saturday|sunday"
)
_TIME_RE = _compile(
    r"(?P<relative>\b(?:tomorrow|tmrw|tmr|tmw|tomm?or?row|2morrow|eod|cob|eow"
    r"|end of (?:the )?(?:day|week|business day|month)|close of business|later today"
    r"|first thing(?: in the morning)?|next (?:week|business day|" + _WEEKDAY + r")"
    r"|(?:in|within) (?:\d+(?:-\d+)?|a|one|two|three|a few) (?:business |working )?"
    r"(?:days?|hours?|hrs?|weeks?|wks?)"
    r"|\d+(?:-\d+)? (?:business|working|bus\.?) days?|\d+ ?(?:hrs|hours))\b)",
    r"(?P<clock>\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?m\b\.?)?"
    r"|\b(?:1[0-2]|0?[1-9])\s*[ap]\.?m\b\.?|\bnoon\b"
    r"|\b(?:at|@)\s*(?:1[0-2]|0?[1-9])\b(?![:/%]|\s*(?:units?|days?|business|hours?"
    r"|hrs?|mins?|minutes|pages?|visits?)\b))",
    r"(?P<date>\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2}"
    r"(?:st|nd|rd|th)?\b)",
    r"(?P<day>\b(?:"
    + _WEEKDAY
    + r"|today|tonight|this (?:morning|afternoon|evening))\b)",
    guarded=True,
)
_DEADLINE_BEFORE_RE = _compile(
    r"\b(?:by|until|till|til|before|due|nlt|no later than|on or before)\s+"
    r"(?:the\s+|end of\s+)?$"
)
_FUTURE_CUE_RE = _compile(
    _words(
        r"follow(?:ing)?[- ]?up",
        r"f/?u",
        r"fup",
        r"re-?check",
        r"call(?:ing)? ?back",
        r"check back",
        r"will",
        r"next",
        r"remind(?:er)?",
        r"tickler",
        r"expect(?:ed|ing)?",
        r"eta",
        r"promised",
        r"re-?submit",
        r"try again",
        r"retry",
        r"re-?attempt",
        r"due",
    ),
    r"(?:'|’)ll\b",
)

# Channel phrases: phone, fax, portal, email and in person.
_CHANNEL_RE = _compile(
    _words(
        r"call(?:ed|ing|s)?",
        r"phoned?",
        r"spoke",
        r"talked",
        r"lvm",
        r"vm",
        r"voice ?mail",
        r"left (?:a )?(?:msg|message|vm)",
        r"on hold",
        r"ivr",
        r"e?fax(?:ed|ing)?",
        r"re-?fax(?:ed)?",
        r"portal",
        r"availity",
        r"navinet",
        r"mychart",
        r"secure (?:message|msg)",
        r"e-?mail(?:ed|ing)?",
        r"in[- ]person",
        r"walked (?:over|in|to)",
        r"stopped by",
        r"came in",
        r"face[- ]to[- ]face",
    ),
    guarded=True,
)

# Organisations: payers, offices, departments. A department word followed by a
# document noun ("radiology report") is the document, not the contact.
_DOC_NOUN_AHEAD = (
    r"(?!\s+(?:reports?|results?|notes?|orders?|records|request|auth|authorization"
    r"|prior|packet|slot|appt|appointment|card|info|information|verification|id)\b)"
)
_ORG_SUFFIX = (
    r"clinic|orthopedics|ortho|imaging|radiology|medical group|medical center|hospital"
    r"|health|cardiology|associates|family medicine|pediatrics|urgent care"
    r"|physical therapy|pt|labs?|pharmacy|surgery center|asc|dermatology|neurology"
    r"|oncology|gi|ent|sleep center|dme|home health|medical supply|specialists"
)
_ORG_RE = _compile(
    _words(
        r"aetna",
        r"cigna",
        r"uhc",
        r"united ?health ?care",
        r"humana",
        r"bcbs",
        r"blue cross(?: blue shield)?",
        r"blue shield",
        r"anthem",
        r"medicare(?: advantage)?",
        r"medicaid",
        r"tricare",
        r"kaiser",
        r"molina",
        r"ambetter",
        r"wellcare",
        r"highmark",
        r"evicore",
        r"carelon",
        r"(?:the )?payer",
        r"the plan(?! of)",
        r"(?:the )?insurer",
        r"insurance(?: co(?:mpany)?)?",
        r"ins co",
    )
    + _DOC_NOUN_AHEAD,
    _words(
        r"(?:referring|ordering|pcp'?s?|specialist'?s?|surgeon'?s?)\s+"
        r"(?:office|provider|physician|doctor|dr|clinic|practice|md)",
        r"pcp(?: office)?",
        r"radiology",
        r"imaging(?: center)?",
        r"(?:the\s+)?lab(?:oratory)?",
        r"pathology",
        r"him",
        r"medical records(?: dept| department)?",
        r"records (?:dept|department|office)",
        r"hospital",
        r"surgery center",
        r"asc",
        r"pharmacy",
        r"dme (?:company|supplier|vendor)",
        r"home health",
        r"pt clinic",
        r"physical therapy",
        r"cardiology",
        r"ortho(?:pedics)?",
        r"(?:payer|provider) (?:services|relations|line)",
        r"um (?:dept|department|vendor)",
        r"utilization management",
    )
    + _DOC_NOUN_AHEAD,
    guarded=True,
)
_NAMED_ORG_RE = _compile_cased(
    r"\b(?:(?i:dr)\.?\s+[A-Z][a-z]+(?:'s|’s)?\s+(?i:office)"
    r"|[A-Z][a-z]+\s+(?i:" + _ORG_SUFFIX + r"))\b(?i:" + _DOC_NOUN_AHEAD + ")"
)

# Named people. After a strong trigger ("spoke with") a lowercase word counts as a
# name, after a weak one ("called", "per") only a capitalized word does.
_PERSON_STRONG_RE = _compile(
    r"\b(?:spoke|speaking|talked|talking)\s+(?:with|to|w/)\s*"
    r"|\bcontact(?:\s+name)?\s*:\s*|\brep(?:resentative)?(?:\s+name)?\s*:\s*"
    r"|\b(?:left\s+(?:a\s+)?(?:vm|voicemail|msg|message)|lvm)\s+(?:for|with)\s+"
    r"|\battn:?\s*",
    guarded=True,
)
_PERSON_WEAK_RE = _compile(
    r"\b(?:called|call|phoned|emailed|e-mailed|messaged|texted|contacted|reached"
    r"|per|w/|with|rep|from|by|attn)\s*",
    guarded=True,
)
# "to" names a recipient only when the last verb before it in the same clause sends
# or contacts ("faxed records to Acme"). A hand-off verb ("assigned to Maria" names an
# owner) or a change of date ("moved to Friday") does not name a contact.
_TO_RE = _compile(r"\bto\s+", guarded=True)
_RECIPIENT_VERB_RE = _compile(
    r"\b(?:(?P<send>(?:re-?)?e?fax(?:ed|ing)?|(?:re-?)?sen[dt](?:ing)?"
    r"|e-?mail(?:ed|ing)?|mail(?:ed|ing)?|(?:re-?)?submit(?:ted|ting)?"
    r"|upload(?:ed|ing)?|deliver(?:ed|ing)?|messaged|texted|wrote|returned"
    r"|reached out|spoke|talked)"
    r"|(?P<route>assign(?:ed|ing)?|rout(?:e|ed|ing)|forward(?:ed|ing)?"
    r"|hand(?:ed)?(?:[- ]?off)?|escalat(?:e|ed|ing)|task(?:ed)?|mov(?:e|ed|ing)"
    r"|chang(?:e|ed|ing)|switch(?:ed|ing)?|(?:re-?)?schedul(?:e|ed|ing)"
    r"|transferr?(?:ed|ing)?))\b",
    guarded=True,
)
_PERSON_AFTER_RE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+)\s+(?:said|says|stated|states|confirmed|advised|agreed"
    r"|promised|will|would|\((?:rep|scheduler|nurse|ma|rn)\))"
)
_ORG_SUFFIX_AHEAD_RE = re.compile(r"\s+(?:" + _ORG_SUFFIX + r")\b", re.IGNORECASE)
_NAME_AHEAD_RE = re.compile(
    r"(?P<name>(?:dr\.?\s+)?[a-z][a-z-]+(?:\s+[a-z]\.(?!\w))?)", re.IGNORECASE
)
_PATIENT_RE = _compile(
    r"\b(?:called|calling|phoned|spoke (?:with|to|w/)|talked (?:with|to|w/)"
    r"|lvm(?: x\d)? (?:for|with)|left (?:a )?(?:vm|voicemail|msg|message) (?:for|with)"
    r"|emailed"
    r"|messaged|texted|notified|informed|reached|told|from)\s+(?:the\s+)?"
    r"(?P<patient>pt|patient|pt'?s \w+|patient'?s \w+|guardian|caregiver|parent|spouse"
    r"|mother|father|wife|husband|daughter|son)\b",
    r"\b(?P<subject>(?:pt|patient)(?:'s \w+)?)\s+(?:called|said|states|stated|returned"
    r"|reports"
    r"|reported|came|will|agreed|confirmed|picked|dropped|signed|aware|notified"
    r"|informed|requested|asked|declined|emailed|messaged)\b",
    guarded=True,
)
_NOT_NAMES = frozenset(
    """
    the a an someone somebody anyone nobody no rep representative office staff them her
    him their his my our same customer service manager operator agent nurse front desk
    receptionist scheduler billing records pt patient voicemail vm msg message fax phone
    portal email to at on in for with back again about re that this it they she he we
    you i me then also and but will still called call spoke left owner follow need needs
    sent
    faxed received asked requested pending waiting auth authorization referral referring
    ordering status order orders notes note signed done closed today tomorrow tmrw
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec medicare medicaid
    aetna cigna uhc humana bcbs anthem tricare kaiser molina ambetter wellcare highmark
    evicore carelon payer plan insurance insurer lab radiology imaging hospital pharmacy
    pathology cardiology ortho him pcp provider providers dr doctor md mri ct pet eod
    cob lvm ref mrn dob hold ivr line operator supervisor biller coder coding
    clinic group health care united blue cross shield advantage team dept department
    """.split()
)

# Reference, call, case or confirmation numbers: at least one digit is required.
_REFERENCE_RE = _compile(
    r"\b(?:call\s+)?(?:ref(?:erence)?|conf(?:irmation)?|ticket|tracking|case|call|auth"
    r"(?:orization)?|claim|request|appeal)\s*(?:#|no\.?|num(?:ber)?|id)\s*:?\s*"
    r"(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,}\b",
    r"\b(?:call\s+)?(?:ref(?:erence)?|conf(?:irmation)?|ticket|tracking)\s*:?\s*"
    r"(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,}\b",
    r"#\s?(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,}\b",
    guarded=True,
)

# Documents and items that a note can ask for, send or receive. Vague words such as
# "docs", "paperwork" or "info" are deliberately absent.
_DOCUMENT_RE = _compile(
    _words(
        r"signed (?:orders?|rx|prescription|referral|abn|consent|form|cmn"
        r"|plan of care|poc)",
        r"(?<!in )(?:new |updated |corrected |written |physician |dr\.? )?"
        r"orders?",
        r"(?:last |recent |latest |most recent )?(?:progress|office|visit|clinic(?:al)?"
        r"|chart|consult(?:ation)?|op(?:erative)?|therapy|pt|nursing|h&p) notes?",
        r"clinicals",
        r"op(?:erative)? report",
        r"(?:imaging|mri|ct|x-?ray|xray|ultrasound|radiology|path(?:ology)?|echo|ekg"
        r"|ecg|sleep study|pet|dexa) (?:report|results?|films|images)",
        r"(?:lab|test) results?",
        r"labs",
        r"letter of medical necessity",
        r"(?:medical )?necessity letter",
        r"lo?mn",
        r"(?:medical |med |chart |prior |outside |hospital )?rec(?:ord)?s(?! team)",
        r"referral(?: form| letter| number| #)?(?! coordinator| team)",
        r"(?:prior )?auth(?:orization)? (?:approval|number|#|status|decision|letter"
        r"|form"
        r"|request|determination|extension)",
        r"pa (?:form|request|status|number)",
        r"approval(?: letter)?",
        r"denial(?: letter| reason)?",
        r"appeal (?:letter|status|decision|form)",
        r"eob",
        r"remit(?:tance)?",
        r"era",
        r"itemized (?:bill|statement)",
        r"claim status",
        r"corrected claim",
        r"referral status",
        r"h&p",
        r"history and physical",
        r"discharge summary",
        r"(?:insurance|ins|member|id) card",
        r"copy of (?:the )?(?:card|id|insurance)",
        r"member id",
        r"demographics",
        r"signature",
        r"abn",
        r"consent(?: form)?",
        r"plan of care",
        r"poc",
        r"rx",
        r"prescription",
        r"script",
        r"cmn",
        r"face ?sheet",
        r"w-?9",
        r"(?:records|hipaa) release",
        r"roi(?: form)?",
        r"peer[- ]to[- ]peer",
        r"p2p",
        r"benefits",
        r"eligibility",
        r"(?:fax|cover) confirmation",
        r"stress test",
        r"status (?:of|on|for) (?:the )?(?:auth\w*|appeal|claim|referral|pa)",
        r"(?!(?:the|a|an|my|our|their|his|her|this|that|any|no|last|new|final)\b)"
        r"[a-z&-]+\s+(?:report|results|films|images)",
    ),
    _words(
        r"auth(?:orization)?\s+(?:was\s+|is\s+)?(?:approved|denied|pended|extended)"
    ),
    guarded=True,
)
_DECISION_RE = _compile(r"approved|denied|pended|extended")

# A request named by its status ("auth for lumbar MRI still pending", "claim 5521
# corrected and resubmitted") counts as the item, with the status setting its kind.
_STATUS_RE = _compile(
    r"\b(?:(?:prior )?auth(?:orization)?(?: request| extension(?: request)?)?"
    r"|pa request|referral|claim(?:\s+#?\d[\w-]*)?|appeal|recon(?:sideration)?)"
    r"(?:\s+(?:for|on|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
    r"\s+(?:(?:is|was|still|remains|has been|been)\s+)*"
    r"(?:(?P<pending>pending|in review|under review|in process)"
    r"|(?P<received>approved|denied|pended|not required|not needed|received)"
    r"|(?P<sent>submitted|resubmitted|sent|faxed|corrected))\b",
    guarded=True,
)
_DOCUMENT_VERB_RE = _compile(
    r"(?P<pending>\b(?:pending|waiting (?:on|for)|awaiting|await|still (?:need|needs"
    r"|needed|missing|waiting(?: on| for)?)|outstanding|not (?:yet )?(?:received|in)"
    r"|no sign of|haven'?t (?:received|gotten|got)|never received|missing)\b)",
    r"(?P<received>\b(?:received|rec'?d|recv'?d|recvd|receipt of|got|came in|arrived"
    r"|in hand|on file|attached|scanned(?: in)?|have)\b)",
    r"(?P<sent>\b(?:sent|faxed|re-?faxed|submitted|re-?submitted|uploaded|emailed"
    r"|mailed|re-?sent|forwarded|dropped off|delivered|gave)\b)",
    r"(?P<requested>\b(?:asked (?:for|about)|asking (?:for|about)|ask for|requested"
    r"|requesting|request(?: for)?|req'?d|reqd|req|needs?|needed|want(?:s|ed)?"
    r"|inquired|checked(?: on)?|check(?:ing)?(?: on)?|verif(?:y|ied)|confirm(?:ed)?"
    r"|status(?: of| on)?)\b)",
    guarded=True,
)
_VERB_AFTER_RE = _compile(
    r"\s*(?:(?:is|was|still|now)\s+)?(?:(?P<received>received|rec'?d|attached|came in"
    r"|arrived|on file|is in)"
    r"|(?P<pending>pending|outstanding|still missing|not (?:yet )?received)"
    r"|(?P<sent>sent|faxed|submitted|uploaded))\b"
)

_PURPOSE_RE = _compile(
    r"\b(?:for|re:?|regarding|about|to support|in support of)\s+"
    r"(?:the\s+|this\s+|pt'?s\s+|his\s+|her\s+|their\s+)?(?:(?!for\b)[\w/-]+\s+){0,3}"
    r"(?:prior auth(?:orization)?|auth(?:orization)?|pa|packet|appeal|referral|claim"
    r"|denial|recon(?:sideration)?|surgery|procedure|visit|appt|appointment|scan|mri"
    r"|ct|pet|ultrasound|injection|infusion|therapy|dme|peer[- ]to[- ]peer|p2p"
    r"|records request|chart|file)\b",
    guarded=True,
)

_PROMISE_VERB = (
    r"(?:will|'ll|’ll|would|are going to|is going to|agreed to|promised to"
    r"|said (?:they|she|he)\s*(?:would|will|'d|’d))"
)
_COMMITMENT_RE = _compile(
    r"\b(?:they|she|he)\s*" + _PROMISE_VERB + r"\s+(?!be\b)\w+",
    r"\b(?:the\s+)?(?:office|rep|staff|nurse|records|radiology|payer|plan)\s+"
    r"(?:will|to|agreed to|promised to)\s+(?!be\b)\w+",
    r"\bpromised\b(?:\s+(?:by|to|for))?",
    r"\bwill be (?:faxed|sent|mailed|uploaded|emailed|posted|ready|processed|reviewed)",
    r"\beta\b",
    r"\bexpect(?:ed|ing)?\s+(?:it|them|the|a|fax|records|response|callback|decision)",
)
_NAMED_COMMITMENT_RE = _compile_cased(
    r"\b(?!(?:Then|Also|And|But|Owner|Will|We|I|Pt|Still)\b)[A-Z][a-z]+\s*(?i:"
    + _PROMISE_VERB
    + r"\s+(?!be\b)\w+)"
)

# Who owns the next step: a role, a named colleague after "owner"/"assigned to", or
# the writer ("I will", or a clause that starts with "will").
_ROLE = (
    r"(?:front[- ]desk|fd|(?:prior[- ])?auth(?:orization)? (?:team|coordinator|dept)"
    r"|pa team|referrals?(?: team| coordinator| dept)?|billers?|billing(?: team| dept)?"
    r"|coders?|coding(?: team)?|(?<!referring )(?<!ordering )providers?|supervisor"
    r"|(?:office|practice) manager|schedulers?|scheduling(?: team)?|nurse|rn"
    r"|records team|team lead)"
)

# Our own next action. Past forms ("followed up", "sent") describe what happened and
# do not count; "no f/u needed" is a closing phrase, not a step.
_NEXT_STEP_RE = _compile(
    r"(?<!\bno )(?<!\bno further )(?<!\bre )(?<!\bre: )"
    r"\b(?:follow(?:ing)?[- ]?up|f/?u|fup)\b"
    r"(?!\s*(?:visit|appt|appointment|exam)\b)(?!\s+(?:needed|required)\b)",
    r"(?<!\bno )"
    + _words(
        r"call(?:ing)?[- ]?back",
        r"callback",
        r"call again",
        r"call (?:pt|patient|them|her|him|the office|office|payer)",
        r"re-?call",
        r"re-?check",
        r"check(?:ing)? (?:back|again|portal|the portal|status|fax|for|on|in)",
        r"re-?submit",
        r"re-?send",
        r"re-?fax",
        r"escalat(?:e|ing)",
        r"submit",
        r"send",
        r"file (?:an |the )?appeal",
        r"request (?:a )?(?:peer[- ]to[- ]peer|p2p)",
        r"(?:re)?schedule",
        r"route",
        r"forward",
        r"notify",
        r"remind",
        r"tickler",
        r"next step",
        r"to-?do",
        r"try again",
        r"retry",
        r"re-?attempt",
        r"update (?:the )?(?:pt|patient)",
        r"let (?:the )?(?:pt|patient) know",
        r"(?:to|will|please|pls) review",
        r"verify",
        r"monitor",
        r"watch for",
    ),
    r"\bnext\s*:",
    # An owner's future action is a step even when its verb is not listed above.
    r"\b(?:" + _ROLE + r"|i)\s*(?:to|will|'ll|’ll|needs to|must|should)\s+(?!be\b)\w+",
    r"(?:^|(?<=[.;,\n—–(])|(?<=\s-)|(?<=then ))\s*will\s+(?!be\b)\w+",
    guarded=True,
)
# "they will send it" is the contact's promise, so a step verb after a third party's
# "will" or "to" in the same clause is not our next step.
_THIRD_PARTY_RE = _compile(
    r"\b(?P<subject>dr\.?\s+\w+|[a-z][a-z'’]+)\s*(?:will|'ll|’ll|would|is going to"
    r"|are going to|to)\b(?!\s+be\b)"
)
_THIRD_PARTY_WORDS = frozenset(
    "they she he it office rep staff nurse pt patient doctor dr scheduler".split()
)
_PAST_CONTACT_RE = _compile(
    _words(
        r"called",
        r"phoned",
        r"emailed",
        r"faxed",
        r"messaged",
        r"spoke",
        r"contacted",
        r"reached out",
        r"lvm",
    ),
    guarded=True,
)
_PURPOSE_TO_RE = _compile(r"\bto\s*$")

_SELF = r"(?:me|myself|self|i)"
_OWNER_RE = _compile(
    r"\bowner\s*(?:is\s*)?[:=\-–—]?\s*(?:the\s+)?(?:" + _ROLE + "|" + _SELF + r")\b",
    r"\bassign(?:ed|ing)?\s+(?:to\s+)?(?:the\s+)?(?:" + _ROLE + "|" + _SELF + r")\b",
    r"\b(?:rout(?:e|ed|ing)|forward(?:ed|ing)?|hand(?:ed)?[- ]off|escalat(?:e|ed|ing)"
    r"|task(?:ed)?)\s+(?:[\w/]+\s+){0,3}?to\s+(?:the\s+)?" + _ROLE + r"\b",
    r"\b"
    + _ROLE
    + r"\s+(?:to|will|'ll|’ll|owns|is handling|handling|handles|following|follows"
    r"|f/u|needs to|must|should)\b",
    r"(?:—|–|->|→|\s-|^-|\bfor)\s*(?:the\s+)?" + _ROLE + r"\s*(?=$|[.;,)\n])",
    r"\(\s*" + _ROLE + r"\s*\)",
    r"(?:^|[.;\n])\s*" + _ROLE + r"\s*:",
    r"\bi\s*(?:will|'ll|’ll|am going to|'m going to|’m going to|plan to|need to)\b",
    r"(?:^|[.;,\n—–(]|\s-|\bthen)\s*will\s+(?!be\b)(?=\w)",
)
_NAMED_OWNER_RE = _compile_cased(
    r"(?i:\bowner\s*(?:is\s*)?[:=\-–—]?\s*(?:the\s+)?"
    r"|\bassign(?:ed|ing)?\s+(?:to\s+)?(?:the\s+)?)[A-Z][a-z]+\b"
)

# Closing phrases. A preceding negation or condition ("not done", "once complete",
# "office closed for lunch") does not close the note.
_CLOSED_RE = _compile(
    r"(?<!\bnot )(?<!n't )(?<!n’t )(?<!\bbe )(?<!\bonce )(?<!\bwhen )(?<!\buntil )"
    r"(?<!\bif )(?<!\bto )(?<!office )(?<!clinic )(?<!\bare )(?<!they're )(?<!they’re )"
    r"\b(?:done|completed?|closed(?: out)?|closing (?:task|this|out)|resolved|finished"
    r"|all set|no (?:further )?(?:action|f/u|follow[- ]?up)"
    r"(?: (?:needed|required|necessary))?|nothing (?:further|pending|outstanding)"
    r"|no further steps?)\b(?!\s+(?:for|today|until|at|on|by)\b)",
    guarded=True,
)


def check_note(text: str = "", fields: Mapping | None = None) -> NoteVerdict:
    """Check a status note and return its verdict, missing elements and found spans.

    The free text may come as text or as fields["text"], not both. Other field keys
    must be those in FIELD_ELEMENTS, and an empty value counts as absent.
    """
    fields = dict(fields or {})
    note_text = _note_text(text, fields)

    found = _scan_text(note_text)
    found.extend(_field_elements(fields))

    present = {item.element for item in found}
    closed = "closed" in present and "pending" not in present
    missing = _missing_elements(present, closed)
    required_missing = any(item.required for item in missing)
    verdict = VAGUE if required_missing else ACTIONABLE
    return NoteVerdict(verdict=verdict, missing=missing, found=found, text=note_text)


def _note_text(text: str, fields: dict) -> str:
    if not isinstance(text, str):
        raise TypeError(f"Note text must be a string, not {type(text).__name__}")
    unknown = sorted(set(fields) - set(FIELD_ELEMENTS) - {TEXT_FIELD})
    if unknown:
        allowed = ", ".join(sorted([*FIELD_ELEMENTS, TEXT_FIELD]))
        raise ValueError(f"Unknown note field {unknown[0]!r}. Use one of: {allowed}")

    field_text = fields.get(TEXT_FIELD) or ""
    if text and field_text and field_text != text:
        raise ValueError("Note text given twice: pass it as text or as fields['text']")
    return text or str(field_text)


def _field_elements(fields: dict) -> list[FoundElement]:
    found = []
    for name, element in FIELD_ELEMENTS.items():
        value = fields.get(name)
        if value is None or not str(value).strip():
            continue
        found.append(FoundElement(element, str(value), None, None, f"field:{name}"))
    return found


def _missing_elements(present: set[str], closed: bool) -> list[MissingElement]:
    missing = []
    for requirement in REQUIREMENTS:
        if closed and requirement.waived_when_closed:
            continue
        if present.isdisjoint(requirement.satisfied_by):
            missing.append(
                MissingElement(
                    requirement.id, requirement.message, requirement.required
                )
            )
    return missing


class _Breaks:
    """Clause and sentence start positions of one note, to find a match's context."""

    def __init__(self, text: str):
        self.text = text
        self.clauses = [0] + [m.end() for m in _CLAUSE_BREAK_RE.finditer(text)]
        self.sentences = [0] + [m.end() for m in _SENTENCE_BREAK_RE.finditer(text)]

    def clause_start(self, position: int) -> int:
        return self.clauses[bisect.bisect_right(self.clauses, position) - 1]

    def sentence_start(self, position: int) -> int:
        return self.sentences[bisect.bisect_right(self.sentences, position) - 1]


def _scan_text(text: str) -> list[FoundElement]:
    if not text.strip():
        return []
    lower = text.translate(_ASCII_LOWER)
    breaks = _Breaks(lower)

    found = _times(text, lower, breaks)
    found += _simple(text, lower, _CHANNEL_RE, "channel")
    found += _simple(text, lower, _ORG_RE, "contact_org")
    found += _simple(text, text, _NAMED_ORG_RE, "contact_org")
    found += _people(text, lower)
    found += _recipients(text, lower, breaks)
    found += _simple(text, lower, _REFERENCE_RE, "reference")
    found += _documents(text, lower, breaks)
    found += _simple(text, lower, _PURPOSE_RE, "purpose")
    found += _simple(text, lower, _COMMITMENT_RE, "commitment")
    found += _simple(text, text, _NAMED_COMMITMENT_RE, "commitment")
    found += _next_steps(text, lower, breaks)
    found += _owners(text, lower)
    found += _simple(text, lower, _CLOSED_RE, "closed")

    # Overlapping triggers can find the same span twice ("spoke with Dana").
    return list(dict.fromkeys(found))


def _span(element: str, text: str, start: int, end: int) -> FoundElement:
    return FoundElement(element, text[start:end], start, end)


def _group_name(match: re.Match[str]) -> str:
    # Every alternative of _STATUS_RE, _DOCUMENT_VERB_RE and _VERB_AFTER_RE is a named
    # group, so their matches always name one.
    if match.lastgroup is None:
        raise ValueError(f"pattern {match.re.pattern!r} matched no named group")
    return match.lastgroup


def _simple(
    text: str, source: str, pattern: re.Pattern[str], element: str
) -> list[FoundElement]:
    # source is the text or its lowercased copy, whichever the pattern expects.
    matches = pattern.finditer(source)
    return [_span(element, text, m.start(), m.end()) for m in matches]


def _times(text: str, lower: str, breaks: _Breaks) -> list[FoundElement]:
    found = []
    for m in _TIME_RE.finditer(lower):
        prefix = lower[breaks.clause_start(m.start()) : m.start()]
        ahead = (
            m.lastgroup == "relative"
            or _DEADLINE_BEFORE_RE.search(prefix) is not None
            or _FUTURE_CUE_RE.search(prefix) is not None
            or _NEXT_STEP_RE.search(prefix) is not None
        )
        element = "follow_up" if ahead else "contact_time"
        found.append(_span(element, text, m.start(), m.end()))
    return found


def _people(text: str, lower: str) -> list[FoundElement]:
    found = []
    for trigger, lowercase_ok in (
        (_PERSON_STRONG_RE, True),
        (_PERSON_WEAK_RE, False),
    ):
        for m in trigger.finditer(lower):
            name = _name_at(text, m.end(), lowercase_ok)
            if name is not None:
                found.append(_span("contact_person", text, *name))

    for m in _PERSON_AFTER_RE.finditer(text):
        if m.group("name").lower() not in _NOT_NAMES:
            found.append(_span("contact_person", text, *m.span("name")))
    for m in _PATIENT_RE.finditer(lower):
        group = "patient" if m.group("patient") else "subject"
        found.append(_span("contact_person", text, *m.span(group)))
    return found


def _recipients(text: str, lower: str, breaks: _Breaks) -> list[FoundElement]:
    # A single capitalized word may be a person or an organisation ("to Acme"). Like a
    # name after "with" or "from", it is reported as contact_person.
    found = []
    for m in _TO_RE.finditer(lower):
        clause_start = breaks.clause_start(m.start())
        verbs = list(_RECIPIENT_VERB_RE.finditer(lower, clause_start, m.start()))
        if not verbs or verbs[-1].lastgroup != "send":
            continue
        name = _name_at(text, m.end(), lowercase_ok=False)
        if name is not None:
            found.append(_span("contact_person", text, *name))
    return found


def _name_at(text: str, position: int, lowercase_ok: bool) -> tuple[int, int] | None:
    m = _NAME_AHEAD_RE.match(text, position)
    if m is None:
        return None
    words = m.group("name").replace(".", " ").split()
    if words[0].lower() in ("dr", "doctor") and len(words) > 1:
        words = words[1:]
    first = words[0]
    if first.lower() in _NOT_NAMES:
        return None
    if not lowercase_ok and not first[0].isupper():
        return None
    if _ORG_SUFFIX_AHEAD_RE.match(text, m.end()):
        return None
    return m.span("name")


def _documents(text: str, lower: str, breaks: _Breaks) -> list[FoundElement]:
    verbs = [
        (m.start(), m.end(), _group_name(m)) for m in _DOCUMENT_VERB_RE.finditer(lower)
    ]
    verb_ends = [end for _, end, _ in verbs]

    found = []
    for m in _DOCUMENT_RE.finditer(lower):
        kind = _document_kind(lower, m, breaks, verbs, verb_ends)
        found.append(_span(kind, text, m.start(), m.end()))
    for m in _STATUS_RE.finditer(lower):
        found.append(_span(_group_name(m), text, m.start(), m.end()))
    return found


def _document_kind(lower, match, breaks, verbs, verb_ends) -> str:
    # A decision such as "auth approved" is news received from the payer.
    if _DECISION_RE.search(match.group()):
        return "received"

    # The nearest verb before the document in the same sentence sets its kind.
    index = bisect.bisect_right(verb_ends, match.start()) - 1
    if index >= 0 and verbs[index][0] >= breaks.sentence_start(match.start()):
        return verbs[index][2]

    # A verb straight after ("signed order received") is the next best evidence.
    after = _VERB_AFTER_RE.match(lower, match.end())
    if after is not None:
        return _group_name(after)
    return "requested"


def _next_steps(text: str, lower: str, breaks: _Breaks) -> list[FoundElement]:
    found = []
    for m in _NEXT_STEP_RE.finditer(lower):
        start, end = _trimmed(m)
        clause_start = breaks.clause_start(start)

        # "called the office to follow up on the auth" states why we called.
        prefix = lower[clause_start:start]
        if _PURPOSE_TO_RE.search(prefix) and _PAST_CONTACT_RE.search(prefix):
            continue
        if _third_party_before(text, lower, clause_start, start):
            continue
        found.append(_span("next_step", text, start, end))
    return found


def _third_party_before(text: str, lower: str, start: int, end: int) -> bool:
    for m in _THIRD_PARTY_RE.finditer(lower, start, end):
        subject = text[m.start("subject") : m.end("subject")]
        if subject.lower() in _THIRD_PARTY_WORDS:
            return True
        if subject[0].isupper() and subject.lower() not in _NOT_NAMES:
            return True
    return False


def _owners(text: str, lower: str) -> list[FoundElement]:
    found = [_span("owner", text, *_trimmed(m)) for m in _OWNER_RE.finditer(lower)]
    for m in _NAMED_OWNER_RE.finditer(text):
        found.append(_span("owner", text, *_trimmed(m)))
    return found


def _trimmed(match: re.Match[str]) -> tuple[int, int]:
    # Some patterns start at the separator before a clause; the span leaves it out.
    matched = match.group()
    stripped = matched.strip(" .;,\n—–-()")
    if not stripped:
        return match.span()
    start = match.start() + matched.find(stripped)
    return start, start + len(stripped)
