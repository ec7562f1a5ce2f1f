"""Everything the product knows about one code, read for the code page and the CLI.

Each fact names the release it came from. Nothing here suggests which code to bill.
"""

import datetime

from django.db.models import Q

from . import indicators
from .anatomy import explain
from .models import (
    AdjustmentCode,
    CptDescriptor,
    DataRelease,
    HcpcsCode,
    MueLimit,
    PfsIndicator,
    PlaceOfService,
    PriorAuthListing,
    PtpEdit,
)

NCCI_LIST_LIMIT = 500  # pairs listed on the page; the count covers all of them
CPT_LICENCE_NOTE = (
    "CPT descriptors are published by the AMA and appear here only after your practice "
    "loads the CPT file it licenses (Reference data page, or `cptdesk import cpt FILE`)."
)


def lookup(text, practice=None, on_date=None):
    """Return a JSON-ready dict of the facts about a code on a date of service."""
    on_date = on_date or datetime.date.today()
    anatomy = explain(text)
    code = anatomy.code or "".join((text or "").split()).upper()
    releases = {
        release.pk: release.label
        for release in DataRelease.objects.current().visible_to(practice)
    }
    facts = {
        "query": text,
        "code": code,
        "date_of_service": on_date.isoformat(),
        "anatomy": anatomy.to_dict(),
    }
    facts.update(describe(code, anatomy, practice, releases))
    facts["status"] = status_on(code, anatomy, on_date, facts, releases)
    facts["fee_schedule"] = fee_schedule(code, releases)
    facts["prior_authorization"] = prior_authorization(code, on_date, releases)
    facts["mue"] = mue(code, releases)
    facts["ncci"] = ncci_pairs(code, on_date, releases)
    facts["place_of_service"] = place_of_service(code, releases)
    facts["adjustment_codes"] = adjustment_codes(code, releases)
    facts["releases"] = sorted(releases_named(facts))
    return facts


def releases_named(value):
    """Return the release labels that the facts cite, at any depth."""
    if isinstance(value, dict):
        found = {value["release"]} if value.get("release") else set()
        for item in value.values():
            found |= releases_named(item)
        return found
    if isinstance(value, list):
        return (
            set().union(*(releases_named(item) for item in value)) if value else set()
        )
    return set()


def current(model, releases, **filters):
    return model.objects.filter(release_id__in=list(releases), **filters)


def describe(code, anatomy, practice, releases):
    """Return the description block: public HCPCS text or the practice's CPT text."""
    hcpcs = current(HcpcsCode, releases, code=code).first()
    if hcpcs:
        return {
            "description": {
                "short": hcpcs.short_description,
                "long": hcpcs.long_description,
                "release": releases[hcpcs.release_id],
            },
            "hcpcs": {
                "is_modifier": hcpcs.is_modifier,
                "coverage_code": hcpcs.coverage_code,
                "coverage": indicators.explain(
                    indicators.HCPCS_COVERAGE, hcpcs.coverage_code
                ),
                "betos": hcpcs.betos,
                "action_code": hcpcs.action_code,
                "action": indicators.explain(
                    indicators.HCPCS_ACTION, hcpcs.action_code
                ),
                "added_date": iso(hcpcs.added_date),
                "effective_date": iso(hcpcs.effective_date),
                "termination_date": iso(hcpcs.termination_date),
                "release": releases[hcpcs.release_id],
            },
        }
    if anatomy.is_cpt:
        licensed = None
        if practice is not None:
            licensed = current(CptDescriptor, releases, code=code, practice=practice)
            licensed = licensed.first()
        if licensed:
            return {
                "description": {
                    "long": licensed.descriptor,
                    "release": releases[licensed.release_id],
                }
            }
        return {"description": {"note": CPT_LICENCE_NOTE}}
    return {"description": None}


def status_on(code, anatomy, on_date, facts, releases):
    """Say whether the code is valid on the date of service, and why."""
    hcpcs = facts.get("hcpcs")
    if hcpcs:
        added = parse_iso(hcpcs["added_date"])
        ended = parse_iso(hcpcs["termination_date"])
        source = hcpcs["release"]
        if ended and on_date > ended:
            return state("deleted", f"Discontinued after {ended.isoformat()}.", source)
        if added and on_date < added:
            return state(
                "not_yet_effective", f"Valid from {added.isoformat()}.", source
            )
        if hcpcs["action_code"] == "A":
            return state("new", "Added in this release.", source)
        return state("active", "Valid on this date.", source)

    if anatomy.is_cpt:
        row = current(PfsIndicator, releases, code=code, modifier="").first()
        if row is None:
            return state(
                "unknown",
                "Not in the loaded fee schedule file; check the practice's CPT file.",
                None,
            )
        deleted = row.status_code in ("D", "F")
        return state(
            "deleted" if deleted else "listed",
            indicators.explain(indicators.STATUS_CODES, row.status_code),
            releases[row.release_id],
        )
    return state("unknown", anatomy.reason or "Not a CPT or HCPCS code.", None)


def state(name, text, release):
    return {"state": name, "text": text, "release": release}


