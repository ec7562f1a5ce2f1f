"""Find statements in free text that are outside a front-office administrator's scope.

Administrators may explain the process and route questions, but they must not promise
coverage, payment or price, give coding advice or give clinical advice. `check_scope`
reads a note, message or script sentence by sentence and returns at most one `Finding`
per category and sentence, each naming the rule that fired and a scope-safe rewrite.

The rules are regular expressions and literal phrases, compiled once at import, so every
finding can be explained by its rule id. A match is dropped when the writer is not the
one making the statement. That covers text inside quotation marks, speech reported from
someone else, questions, conditions ("if", "whether") and negated promises ("I can't
promise"). Coding and clinical matches are also dropped when a coder, biller or
provider makes the decision.
"""

import logging
import re
from dataclasses import dataclass

from .model import load_model

logger = logging.getLogger(__name__)

COVERAGE_PROMISE = "coverage_promise"
PRICE_PROMISE = "price_promise"
CODING_ADVICE = "coding_advice"
CLINICAL_ADVICE = "clinical_advice"
CATEGORIES = (COVERAGE_PROMISE, PRICE_PROMISE, CODING_ADVICE, CLINICAL_ADVICE)
CATEGORY_LABELS = {
    COVERAGE_PROMISE: "Coverage promise",
    PRICE_PROMISE: "Price promise",
    CODING_ADVICE: "Coding advice",
    CLINICAL_ADVICE: "Clinical advice",
}

