"""Build the intake checklist of one visit from its service and the payer rules that fired.

Pure: the inputs are plain records, so the same visit always gives the same items in the
same order, and each item names the rule or service setting behind it.
"""

from dataclasses import dataclass, field

# Checklist kinds; the values match cptdesk.intake.choices.ChecklistKind.
PRIOR_AUTH = "prior_auth"
REFERRAL = "referral"
DOCUMENT = "document"
PREP = "prep"
SLOT = "slot"
LOCATION = "location"
EQUIPMENT = "equipment"
NOTICE = "notice"
KIND_ORDER = (PRIOR_AUTH, REFERRAL, DOCUMENT, PREP, SLOT, LOCATION, EQUIPMENT, NOTICE)

# Rule results of the catalog's rule engine that add a checklist item.
RESULT_KINDS = {
    "prior_auth": PRIOR_AUTH,
    "referral": REFERRAL,
    "documentation": DOCUMENT,
    "notice": NOTICE,
}
OWNER_WORDS = {"clinical": "clinical", "administrative": "office", "patient": "patient"}
NOTICE_WORDS = {
    "abn": "Advance Beneficiary Notice (ABN)",
    "good_faith_estimate": "Good-faith estimate",
    "financial_policy": "Financial policy",
}


@dataclass(frozen=True)
class ServiceFacts:
    """The catalog service a visit books, as plain values."""

    id: int
    name: str
    slot_minutes: int = 0
    location: str = ""
    place_of_service: str = ""
    equipment: str = ""
    prep_instructions: str = ""
    notices: tuple = ()
    referral_required: bool = False
    documents: tuple = ()  # (name, owner_class)


@dataclass(frozen=True)
class VisitSetting:
    booked_minutes: int
    location: str = ""
    place_of_service: str = ""


@dataclass
class Trigger:
    key: str
    kind: str
    title: str
    detail: str = ""
    sources: list = field(default_factory=list)

    @property
    def source(self):
        return "; ".join(dict.fromkeys(self.sources))


def build_checklist(visit, service, hits):
    """Return the visit's checklist triggers in a fixed order."""
    triggers = {}
    for hit in hits:
        add_rule_hit(triggers, hit)
    if service is not None:
        add_service_settings(triggers, service, visit)
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(triggers.values(), key=lambda t: (order[t.kind], t.key))


def rule_source(rule):
    parts = [f"Payer rule {rule.id}"]
    if rule.source_title:
        version = f" ({rule.source_version})" if rule.source_version else ""
        parts.append(f"{rule.source_title}{version}")
    if rule.source_url:
        parts.append(rule.source_url)
    if not rule.source_confirmed:
        parts.append("source not yet confirmed")
    return ", ".join(parts)


def merge(triggers, key, kind, title, detail, source):
    trigger = triggers.get(key)
    if trigger is None:
        trigger = triggers[key] = Trigger(key, kind, title, detail)
    elif detail and detail not in trigger.detail:
        trigger.detail = "; ".join(filter(None, [trigger.detail, detail]))
    trigger.sources.append(source)


def add_rule_hit(triggers, hit):
    kind = RESULT_KINDS.get(hit.rule.result)
    if kind is None:
        return
    source = rule_source(hit.rule)
    why = "; ".join(hit.reasons)
    target = hit.code or "this visit"
    if kind == PRIOR_AUTH:
        title = f"Prior authorization on file for {target}"
        merge(triggers, f"prior_auth:{hit.code}", kind, title, why, source)
    elif kind == REFERRAL:
        merge(triggers, "referral", kind, "Referral on file", why, source)
    elif kind == NOTICE:
        title = hit.rule.note or f"Patient notice for {target}"
        merge(triggers, f"notice:rule:{hit.rule.id}", kind, title, why, source)
    else:
        for name in hit.rule.documents or (f"Documentation for {target}",):
            key = f"document:{' '.join(name.split()).casefold()}"
            merge(triggers, key, kind, f"Document: {name}", why, source)


def add_service_settings(triggers, service, visit):
    source = f"Service “{service.name}”"
    if service.referral_required:
        merge(triggers, "referral", REFERRAL, "Referral on file", "", source)
    for name, owner in service.documents:
        key = f"document:{' '.join(name.split()).casefold()}"
        who = OWNER_WORDS.get(owner, owner)
        merge(triggers, key, DOCUMENT, f"Document: {name}", f"from {who}", source)
    if service.prep_instructions.strip():
        detail = service.prep_instructions.strip()
        merge(triggers, "prep", PREP, "Prep instructions given", detail, source)
    add_slot_and_location(triggers, service, visit, source)
    if service.equipment.strip():
        title = f"Equipment ready: {service.equipment.strip()}"
        merge(triggers, "equipment", EQUIPMENT, title, "", source)
    for notice in service.notices:
        title = NOTICE_WORDS.get(notice, notice)
        merge(triggers, f"notice:{notice}", NOTICE, title, "", source)


def add_slot_and_location(triggers, service, visit, source):
    # Flag a slot shorter than the service needs; a longer one wastes time but works.
    if service.slot_minutes and visit.booked_minutes < service.slot_minutes:
        merge(
            triggers,
            "slot",
            SLOT,
            "Slot length matches the service",
            f"booked {visit.booked_minutes} min, the service needs "
            f"{service.slot_minutes} min",
            source,
        )

    # Compare place of service and location only where both sides are known.
    differences = []
    pos_differs = visit.place_of_service != service.place_of_service
    if service.place_of_service and visit.place_of_service and pos_differs:
        differences.append(
            f"place of service {visit.place_of_service}, the service uses "
            f"{service.place_of_service}"
        )
    booked_at = " ".join(visit.location.split()).casefold()
    if service.location and booked_at != " ".join(service.location.split()).casefold():
        differences.append(
            f"booked at {visit.location or 'no location'}, the service is at "
            f"{service.location}"
        )
    if differences:
        title = "Location and place of service confirmed"
        merge(triggers, "location", LOCATION, title, "; ".join(differences), source)