def fee_schedule(code, releases):
    row = current(PfsIndicator, releases, code=code, modifier="").first()
    if row is None:
        return None
    return {
        "status_code": row.status_code,
        "status": indicators.explain(indicators.STATUS_CODES, row.status_code),
        "global_days": row.global_days,
        "global_period": indicators.explain(indicators.GLOBAL_DAYS, row.global_days),
        "pre_op": decimal_text(row.pre_op),
        "intra_op": decimal_text(row.intra_op),
        "post_op": decimal_text(row.post_op),
        "multiple_procedure": indicators.explain(
            indicators.MULTIPLE_PROCEDURE, row.multiple_procedure
        ),
        "bilateral_surgery": indicators.explain(
            indicators.BILATERAL, row.bilateral_surgery
        ),
        "assistant_at_surgery": indicators.explain(
            indicators.ASSISTANT_SURGERY, row.assistant_surgery
        ),
        "co_surgery": indicators.explain(indicators.CO_SURGERY, row.co_surgery),
        "team_surgery": indicators.explain(indicators.TEAM_SURGERY, row.team_surgery),
        "pc_tc": indicators.explain(indicators.PCTC, row.pctc_indicator),
        "indicator_values": {
            "multiple_procedure": row.multiple_procedure,
            "bilateral_surgery": row.bilateral_surgery,
            "assistant_at_surgery": row.assistant_surgery,
            "co_surgery": row.co_surgery,
            "team_surgery": row.team_surgery,
            "pc_tc": row.pctc_indicator,
        },
        "release": releases[row.release_id],
    }


def prior_authorization(code, on_date, releases):
    """List the CMS prior-authorization lists the code is on, with any pairing condition."""
    found = []
    for listing in current(PriorAuthListing, releases, code=code):
        in_force = listing_in_force(listing, on_date)
        found.append(
            {
                "list": listing.list_name,
                "service_category": listing.service_category,
                "code_role": listing.code_role,
                "status": listing.status,
                "status_detail": listing.status_detail,
                "effective_from": iso(listing.effective_from),
                "removed_on": iso(listing.removed_on),
                "in_force_on_date": in_force,
                "paired_with": paired_codes(listing, releases),
                "confirmed": not listing.confidence.upper().endswith("VERIFY"),
                "note": listing.note,
                "source": listing.source,
                "release": releases[listing.release_id],
            }
        )
    return found


def listing_in_force(listing, on_date):
    """Say whether a prior-authorization listing applies on the date of service.

    A listing with a removal date applies up to the day before it, whatever its status
    says today. One marked voluntary, suspended or removed without a date never applies.
    """
    started = listing.effective_from is None or listing.effective_from <= on_date
    if listing.removed_on is not None:
        return started and on_date < listing.removed_on
    return started and listing.status == "required"


def paired_codes(listing, releases):
    """Return the codes whose presence on the same visit makes this listing apply.

    A listing whose role says it applies only when paired takes the paired codes of its
    category, and a paired code takes the procedures of its category.
    """
    role = listing.code_role.lower()
    if "paired" not in role:
        return []
    same_category = current(
        PriorAuthListing,
        releases,
        list_name=listing.list_name,
        service_category=listing.service_category,
    ).exclude(code=listing.code)
    if "only when paired" in role:
        partners = same_category.filter(code_role__icontains="paired drug")
    else:
        partners = same_category.filter(code_role__icontains="only when paired")
    return sorted(partners.values_list("code", flat=True))


def mue(code, releases):
    row = current(MueLimit, releases, code=code).first()
    if row is None:
        return None
    return {
        "max_units": row.max_units,
        "adjudication_indicator": row.adjudication_indicator,
        "adjudication": indicators.explain(
            indicators.MUE_ADJUDICATION, row.adjudication_indicator
        ),
        "rationale": row.rationale,
        "release": releases[row.release_id],
    }


def ncci_pairs(code, on_date, releases):
    edits = current(PtpEdit, releases).filter(Q(column1=code) | Q(column2=code))
    in_force = edits.filter(effective_date__lte=on_date).filter(
        Q(deletion_date=None) | Q(deletion_date__gt=on_date)
    )
    pairs = [
        {
            "column1": edit.column1,
            "column2": edit.column2,
            "other_code": edit.column2 if edit.column1 == code else edit.column1,
            "effective_date": iso(edit.effective_date),
            "deletion_date": iso(edit.deletion_date),
            "modifier_indicator": edit.modifier_indicator,
            "modifier_rule": indicators.explain(
                indicators.NCCI_MODIFIER, edit.modifier_indicator
            ),
            "release": releases[edit.release_id],
        }
        for edit in in_force.order_by("column1", "column2")[:NCCI_LIST_LIMIT]
    ]
    return {"count_in_force": in_force.count(), "pairs": pairs}


def place_of_service(code, releases):
    row = current(PlaceOfService, releases, code=code).first()
    if row is None:
        return None
    return {
        "code": row.code,
        "name": row.name,
        "description": row.description,
        "telehealth": row.is_telehealth,
        "release": releases[row.release_id],
    }


def adjustment_codes(code, releases):
    rows = current(AdjustmentCode, releases, code=code).order_by("kind")
    return [
        {
            "kind": row.kind.upper(),
            "code": row.code,
            "meaning": row.meaning,
            "official_text": row.official_text,
            "category": row.category,
            "owner_role": row.owner_role,
            "front_office_preventable": row.front_office_preventable,
            "start_date": iso(row.start_date),
            "stop_date": iso(row.stop_date),
            "release": releases[row.release_id],
        }
        for row in rows
    ]


def iso(value):
    return value.isoformat() if value else None


def parse_iso(text):
    return datetime.date.fromisoformat(text) if text else None


def decimal_text(value):
    return None if value is None else str(value)
