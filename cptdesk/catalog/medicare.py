"""Build the Medicare fee-for-service rule pack from the loaded CMS prior-auth lists.

The rules come from the current releases of the codes app's prior-authorization lists:

- Hospital outpatient (OPD) procedures become prior_auth rules from their start date to
  the day before their removal. A procedure whose code role needs a pairing (the
  botulinum injections 64612 and 64615) gets the paired drug codes of its category
  (J0585-J0588) as paired_codes. The drug codes get no rule of their own.
- DMEPOS codes with status "required" become prior_auth rules, from the date in the note
  when it says "added effective YYYY-MM-DD".
- DMEPOS "voluntary" codes (power wheelchair accessories) become documentation rules:
  the supplier may send them with the base request, but nothing is required, so staff
  are reminded to gather the paperwork instead of being told to get an authorization.
- DMEPOS "removed" and "suspended" codes get a prior_auth rule that ends the day before
  the date in their note, so the rules in force earlier stay reproducible; without a
  date in the note they get no rule.

Rows whose source is marked for verification are imported with source_confirmed off.
"""

import datetime
import re

from cptdesk.codes.choices import DataKind
from cptdesk.codes.models import DataRelease, PriorAuthListing

from .choices import RuleResult

PACK_NAME = "Medicare fee-for-service prior authorization"
PAYER_NAME = "Medicare fee-for-service"
PAYER_ALIASES = ("Medicare", "Medicare FFS", "Medicare Part B", "Original Medicare")
SOURCE_TITLE = "CMS prior-authorization lists"
HOSPITAL_OUTPATIENT = "hospital outpatient"
DMEPOS = "DMEPOS"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ONE_DAY = datetime.timedelta(days=1)


def current_listings():
    releases = DataRelease.objects.current().filter(
        kind=DataKind.PRIOR_AUTH, practice=None
    )
    labels = sorted(releases.values_list("label", flat=True))
    listings = PriorAuthListing.objects.filter(release__in=releases).order_by(
        "list_name", "code", "id"
    )
    return labels, list(listings)


def build_rules(payer):
    """Return (source version, [Rule field dicts]) for the payer from the CMS lists."""
    labels, listings = current_listings()
    paired = paired_drug_codes(listings)
    rules = []
    for listing in listings:
        rule = rule_for(listing, paired)
        if rule is not None:
            rule |= {"payer": payer, "source_version": "; ".join(labels)}
            rules.append(rule)
    return "; ".join(labels), rules


def is_paired_drug(listing):
    return listing.code_role.lower().startswith("paired")


def needs_pairing(listing):
    return "paired" in listing.code_role.lower() and not is_paired_drug(listing)


def paired_drug_codes(listings):
    """Map each service category to its paired drug codes, e.g. botulinum to J0585-J0588."""
    paired = {}
    for listing in listings:
        if is_paired_drug(listing):
            paired.setdefault(listing.service_category, []).append(listing.code)
    return {category: sorted(codes) for category, codes in paired.items()}


def rule_for(listing, paired):
    if listing.list_name == HOSPITAL_OUTPATIENT:
        return outpatient_rule(listing, paired)
    if listing.list_name == DMEPOS:
        return dmepos_rule(listing)
    return None


def outpatient_rule(listing, paired):
    if is_paired_drug(listing):
        return None
    rule = base_rule(listing, RuleResult.PRIOR_AUTH)
    rule["effective_from"] = listing.effective_from
    if listing.removed_on:
        rule["effective_to"] = listing.removed_on - ONE_DAY
    if needs_pairing(listing):
        rule["paired_codes"] = paired.get(listing.service_category, [])
    return rule


def dmepos_rule(listing):
    note_date = date_in(listing.note)
    if listing.status == "required":
        rule = base_rule(listing, RuleResult.PRIOR_AUTH)
        if note_date and "added" in listing.note.lower():
            rule["effective_from"] = note_date
        return rule
    if listing.status == "voluntary":
        rule = base_rule(listing, RuleResult.DOCUMENTATION)
        rule["note"] = join_text(
            "Voluntary prior authorization: it may be sent with the power wheelchair "
            "base request",
            listing.status_detail,
            listing.note,
        )
        return rule
    if listing.status in ("removed", "suspended") and note_date:
        rule = base_rule(listing, RuleResult.PRIOR_AUTH)
        rule["effective_to"] = note_date - ONE_DAY
        return rule
    return None


def base_rule(listing, result):
    return {
        "result": result,
        "code_from": listing.code,
        "code_to": listing.code,
        "paired_codes": [],
        "documents": [],
        "source_title": f"{SOURCE_TITLE}: {listing.list_name}, {listing.service_category}",
        "source_url": first_url(listing.source),
        "source_confirmed": is_confirmed(listing),
        "effective_from": None,
        "effective_to": None,
        "note": join_text(listing.status_detail, listing.note),
    }


def is_confirmed(listing):
    """Say whether the list's source confirms the row; "..._VERIFY" marks it unconfirmed."""
    return not listing.confidence.upper().endswith("VERIFY")


def date_in(text):
    found = ISO_DATE.search(text or "")
    if not found:
        return None
    try:
        return datetime.date.fromisoformat(found.group())
    except ValueError:
        return None


def first_url(text):
    found = re.search(r"https?://\S+", text or "")
    return found.group().rstrip(").,;") if found else ""


def join_text(*parts):
    return ". ".join(
        part.strip().rstrip(".") for part in parts if part and part.strip()
    )
