"""Plain-language meanings of the public CMS indicators shown to office staff.

The wording is the team's own. Each meaning states what the indicator tells a scheduler or
authorization coordinator; none of them says which code to bill or whether a claim will pay.
"""

GLOBAL_DAYS = {
    "000": "Minor procedure with no follow-up period: visits on later days are separate.",
    "010": "Minor procedure: follow-up visits for 10 days are usually part of this service.",
    "090": (
        "Major surgery: the visit the day before and follow-up visits for 90 days are "
        "usually part of this surgery."
    ),
    "MMM": "Maternity code: the usual global period rules do not apply.",
    "XXX": "The global surgery rules do not apply to this code.",
    "YYY": "The Medicare contractor sets the global period for this code.",
    "ZZZ": "Add-on code: it belongs to the global period of the primary procedure.",
}

# PFS status codes from the RVU file documentation, reworded for office staff.
STATUS_CODES = {
    "A": "Active code, priced under the Medicare physician fee schedule.",
    "B": "Bundled: Medicare pays for it as part of other services.",
    "C": "Priced by the Medicare contractor.",
    "D": "Deleted code.",
    "E": "Excluded from the physician fee schedule by regulation.",
    "F": "Deleted code, no grace period.",
    "G": "Not valid for Medicare; Medicare uses another code for this service.",
    "H": "Deleted modifier for this code.",
    "I": "Not valid for Medicare; Medicare uses another code for this service.",
    "J": "Anesthesia service.",
    "M": "Measurement code, used for reporting only.",
    "N": "Medicare lists it as a non-covered service.",
    "P": "Bundled or excluded: no separate Medicare fee schedule payment.",
    "R": "Restricted coverage: Medicare covers it only in special cases.",
    "T": "Paid only when no other service is billed on the same day.",
    "X": "Excluded from Medicare by statute.",
}

MULTIPLE_PROCEDURE = {
    "0": "No payment adjustment when billed with other procedures.",
    "1": "Standard multiple-procedure rules applied before 1995 apply.",
    "2": "Standard multiple-procedure payment reduction applies.",
    "3": "Special rules for multiple endoscopic procedures apply.",
    "4": "Diagnostic imaging reduction applies with related imaging on the same day.",
    "5": "Therapy reduction applies with other therapy services.",
    "6": "Diagnostic cardiovascular reduction applies.",
    "7": "Diagnostic ophthalmology reduction applies.",
    "9": "The multiple-procedure concept does not apply.",
}

BILATERAL = {
    "0": "Bilateral rules do not apply; it is priced per session.",
    "1": "Can be done on both sides; bilateral payment rules apply.",
    "2": "Already describes both sides or is priced as bilateral.",
    "3": "Each side is priced as a separate service.",
    "9": "Bilateral concept does not apply.",
}

ASSISTANT_SURGERY = {
    "0": "An assistant at surgery needs supporting documentation.",
    "1": "The fee schedule does not allow an assistant at surgery.",
    "2": "The fee schedule allows an assistant at surgery.",
    "9": "Assistant-at-surgery concept does not apply.",
}

CO_SURGERY = {
    "0": "Co-surgeons are not allowed.",
    "1": "Co-surgeons may be paid with supporting documentation.",
    "2": "Co-surgeons are allowed; no documentation needed.",
    "9": "Co-surgery concept does not apply.",
}

TEAM_SURGERY = {
    "0": "Team surgeons are not allowed.",
    "1": "Team surgeons may be paid with supporting documentation.",
    "2": "Team surgeons are allowed and paid by report.",
    "9": "Team surgery concept does not apply.",
}

PCTC = {
    "0": "Physician service only: no professional/technical split.",
    "1": "Diagnostic test with professional (26) and technical (TC) parts.",
    "2": "Professional component only code.",
    "3": "Technical component only code.",
    "4": "Global test only code.",
    "5": "Incident-to code: not billed as a separate component.",
    "6": "Laboratory physician interpretation code.",
    "7": "Physical therapy service: professional component not paid separately.",
    "8": "Physician interpretation code.",
    "9": "Professional/technical concept does not apply.",
}

NCCI_MODIFIER = {
    "0": "Never reported together on the same day, even with a modifier.",
    "1": (
        "A modifier may allow both when the documentation supports a separate service; "
        "a coder decides."
    ),
    "9": "The edit does not apply (deleted on its effective date).",
}

MUE_ADJUDICATION = {
    "1": "Limit per claim line.",
    "2": "Limit per day, set by policy: units above it are not paid.",
    "3": "Limit per day, set on clinical grounds.",
}

# HCPCS coverage codes from the CMS record layout.
HCPCS_COVERAGE = {
    "C": "Carrier judgment: the Medicare contractor decides coverage.",
    "D": "Special coverage instructions apply.",
    "I": "Not payable by Medicare.",
    "M": "Non-covered by Medicare.",
    "S": "Non-covered by Medicare by statute.",
}

HCPCS_ACTION = {
    "A": "Code added",
    "B": "Administrative data and long description changed",
    "C": "Long description changed",
    "D": "Code discontinued",
    "F": "Administrative data changed",
    "N": "No change",
    "P": "Payment data changed",
    "R": "Discontinued code reactivated",
    "S": "Short description changed",
    "T": "Miscellaneous change (BETOS, type of service)",
}


def explain(table, value):
    """Return the plain meaning of an indicator value, or say that it is not known."""
    value = (value or "").strip()
    if not value:
        return ""
    return table.get(value, f"Indicator value {value} is not in this product's list.")