REWRITES = {
    COVERAGE_PROMISE: (
        "Your plan decides what it covers; we will check your benefits and tell you "
        "what the plan reports before the visit."
    ),
    PRICE_PROMISE: (
        "We can't tell you the final amount yet; we can give you an estimate based on "
        "what your plan reports, and the claim decides what you owe."
    ),
    CODING_ADVICE: (
        "Choosing or changing a code is a decision for our coding staff; I will send "
        "them the question with the documentation attached."
    ),
    CLINICAL_ADVICE: (
        "I can't give medical advice; I will send your question to the provider's "
        "team today, and if this is an emergency, please call 911."
    ),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A statement outside an administrator's scope, with the rule that found it."""

    category: str
    phrase: str
    start: int
    end: int
    rule: str
    rewrite: str
    # For a model finding, the words that weighed most toward the category.
    evidence: tuple[str, ...] = ()


# Building blocks that rule patterns name as <NAME>. make_rule substitutes them.
BLOCKS = {
    "PAYER": (
        r"(?:(?:your|the|their|his|her|my)\s+)?(?:(?:primary|secondary)\s+)?"
        r"(?:(?:insurance|insurer|plan|payer|policy|carrier|medicare|medicaid|tricare"
        r"|aetna|cigna|humana|united(?:\s*healthcare)?|uhc|blue\s+(?:cross|shield)"
        r"|bcbs|anthem|kaiser|molina|wellcare|ambetter)(?:\s+company)?"
        r"|(?<=your\s)(?:primary|secondary))"
    ),
    "ADVERBS": r"(?:(?:\w+ly|100%|all|also|still|always|just|even)\s+)*",
    # CPT Category I, II and III, PLA and HCPCS Level II code numbers, and ICD-10-CM
    # diagnosis codes written with their dot, since changing a diagnosis code is coding.
    "CODE": r"(?:\d{4}[0-9FTUMA]|[A-V]\d{4}|[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})\b",
    # Two-character modifiers as staff type them: CPT numeric and common HCPCS ones.
    "MODIFIER": (
        r"(?:\d{2}|LT|RT|TC|GA|GY|GZ|GT|GQ|KX|XE|XS|XP|XU|QW|PT|FY|JW|JZ|CR|CS|QK"
        r"|QX|QZ|AS|SA|SB|E[1-4]|F[1-9A]|T[1-9A])\b"
    ),
    # HCPCS modifiers made of letters only, which cannot be mistaken for a unit count.
    "LETTER_MODIFIER": (
        r"(?:LT|RT|TC|GA|GY|GZ|GT|GQ|KX|XE|XS|XP|XU|QW|PT|FY|JW|JZ|CR|CS)\b"
    ),
    "MEDICATION": (
        r"(?:ibuprofen|advil|motrin|aleve|naproxen|tylenol|acetaminophen|aspirin"
        r"|antihistamines?|benadryl|claritin|zyrtec|antibiotics?|prednisone"
        r"|metformin|insulin|statins?|lisinopril|warfarin|eliquis|xarelto"
        r"|blood\s+thinners?|vitamin\s+\w+|medications?|meds|medicine|pills?|doses?"
        r"|tablets?|inhaler|\d+\s*(?:mg|milligrams))\b"
    ),
    "SERVICE": (
        r"(?:mri|ct|scan|x-?ray|ultrasound|tests?|surgery|procedure|biopsy"
        r"|colonoscopy|mammogram|blood\s*work|labs|lab\s+work|injection|shot|vaccine"
        r"|stitches|antibiotics|physical\s+therapy|follow-up|echo|ekg|ecg"
        r"|endoscopy)\b"
    ),
    "SYMPTOM": (
        r"(?:swelling|pain|rash|mole|lump|bruis\w*|bleeding|fever|cough|headache"
        r"|dizziness|nausea|symptoms?|bump|spot|redness|itching|soreness|numbness"
        r"|side\s+effects?)\b"
    ),
    "CONDITION": (
        r"(?:infection|virus|cold|flu|sprain|strain|migraine|allerg(?:y|ies)|rash"
        r"|uti|fracture|concussion|bruise|\w+itis)\b"
    ),
}

# Literal phrases per category, matched as whole words: (rule id, phrases).
PHRASES = {
    COVERAGE_PROMISE: [
        ("coverage.in_full", ["covered in full", "covered 100%", "covered at 100%"]),
        ("coverage.guaranteed", ["coverage is guaranteed", "guaranteed coverage"]),
    ],
    PRICE_PROMISE: [
        ("price.nothing_out_of_pocket", ["nothing out of pocket", "no out-of-pocket"]),
    ],
    CODING_ADVICE: [
        ("coding.upcode", ["upcode", "downcode", "unbundle"]),
    ],
    CLINICAL_ADVICE: [
        (
            "clinical.reassurance",
            ["nothing serious", "not serious", "not an emergency"],
        ),
    ],
}

# Patterns per category: (rule id, keywords, pattern). The pattern can only match where
# one of the "|"-separated keywords occurs in the lowercased sentence, so a cheap
# keyword search skips most patterns for most sentences.
# NOTE: the lists catch only the wordings they name. A promise phrased another way
# ("the plan is paying for it") passes, which is why held-out recall is below precision.
PATTERNS = {
    COVERAGE_PROMISE: [
        # "will be covered", "it'll get approved", "should be fully covered"
        (
            "coverage.will_be_covered",
            "cover|paid|approv|overturn",
            r"\b(?:will|'ll|would|should|shall|(?:is|are)\s+going\s+to)\s+<ADVERBS>"
            r"(?:be|get)\s+<ADVERBS>(?:covered|paid\s+for|approved|paid\s+in\s+full"
            r"|overturned|paid(?!\s+(?:at|by\s+you|before|when|up\s*front)\b))\b",
        ),
        # "it's covered", "you're covered", "that's always covered"
        (
            "coverage.is_covered",
            "covered",
            r"(?:\b(?:is|are|am)\s+|'s\s+|'re\s+)<ADVERBS>covered\b",
        ),
        (
            "coverage.fully_covered",
            "covered",
            r"\b(?:fully|completely|totally|100%)\s+covered\b",
        ),
        (
            "coverage.has_you_covered",
            "covered",
            r"\b(?:has|have|'s\s+got|'ve\s+got|got)\s+(?:you|it|this|that)\s+covered\b",
        ),
        # "Medicare pays for that", "your insurance should take care of everything"
        (
            "coverage.payer_pays",
            "cover|pay|care of|pick|reimburse|handle|approve|include",
            r"\b<PAYER>\s+(?:(?:will|'ll|would|should|does|is\s+going\s+to)\s+)?"
            r"<ADVERBS>(?:covers?|pays?\s+for|pays?\s+(?:it|this|that|the\s+(?:rest"
            r"|bill|balance|whole))|takes?\s+care\s+of|picks?\s+up|reimburses?"
            r"|handles?\s+(?:it|this|that|the\s+rest|everything|all)|approves?\b"
            r"|includes?\s+(?:the|your|this|that|these|those)\b)",
        ),
        # "your plan will absolutely pay", "they'll cover it"
        (
            "coverage.payer_will",
            "pay|cover|approve|reimburse",
            r"(?:\b<PAYER>\s+|\bthey\s*)(?:will|'ll|would|(?:is|are)\s+going\s+to)\s+"
            r"<ADVERBS>(?:pay|cover|approve|reimburse)\b",
        ),
        (
            "coverage.not_denied",
            "denied",
            r"\b(?:won't|wont|will\s+not|will\s+never|never)\s+(?:be|get)\s+denied\b",
        ),
        (
            "coverage.guaranteed_covered",
            "guaranteed",
            r"\bguaranteed\s+(?:to\s+be\s+)?(?:covered|approved|paid)\b",
        ),
        # "that's a covered benefit", "it falls under your preventive benefits"
        (
            "coverage.covered_benefit",
            "covered|falls under|fall under",
            r"\b(?:an?|the)\s+covered\s+(?:benefit|service|procedure|test|visit)\b"
            r"|\bfalls?\s+under\s+(?:your|the)\s+(?:\w+\s+)?(?:benefits?|plan"
            r"|coverage)\b",
        ),
        # "the prior auth will go through", but not "the call will go through"
        (
            "coverage.will_go_through",
            "through",
            r"\b(?:auth(?:orization)?|claim|appeal|request|referral)\s+(?:will|'ll"
            r"|should|(?:is|are)\s+going\s+to)\s+<ADVERBS>go\s+through\b",
        ),
        (
            "coverage.you_have_coverage",
            "coverage",
            r"\byou(?:'ve|\s+have|\s+do\s+have)\s+(?:\w+\s+)?coverage\s+for\b",
        ),
        # "UHC never denies these"
        (
            "coverage.payer_never_denies",
            "deny|denies|down",
            r"(?:\b<PAYER>\s+|\bthey\s+)(?:never|won't|will\s+not|don't|do\s+not"
            r"|doesn't|does\s+not)\s+(?:ever\s+)?(?:den(?:y|ies)\b|turns?\s+"
            r"(?:it|this|that|these|those|them)\s+down\b)",
        ),
        # "the plan is paying for it", "Medicare is handling the bill"
        (
            "coverage.payer_is_paying",
            "paying|covering|handling|picking|taking care",
            r"\b<PAYER>\s+(?:is|are|'s)\s+<ADVERBS>(?:paying\s+for|covering"
            r"|handling\s+(?:it|this|that|the\s+bill|everything)|picking\s+up"
            r"|taking\s+care\s+of)\b",
        ),
        # An approval reported as the end of the matter: "Aetna approved it, so
        # you're all set". A bare "Aetna approved the request" is a status report.
        (
            "coverage.approved_so_set",
            "approved|signed off",
            r"\b(?:approved|signed\s+off\s+on)\s+(?:it|this|that)\b[^.]*?\byou(?:'re"
            r"|\s+are)\s+(?:all\s+set|good|fine|covered)\b"
            r"|\byou(?:'re|\s+are)\s+(?:all\s+set|good(?:\s+to\s+go)?)\s*,\s*"
            r"<PAYER>\s+(?:approved|signed\s+off)\b",
        ),
        # Telling a patient to proceed without the referral or authorization the
        # plan may require promises that the plan will pay anyway.
        (
            "coverage.proceed_without_auth",
            "without",
            r"\b(?:go\s+ahead|schedule|book|proceed)\s+without\s+(?:the\s+|a\s+|an\s+)?"
            r"(?:prior\s+)?(?:referral|auth\w*|pre-?auth\w*|approval)\b",
        ),
        (
            "coverage.no_issue",
            "issue|problem|trouble",
            r"\b(?:won't|will\s+not|shouldn't|should\s+not)\s+be\s+(?:any|an?)\s+"
            r"(?:issues?|problems?|trouble)\s+(?:with|getting)\s+(?:the\s+|your\s+)?"
            r"(?:coverage|approval|authorization|auth|claim)\b",
        ),
    ],
    PRICE_PROMISE: [
        # "you won't owe anything", "you don't have to pay a cent"
        (
            "price.owe_nothing",
            "owe|pay",
            r"\byou\s+(?:won't|wont|will\s+not|don't|do\s+not|shouldn't|should\s+not"
            r"|will\s+never|'ll\s+never|never)\s+(?:have\s+to\s+|need\s+to\s+)?"
            r"(?:owe|pay)\s+(?:anything|a\s+thing|a\s+cent|a\s+dime|a\s+penny|nothing"
            r"|more\s+than|any\s+more|extra|out\s+of\s+pocket)",
        ),
        # "you'll only pay your $20 copay", "you'll only have to pay the copay"
        (
            "price.you_will_pay",
            "owe|pay|cover|responsible|out",
            r"\byou(?:'ll|\s+will|\s+would|'d)\s+<ADVERBS>(?:have\s+to\s+"
            r"|need\s+to\s+)?(?:owe|pay|cover|be\s+responsible\s+for|be\s+out)\s+"
            r"<ADVERBS>(?:about\s+|around\s+|roughly\s+)?(?:nothing|zero"
            r"|\$\s?\d|your\s+(?:\$\s?\d+\s+)?co-?pay|the\s+co-?pay)",
        ),
        (
            "price.will_cost",
            "cost",
            r"\b(?:will|'ll|would|should|is\s+going\s+to)\s+(?:only\s+|just\s+"
            r"|probably\s+)?cost\s+(?:you\s+)?(?:only\s+|just\s+|about\s+|around\s+"
            r"|roughly\s+|less\s+than\s+|under\s+|no\s+more\s+than\s+)?"
            r"(?:nothing|zero|\$\s?\d)",
        ),
        (
            "price.wont_cost",
            "cost",
            r"\b(?:won't|wont|will\s+not|doesn't|does\s+not|shouldn't)\s+cost\s+"
            r"(?:you\s+)?(?:a\s+dime|a\s+cent|a\s+penny|a\s+thing|anything"
            r"|more\s+than|extra)",
        ),
        # "it'll be around $100", "it costs $75"
        (
            "price.amount_stated",
            "$",
            r"\b(?:it|this|that|the\s+[\w-]+)(?:'ll|\s+will|\s+would|\s+is\s+going"
            r"\s+to)\s+be\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+"
            r"|approximately\s+|under\s+|less\s+than\s+)?\$\s?\d"
            r"|\b(?:it|this|that|the\s+[\w-]+)\s+costs\s+(?:only\s+|just\s+"
            r"|about\s+|around\s+)?\$\s?\d",
        ),
        # "it's usually free" but not "feel free to call", which has no verb before it
        (
            "price.is_free",
            "free",
            r"(?:\b(?:is|are|will\s+be|would\s+be|should\s+be)\s+|'s\s+|'re\s+)"
            r"<ADVERBS>free\b(?!\s+to\b)",
        ),
        (
            "price.no_cost_to_you",
            "cost|charge|pay|coinsurance|bill|balance",
            r"\b(?:no|zero)\s+(?:cost|charge|co-?pay|coinsurance|bill|balance)\s+"
            r"(?:to|for)\s+you\b",
        ),
        (
            "price.there_is_no_cost",
            "there",
            r"\bthere(?:'s|\s+is|\s+will\s+be|'ll\s+be|\s+would\s+be)\s+no\s+"
            r"(?:cost|charge|co-?pay|coinsurance|bill|balance|fee)\b",
        ),
        # "your copay will be $35", "the total will be $210"
        (
            "price.amount_will_be",
            "pay|cost|share|balance|bill|total|price|pocket|coinsurance|portion",
            r"\b(?:your|the)\s+(?:co-?pay|cost|share|balance|bill|total|price"
            r"|out-of-pocket(?:\s+cost)?|coinsurance|portion)\s+(?:(?:will|'ll|would"
            r"|should|is\s+going\s+to)\s+(?:only\s+|just\s+)?be|is)\s+"
            r"(?:only\s+|just\s+"
            r"|about\s+|around\s+|roughly\s+|less\s+than\s+|under\s+)?"
            r"(?:\$\s?\d|zero|nothing|free)",
        ),
        (
            "price.amount_is",
            "$",
            r"(?:\b(?:is|are|will\s+be)\s+|'s\s+|'ll\s+be\s+)<ADVERBS>(?:(?:about"
            r"|around|roughly|approximately|only|just|under|less\s+than)\s+)?\$\s?\d",
        ),
        (
            "price.no_bill",
            "bill|charge|balance",
            r"\b(?:won't|wont|will\s+not|don't|do\s+not|will\s+never|never)\s+"
            r"(?:get|receive|see)\s+a\s+bill\b"
            r"|\b(?:won't|wont|will\s+not)\s+(?:be|get)\s+(?:billed|charged)\b"
            r"|\bthere\s+(?:won't|wont|will\s+not|shouldn't|should\s+not)\s+be\s+"
            r"(?:a|any)\s+(?:bill|charge|balance)\b"
            r"|\byou\s+(?:won't|wont|will\s+not|shouldn't|should\s+not)\s+(?:have"
            r"|get|see)\s+(?:a|any)\s+(?:bill|charge|balance)\b"
            r"|\bwe\s+(?:won't|wont|will\s+not|don't|do\s+not|will\s+never)\s+"
            r"(?:bill|charge)\s+you\b",
        ),
        # "most patients pay around $40", "people usually end up owing nothing"
        (
            "price.typical_patient_pays",
            "patients|people|folks",
            r"\b(?:patients|people|folks)\s+(?:usually\s+|typically\s+|generally\s+"
            r"|normally\s+)?(?:end\s+up\s+)?(?:pay|owe|paying|owing)\s+(?:about\s+"
            r"|around\s+|roughly\s+|only\s+|just\s+)?(?:\$\s?\d|nothing|zero)",
        ),
        # "don't worry about the bill, it's taken care of"
        (
            "price.bill_handled",
            "taken care|handled",
            r"\b(?:bill|balance|cost)\b[^.]*?(?:\bis|'s|\bhas\s+been|\bwas)\s+"
            r"(?:already\s+|all\s+)?(?:taken\s+care\s+of|handled)\b",
        ),
        (
            "price.not_responsible",
            "responsib",
            r"\byou\s+(?:won't|wont|will\s+not|aren't|are\s+not|wouldn't|would\s+not"
            r"|shouldn't|should\s+not)\s+be\s+(?:held\s+)?responsible\b"
            r"|\bno\s+patient\s+responsibility\b",
        ),
        # The office forgiving a balance is a price promise too.
        (
            "price.write_off",
            "waive|write|forgive|zero",
            r"\b(?:we|i)(?:'ll|\s+will|\s+can|\s+could|'d|\s+would)?\s+(?:just\s+)?"
            r"(?:waive|write\s+off|forgive|zero\s+out)\b"
            r"|\bwrite\s+(?:it|that|the\s+balance)\s+off\b",
        ),
        # "it will run you about $120", "the procedure comes out to around $600"
        (
            "price.runs_amount",
            "run|comes|come",
            r"\b(?:runs?|will\s+run|'ll\s+run|(?:is|are)\s+going\s+to\s+run"
            r"|comes?\s+(?:out\s+)?to|will\s+come\s+(?:out\s+)?to)\s+(?:you\s+)?"
            r"<ADVERBS>(?:about\s+|around\s+|roughly\s+|under\s+)?(?:\$\s?\d"
            r"|nothing|zero)",
        ),
        (
            "price.looking_at",
            "looking at",
            r"\byou(?:'re|\s+are)\s+looking\s+at\s+(?:about\s+|around\s+"
            r"|roughly\s+)?\$\s?\d",
        ),
        (
            "price.plan_on_paying",
            "plan on|expect to|count on",
            r"\b(?:plan\s+on|expect\s+to|count\s+on)\s+(?:paying|pay|owing|owe)\b",
        ),
        (
            "price.costs_nothing",
            "cost",
            r"\bcosts\s+(?:you\s+)?(?:nothing|zero|\$\s?0\b)",
        ),
        (
            "price.most_you_owe",
            "most you",
            r"\bthe\s+most\s+you(?:'ll|\s+will|\s+would|'d)?\s+(?:owe|pay)\b",
        ),
        (
            "price.you_owe_nothing",
            "owe|pay",
            r"\byou\s+(?:owe|pay)\s+(?:nothing|zero|\$\s?0\b)",
        ),
        (
            "price.cost_sharing_waived",
            "apply",
            r"\b(?:deductible|co-?pay|coinsurance)\s+(?:won't|wont|will\s+not"
            r"|doesn't|does\s+not|shouldn't|should\s+not)\s+apply\b",
        ),
    ],
    CODING_ADVICE: [
        # "bill it as 99214", "code the visit with G0463", "just code it 99214"
        (
            "coding.bill_as",
            "bill|code|submit|report|file|send",
            r"\b(?:bill|code|submit|report|file|rebill|resubmit|recode|send)\s+"
            r"(?:it|this|that|them|these|those|the\s+[\w/-]+(?:\s+[\w/-]+)?)\s+"
            r"(?:(?:as|under|with)\s+(?:an?\s+|code\s+|the\s+)?(?:<CODE>|level\b"
            r"|new\b|established\b|preventive\b|consult|modifier\b|mod\b)"
            r"|with\s+(?:an?\s+)?-?<MODIFIER>|<CODE>)",
        ),
        (
            "coding.bill_code_with_modifier",
            "bill|submit",
            r"\b(?:bill|rebill|submit)\s+<CODE>\s+with\b",
        ),
        (
            "coding.should_be_billed_as",
            "billed|coded|submitted|reported",
            r"\b(?:should|needs?\s+to|has\s+to|have\s+to|must|ought\s+to)\s+be\s+"
            r"(?:billed|coded|submitted|reported|rebilled)\s+(?:(?:as|under|with)\b"
            r"|<CODE>)",
        ),
        # "add modifier 59", "put an RT modifier on", "just put 25 on it"
        (
            "coding.add_modifier",
            "add|append|attach|put|slap|stick|tack|include|use|throw",
            r"\b(?:add|append|attach|put|slap|stick|tack\s+on|include|use|throw)\s+"
            r"(?:(?:an?|the)\s+)?(?:(?:modifier|mod)\b(?:\s+-?<MODIFIER>)?"
            r"|-?<MODIFIER>\s*(?:modifier|mod)\b|-?<MODIFIER>\s*(?:on|to|onto)\b)",
        ),
        (
            "coding.remove_modifier",
            "remove|drop|delete|strip|take",
            r"\b(?:remove|drop|delete|strip)\s+(?:(?:the|a)\s+)?"
            r"(?:(?:modifier|mod)\b|-?<MODIFIER>)"
            r"|\btake\s+(?:(?:the|a)\s+)?(?:(?:modifier|mod)\s+)?-?<MODIFIER>"
            r"(?:\s+(?:modifier|mod))?\s+off\b",
        ),
        (
            "coding.change_code",
            "code|level|bump",
            r"\b(?:change|switch|swap|correct|fix|update|flip|move)\s+(?:(?:the|this"
            r"|that|your)\s+)?(?:(?:cpt|hcpcs|procedure|billing|diagnosis|dx|icd"
            r"|icd-10|e/m)\s+)?(?:code|codes|level)\s+(?:to|from|over\s+to)\b"
            r"|\breplace\s+(?:the\s+)?(?:\w+\s+)?code\s+with\b"
            r"|\bbump\s+(?:it|this|that|the\s+visit)\s+(?:up\s+|down\s+)?to\b",
        ),
        # "make it a 99215", "change 99213 to 99214"
        (
            "coding.code_to_code",
            "make|change|switch|swap|flip",
            r"\bmake\s+(?:it|this|that|the\s+(?:visit|claim|line))\s+(?:an?\s+)?"
            r"(?:<CODE>|level\s+\d)"
            r"|\b(?:change|switch|swap|flip)\s+(?:the\s+|an?\s+)?<CODE>\s+(?:to|for"
            r"|with)\s+(?:an?\s+)?<CODE>",
        ),
        (
            "coding.use_code",
            "use|try|go with|pick|choose|select|enter|put down",
            r"\b(?:use|try|go\s+with|pick|choose|select|enter|put\s+down)\s+"
            r"(?:(?:code|cpt|hcpcs)\s+)?<CODE>",
        ),
        (
            "coding.correct_code_is",
            "code|want|need|correct|right|proper|better|appropriate",
            r"\bthe\s+(?:correct|right|proper|better|best|appropriate)\s+(?:(?:cpt|hcpcs)"
            r"\s+)?code\s+(?:for\s+(?:\w+\s+){1,4}?)?(?:is|would\s+be|should\s+be)\b"
            r"|\bthe\s+(?:(?:cpt|hcpcs|diagnosis|dx|icd-10)\s+)?code\s+(?:for\s+"
            r"(?:\w+\s+){1,4}?)?(?:is|would\s+be|should\s+be)\s+<CODE>"
            r"|\byou\s+(?:want|need)\s+(?:to\s+use\s+)?(?:code\s+)?<CODE>"
            r"|<CODE>\s+(?:is|would\s+be)\s+(?:the\s+)?(?:correct|right|proper|better"
            r"|appropriate)\b",
        ),
        # "put it through as 99214", "run it as a 93000"
        (
            "coding.run_as_code",
            "put|run|push|process|send",
            r"\b(?:put|run|push|process|send)\s+(?:it|this|that|them|the\s+\w+)\s+"
            r"(?:through\s+|out\s+)?as\s+(?:an?\s+)?<CODE>",
        ),
        # "bill the level 4", "code it at the higher level"
        (
            "coding.bill_level",
            "bill|code|submit|charge",
            r"\b(?:bill|code|submit|rebill|charge)\s+"
            r"(?:(?:it|this|that)\s+(?:at|as)\s+)?"
            r"(?:the\s+|a\s+|an\s+)?(?:(?:higher|lower|highest|lowest)\s+level"
            r"|level\s+\d)\b",
        ),
        # "downgrade it to a 99212"
        (
            "coding.move_to_code",
            "grade|drop|bump|lower|raise|move|switch|change",
            r"\b(?:downgrade|upgrade|drop|bump|lower|raise|move|switch|change)\s+"
            r"(?:it|this|that|the\s+(?:visit|claim|line|code|level))\s+(?:up\s+"
            r"|down\s+)?to\s+(?:an?\s+)?(?:<CODE>|level\s+\d)",
        ),
        # "rebill with the XS modifier", "rebill with RT"
        (
            "coding.rebill_with_modifier",
            "bill|submit|send",
            r"\b(?:rebill|resubmit|bill|submit|send\s+it)\s+(?:it\s+)?(?:again\s+)?"
            r"with\s+(?:the\s+|an?\s+)?(?:(?:modifier|mod)\s+-?<MODIFIER>"
            r"|-?<MODIFIER>\s*(?:modifier|mod)\b|<LETTER_MODIFIER>)",
        ),
        # "the claim should go out with 99215", "it needs modifier 59 on line 3"
        (
            "coding.needs_code",
            "need|go out|should have|must have|has to have",
            r"\b(?:needs?|should\s+(?:have|go\s+out\s+with|get)|has\s+to\s+have"
            r"|must\s+have)\s+(?:an?\s+|the\s+)?(?:(?:modifier|mod)\s+-?<MODIFIER>"
            r"|-?<MODIFIER>\s*(?:modifier|mod)\b|<CODE>)",
        ),
        # "use the G code instead of the CPT code"
        (
            "coding.use_kind_of_code",
            "code",
            r"\b(?:use|bill|pick|choose|select|go\s+with|switch\s+to)\s+the\s+"
            r"(?:[a-z]|cpt|hcpcs|other|higher|lower)\s+code\b",
        ),
    ],
    CLINICAL_ADVICE: [
        (
            "clinical.stop_taking",
            "taking|using",
            r"\b(?:stop|start|quit|resume|restart)\s+(?:taking|using)\b"
            r"|\b(?:keep|continue)\s+(?:taking|using)\b(?![^.]*\b(?:as\s+usual"
            r"|as\s+(?:you\s+)?normally|regular|usual|as\s+prescribed)\b)",
        ),
        # "skip your insulin", "double your dose", "cut the pill in half"
        (
            "clinical.change_dose",
            "skip|hold|stop|double|halve|cut|increase|decrease|lower|raise|reduce",
            r"\b(?:skip|hold|stop|double|halve|cut|increase|decrease|lower|raise"
            r"|reduce)\s+(?:(?:your|the|that|this|an?|one)\s+)?(?:\w+\s+)?<MEDICATION>",
        ),
        (
            "clinical.take_medication",
            "take|try",
            r"\b(?:take|try)\s+(?:(?:some|an?|two|one|another|\d+)\s+)?(?:extra\s+)?"
            r"<MEDICATION>",
        ),
        # "you don't need the MRI", "there's no need for the colonoscopy"
        (
            "clinical.test_not_needed",
            "need|skip|cancel|forget|forgo|postpone",
            r"\b(?:you|she|he|they)\s+(?:don't|do\s+not|doesn't|does\s+not|won't"
            r"|will\s+not|shouldn't|should\s+not)\s+(?:really\s+|even\s+)?need\s+"
            r"(?:to\s+(?:get|have|do)\s+)?(?:(?:the|that|this|an?|any)\s+)?"
            r"(?:\w+\s+)?<SERVICE>"
            r"|\bno\s+need\s+(?:for|to\s+get|to\s+have)\s+(?:(?:the|that|this|an?"
            r"|any)\s+)?(?:\w+\s+)?<SERVICE>"
            r"|\b(?:skip|cancel|forget|forgo|postpone)\s+(?:the|your|that)\s+"
            r"(?:\w+\s+)?<SERVICE>",
        ),
        # "you can wait on the MRI"
        (
            "clinical.test_can_wait",
            "wait|hold off|put off|skip|cancel|postpone|delay",
            r"\byou\s+(?:can|could|should|may)\s+(?:just\s+)?(?:wait\s+on|hold\s+off"
            r"(?:\s+on)?|put\s+off|skip|cancel|postpone|delay)\s+(?:(?:the|your"
            r"|that)\s+)?(?:\w+\s+)?<SERVICE>",
        ),
        (
            "clinical.not_needed_to_be_seen",
            "need",
            r"\byou\s+(?:don't|do\s+not|won't|will\s+not)\s+need\s+to\s+(?:be\s+seen"
            r"|come\s+in|see\s+(?:the|a)\s+doctor)\b",
        ),
        (
            "clinical.safe_to",
            "safe|fine|okay|ok|alright|all right",
            r"\b(?:it's|it\s+is|that's|that\s+is|it\s+should\s+be)\s+(?:\w+ly\s+)?"
            r"(?:safe|fine|okay|ok|alright|all\s+right)\s+to\s+(?:stop|skip|take|mix"
            r"|drink|eat|double|drive|exercise|keep|hold|cut)\b",
        ),
        # "that sounds like a sinus infection", "you probably just have the flu"
        (
            "clinical.diagnosis",
            "sounds|looks|seems|it's|it is|that's|that is|this is|have",
            r"\b(?:sounds|looks|seems)\s+like\s+(?:(?:just|an?|it's|you\s+have)\s+)+"
            r"(?:\w+\s+){0,2}?<CONDITION>"
            r"|\b(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:(?:probably"
            r"|likely|just|only)\s+)*(?:an?\s+)(?:\w+\s+)?<CONDITION>"
            r"|\byou\s+(?:(?:probably|likely|just|only|might|may)\s+)+have\s+"
            r"(?:(?:an?|the)\s+)?(?:\w+\s+)?<CONDITION>",
        ),
        (
            "clinical.home_care",
            "ice|elevate|rest|heat|cold pack|keep|drink",
            r"\b(?:ice|elevate|rest)\s+(?:it|(?:the|your)\s+\w+)\b(?!\s+of\b)"
            r"|\bput\s+(?:some\s+)?(?:ice|heat|a\s+heating\s+pad|a\s+cold\s+pack)"
            r"\s+on\b"
            r"|\bkeep\s+(?:it|(?:the|your)\s+\w+)\s+(?:elevated|iced|wrapped)\b"
            r"|\bdrink\s+(?:plenty\s+of|lots\s+of|more)\s+(?:fluids|water)\b"
            r"|\bget\s+(?:some|plenty\s+of|lots\s+of)\s+rest\b",
        ),
        # "a warm compress should help", "ibuprofen should help"
        (
            "clinical.remedy_helps",
            "help",
            r"\b(?:(?:warm|cold|ice|heating|hot)\s+(?:compress|pack|pad|bath|shower)"
            r"|<MEDICATION>)\s+(?:should|will|would|might|may|can)\s+help\b",
        ),
        # "don't worry about the swelling", "it's nothing to worry about"
        (
            "clinical.symptom_reassurance",
            "worry|serious|bad|concerning",
            r"\b(?:don't|do\s+not|wouldn't|would\s+not|no\s+need\s+to)\s+worry\s+"
            r"about\s+(?:the|that|this|your|it)\s+(?:\w+\s+)?<SYMPTOM>"
            r"|\b(?:it's|it\s+is|that's|that\s+is|(?:the|that|this|your)\s+<SYMPTOM>"
            r"\s+is)\s+(?:\w+ly\s+)?nothing\s+to\s+worry\s+about\b"
            r"|\b(?:doesn't|does\s+not|don't|do\s+not)\s+(?:sound|look|seem)\s+"
            r"(?:too\s+|very\s+|that\s+)?(?:serious|bad|concerning|worrying)\b",
        ),
        # "that's totally normal after the shot"
        (
            "clinical.normal_after",
            "normal|expected|common",
            r"\b(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+<ADVERBS>(?:normal"
            r"|expected|common)\s+(?:after|with)\s+(?:the|a|an|your)\s+(?:\w+\s+)?"
            r"<SERVICE>",
        ),
        # "you should be fine to drive after the procedure"
        (
            "clinical.fine_to_do",
            "fine|okay|ok|safe|able",
            r"\byou(?:'ll|\s+will|\s+should|\s+would)\s+be\s+(?:\w+ly\s+)?(?:fine"
            r"|okay|ok|safe|able)\s+to\s+(?:drive|work|eat|drink|exercise|shower|fly"
            r"|go\s+back|lift)\b",
        ),
        # "it will go away on its own"
        (
            "clinical.resolves_itself",
            "away|heal|clear|better|resolve",
            r"\b(?:will|'ll|should)\s+(?:\w+ly\s+)?(?:go\s+away|heal|clear\s+up"
            r"|get\s+better|resolve)\s+(?:on\s+its\s+own|by\s+itself|in\s+a\s+"
            r"(?:few|couple))\b",
        ),
        # "you don't have to fast for that test", "you can eat before the ultrasound"
        (
            "clinical.prep_changed",
            "fast|eat|drink|breakfast",
            r"\byou\s+(?:don't|do\s+not|won't|will\s+not)\s+(?:have|need)\s+to\s+"
            r"fast\b"
            r"|\b(?:eat|drink|have\s+breakfast|eat\s+breakfast)\s+"
            r"(?!normally\b|as\s+usual\b)(?:\w+\s+){0,2}?"
            r"(?:before|prior\s+to)\s+(?:the|your)\s+(?:\w+\s+)?<SERVICE>",
        ),
        # "some bruising is normal", "a little bleeding after the biopsy is expected"
        (
            "clinical.symptom_normal",
            "normal|expected",
            r"\b(?:some|a\s+little|a\s+bit\s+of|mild|minor)\s+(?:\w+\s+)?<SYMPTOM>"
            r"\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:totally\s+|perfectly\s+"
            r"|completely\s+)?(?:normal|expected)\b",
        ),
        # "the MRI isn't really necessary"
        (
            "clinical.service_unnecessary",
            "necessary|needed|required|worth",
            r"\b(?:the|that|this|your)\s+(?:\w+\s+)?<SERVICE>\s+(?:isn't|is\s+not"
            r"|won't\s+be|wouldn't\s+be)\s+<ADVERBS>(?:necessary|needed|required"
            r"|worth\s+it)\b",
        ),
        (
            "clinical.go_to_er",
            "go|head",
            r"\b(?:you\s+(?:should|need\s+to|must|have\s+to|'d\s+better|had\s+better)"
            r"|just)\s+(?:go|head)\s+(?:to|into)\s+(?:the\s+)?(?:er|emergency\s+room"
            r"|urgent\s+care|hospital)\b",
        ),
    ],
}

# Cues that show the writer is not making the statement that a rule matched. Each one is
# searched in the clause before the match, so "I can't promise it; but it's covered"
# still flags the second clause.
CLAUSE_BOUNDARY = re.compile(
    r"[;\u2013\u2014]|\s-\s|\b(?:but|however|although|though)\b", re.IGNORECASE
)
NEGATED_PROMISE = re.compile(
    r"\b(?:can't|cannot|can\s+not|won't|will\s+not|don't|do\s+not|doesn't|does\s+not"
    r"|never|unable\s+to|couldn't|could\s+not|wouldn't|would\s+not|isn't|not"
    r"|(?:no\s+one|nobody)(?:\s+\w+){0,3}?\s+can)\s+(?:\w+\s+){0,3}?"
    r"(?:promise|promising|guarantee|guaranteeing|say|tell|confirm|know|predict"
    r"|assure|commit|recommend|advise|quote)\b"
    r"|\bno\s+(?:guarantee|promise|way\s+to\s+(?:know|tell|say))\b"
    r"|\bnot\s+a\s+(?:guarantee|promise)\b",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(
    r"\b(?:if|whether|unless|in\s+case|assuming|provided\s+that|depends\s+on|what"
    r"|which|how\s+much)\b",
    re.IGNORECASE,
)
LEADING_CONDITION = re.compile(
    r"^\s*(?:if|whether|unless|in\s+case|assuming|provided\s+that)\b[^,]*,",
    re.IGNORECASE,
)
# "before you stop taking" describes a later step and tells no one what to take.
SUBORDINATE_LEAD = re.compile(
    r"\b(?:before|after|when|while|until|once|how\s+to)\s+(?:(?:you|they|she|he|we"
    r"|i)\s+)?$",
    re.IGNORECASE,
)
REPORTING_VERB = re.compile(
    r"\b(?:said|says|asked|asks|told\s+(?:us|me|him|her|them|the\s+\w+)|tells\s+(?:us"
    r"|me)|thinks|believes|claims|heard|hears|assumed|assumes|insists|wrote|writes"
    r"|read|reads|mentioned|mentions|reported|reports|stated|states|was\s+told"
    r"|shows?|showed|lists|listed|indicates|indicated"
    r"|were\s+told|wants\s+to\s+know|wondered|wonders|according\s+to|per\s+the"
    r"|per\s+dr)\b",
    re.IGNORECASE,
)
# Words that may stand between a first-person subject and its reporting verb.
FIRST_PERSON_SUBJECT = re.compile(
    r"\b(?:i|we|i've|we've|i'd|we'd)\s+(?:(?:have|had|already|just|also|then"
    r"|always|did|do|will|would|never)\s+)*$",
    re.IGNORECASE,
)
ROLE = (
    r"(?:coders?|coding(?:\s+(?:team|staff|supervisor|department))?|billers?"
    r"|billing(?:\s+(?:team|staff|office|department))?|provider|doctor|physician"
    r"|surgeon|nurse|pharmacist|dr\.?\s+\w+)"
)
ROLE_DECIDES = re.compile(
    r"\b" + ROLE + r"(?:\s+\w+){0,3}?\s+(?:will|would|can|could|may|might|should"
    r"|must|decides?|decided|wants?|needs?|is\s+going\s+to|has|had)\b",
    re.IGNORECASE,
)
ROUTED_TO_ROLE = re.compile(
    r"\b(?:ask|asked|asking|check\s+with|checked\s+with|confirm\s+with|route|routed"
    r"|forward|forwarded|send|sent|escalate|escalated|question\s+for|let)\b.*\b"
    + ROLE
    + r"\b",
    re.IGNORECASE,
)
# A question that proposes an action still counts: "why don't you just bill it as…?"
SUGGESTING_QUESTION = re.compile(
    r"^\s*(?:so\s+|then\s+)?(?:why\s+(?:don't|not)|how\s+about|what\s+about)\b"
    r"|\bjust\b",
    re.IGNORECASE,
)
DECIDED_BY_OTHERS = (CODING_ADVICE, CLINICAL_ADVICE)
# A good-faith estimate is something the office may give, so an amount tied to one is
# not a price promise.
ESTIMATE = re.compile(r"\bestimated?\b", re.IGNORECASE)
# Free parking, a free shuttle or free coffee says nothing about the price of care.
AMENITY = re.compile(
    r"\b(?:parking|shuttle|wi-?fi|coffee|valet|water|snacks?)\b", re.IGNORECASE
)

# An unclosed double quote runs to the end of its line, as it does while someone types.
# A straight quote right after a digit is an inch mark ("a 5" card") and opens nothing.
DOUBLE_QUOTED = re.compile(
    r'(?<!\d)"[^"\n]*(?:"|$)|\u201c[^\u201d\n]*(?:\u201d|$)', re.M
)
SINGLE_QUOTED = re.compile(r"(?<![\w'])['\u2018](?=\S).*?(?<=\S)'(?!\w)")
SENTENCE_END = re.compile(r"[.!?]+[\"')\]\u201d]*(?:\s+|$)|\n\s*")
ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "st", "vs", "jr", "sr", "prof", "approx", "no", "e.g"}
    | {"i.e", "ref", "pt", "appt", "dept"}
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One explainable rule: its id, its category, its pattern and its keywords.

    The pattern can only match where one of the keywords occurs in the lowercased
    sentence, so the cheap keyword test skips most patterns for most sentences.
    """

    rule_id: str
    category: str
    keywords: frozenset[str]
    regex: re.Pattern


def build_rules():
    rules = []
    for category in CATEGORIES:
        for rule_id, phrases in PHRASES[category]:
            alternatives = "|".join(re.escape(phrase) for phrase in phrases)
            keywords = tuple(phrase.lower() for phrase in phrases)
            pattern = rf"\b(?:{alternatives})(?!\w)"
            rules.append(make_rule(rule_id, category, keywords, pattern))
        for rule_id, keywords, pattern in PATTERNS[category]:
            rules.append(make_rule(rule_id, category, keywords.split("|"), pattern))
    return tuple(rules)


def make_rule(rule_id, category, keywords, pattern):
    for name, block in BLOCKS.items():
        pattern = pattern.replace(f"<{name}>", block)
    regex = re.compile(pattern, re.IGNORECASE)
    return Rule(rule_id, category, frozenset(keywords), regex)


RULES = build_rules()
KEYWORDS = frozenset().union(*(rule.keywords for rule in RULES))


SHIPPED_MODEL = "shipped"


def check_scope(
    text: str, model=SHIPPED_MODEL, quotes_are_own: bool = False
) -> list[Finding]:
    """Find out-of-scope statements in text, at most one per category per sentence.

    Offsets index into text as given. Quoted passages are skipped, so "the patient
    said 'my plan will cover it'" yields nothing, unless quotes_are_own says that
    quoted words are the writer's own, as in a script's "What to say" or a training
    answer. The rules run first. The model
    (the shipped one by default, none when model is None) then looks for categories
    that no rule found in the sentence.
    """
    if model == SHIPPED_MODEL:
        model = load_model()
    return find_out_of_scope(
        text, use_keywords=True, model=model, quotes_are_own=quotes_are_own
    )


def find_out_of_scope(text, use_keywords, model=None, quotes_are_own=False):
    """Run check_scope, optionally without the keyword test that skips patterns.

    The two settings return the same findings. Tests compare them to prove that no
    keyword list is missing a word its pattern needs.
    """
    if not text:
        return []
    if quotes_are_own:
        masked = text.replace("\u2019", "'")
    else:
        masked = mask_quotations(text)
    findings = []
    for start, end in split_sentences(masked):
        found = check_sentence(text, masked, start, end, use_keywords)
        if model is not None:
            found.extend(model_findings(text, masked, start, end, model, found))
        findings.extend(found)
    return findings


def mask_quotations(text):
    """Blank out quoted passages and straighten apostrophes, keeping every offset."""
    masked = text.replace("\u2019", "'")
    for pattern in (DOUBLE_QUOTED, SINGLE_QUOTED):
        masked = pattern.sub(lambda match: " " * len(match.group()), masked)
    return masked


def split_sentences(masked):
    """Yield (start, end) of each sentence, keeping "Dr. Lee" inside one sentence."""
    start = 0
    for match in SENTENCE_END.finditer(masked):
        if match.group().startswith(".") and is_abbreviation(
            last_word(masked, start, match.start())
        ):
            continue
        if masked[start : match.end()].strip():
            yield start, match.end()
        start = match.end()
    if masked[start:].strip():
        yield start, len(masked)


def last_word(masked, start, end):
    """Return the lowercased word that ends at end, without its trailing dots.

    It searches back from end only, so a text of many abbreviations ("Dr. Dr. …")
    is split in linear time.
    """
    cut = max(masked.rfind(space, start, end) for space in " \t\n")
    return masked[max(cut + 1, start) : end].strip().lower().rstrip(".")


def is_abbreviation(word):
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def check_sentence(text, masked, start, end, use_keywords):
    sentence = masked[start:end]
    if is_unsuggesting_question(sentence):
        return []

    # Keep the earliest statement per category that the writer makes themselves.
    lowered = " ".join(sentence.lower().split())
    present = {word for word in KEYWORDS if word in lowered}
    earliest = {}
    for rule in RULES:
        if use_keywords and rule.keywords.isdisjoint(present):
            continue
        match = first_own_statement(rule, sentence)
        current = earliest.get(rule.category)
        if match and (current is None or match.start() < current[1].start()):
            earliest[rule.category] = (rule, match)

    findings = []
    for category in CATEGORIES:
        if category in earliest:
            rule, match = earliest[category]
            findings.append(make_finding(text, start, rule, match))
    return findings


# How many of the heaviest word n-grams decide whether the writer makes the statement.
EVIDENCE_LIMIT = 5


def model_findings(text, masked, start, end, model, rule_findings):
    """Return model findings for categories that no rule found in the sentence."""
    skip = {finding.category for finding in rule_findings}
    candidates = model_candidates(masked[start:end], model, skip, use_thresholds=True)
    return [
        make_model_finding(text, start, end, category, evidence)
        for category, _, evidence in candidates
    ]


def model_candidates(sentence, model, skip, use_thresholds):
    """Yield (category, probability, evidence) for each category not in skip.

    With use_thresholds, only categories at or above their threshold are yielded.
    The word n-grams that weigh most toward the category are checked the same way
    as a rule match. Those the writer states must outweigh those that someone else
    states or that are negated, questioned or conditional, so "I can't promise the
    plan will pay" stays clean whatever its probability.
    """
    if is_unsuggesting_question(sentence):
        return
    probabilities = model.probabilities(sentence)
    for category, probability in probabilities.items():
        if category in skip:
            continue
        if use_thresholds and probability < model.threshold(category):
            continue
        own, others = [], []
        for item in model.evidence(sentence, category, limit=EVIDENCE_LIMIT):
            if is_attributed_elsewhere(sentence, item.start, category):
                others.append(item)
            else:
                own.append(item)
        if sum(item.weight for item in own) > sum(item.weight for item in others):
            yield category, probability, own[:3]


EDGE_PUNCTUATION = ".,;:!?\"'()[]"


def make_model_finding(text, start, end, category, evidence):
    """Quote the whole sentence, since the model weighs all of its words."""
    sentence = text[start:end]
    leading = len(sentence) - len(sentence.lstrip())
    phrase = sentence.strip()
    return Finding(
        category=category,
        phrase=phrase,
        start=start + leading,
        end=start + leading + len(phrase),
        rule=f"model.{category}",
        rewrite=REWRITES[category],
        evidence=tuple(
            dict.fromkeys(
                text[start + item.start : start + item.end].strip(EDGE_PUNCTUATION)
                for item in evidence
            )
        ),
    )


def is_unsuggesting_question(sentence):
    """Tell whether the sentence asks a question without proposing an action."""
    is_question = sentence.rstrip().endswith("?")
    return is_question and not SUGGESTING_QUESTION.search(sentence)


def first_own_statement(rule, sentence):
    for match in rule.regex.finditer(sentence):
        if not is_attributed_elsewhere(sentence, match.start(), rule.category):
            return match
    return None


def make_finding(text, offset, rule, match):
    return Finding(
        category=rule.category,
        phrase=text[offset + match.start() : offset + match.end()],
        start=offset + match.start(),
        end=offset + match.end(),
        rule=rule.rule_id,
        rewrite=REWRITES[rule.category],
    )


def clause_before(sentence, position):
    """Return the text from the start of the clause that contains position up to it."""
    prefix = sentence[:position]
    boundaries = list(CLAUSE_BOUNDARY.finditer(prefix))
    if boundaries:
        return prefix[boundaries[-1].end() :]
    return prefix


def is_attributed_elsewhere(sentence, position, category):
    """Tell whether the match at position is not the writer's own statement."""
    clause = clause_before(sentence, position)
    # A leading condition ends at its comma: "If anyone asks, it's covered" promises.
    clause = LEADING_CONDITION.sub("", clause, count=1)

    # The writer declines to promise, or states a condition or an open question.
    if NEGATED_PROMISE.search(clause) or CONDITIONAL.search(clause):
        return True
    if SUBORDINATE_LEAD.search(clause):
        return True

    # Someone other than the writer made the statement.
    if is_reported_speech(clause):
        return True

    if category == PRICE_PROMISE and (
        ESTIMATE.search(clause) or AMENITY.search(clause)
    ):
        return True

    # A coder, biller or provider makes the decision, or the question went to them.
    if category in DECIDED_BY_OTHERS:
        return bool(ROLE_DECIDES.search(clause) or ROUTED_TO_ROLE.search(clause))
    return False


def is_reported_speech(clause):
    reports = list(REPORTING_VERB.finditer(clause))
    if not reports:
        return False
    speaker = clause[: reports[-1].start()]
    # A note's "told her ins will pay" leaves out its subject, the writer.
    if not speaker.strip(" ,:-"):
        return not reports[-1].group().lower().startswith("told")
    return not FIRST_PERSON_SUBJECT.search(speaker)
