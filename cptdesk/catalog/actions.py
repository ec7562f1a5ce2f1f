"""Writes for the catalog: services, payers and rule packs, each with its log line.

Every write that changes services refreshes the practice's service entries in the code
search, so a service is found by its name, aliases and codes right after it is saved.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from cptdesk.codes.models import SearchEntry
from cptdesk.codes.searchindex import replace_practice_entries

from . import medicare
from .catalogfile import read_catalog
from .choices import PayerKind
from .matching import find_payer
from .models import Payer, Rule, RulePack, Service, ServiceCode, ServiceDocument
from .packfile import read_pack

logger = logging.getLogger(__name__)

SERVICE_ENTRY_KIND = "service"


def refresh_service_search(practice):
    """Replace the practice's service entries in the code search with its services."""
    services = Service.objects.filter(practice=practice).prefetch_related("codes")
    entries = [
        SearchEntry(
            practice=practice,
            kind=SERVICE_ENTRY_KIND,
            code=str(service.pk),
            title=service.name,
            body=" ".join(
                [*service.alias_list, *(c.code for c in service.codes.all())]
            ),
        )
        for service in services
    ]
    replace_practice_entries(practice, SERVICE_ENTRY_KIND, entries)


@transaction.atomic
def save_service(form, code_formset, document_formset, user):
    """Save a service form with its inline codes and documents; return the service."""
    service = form.save(commit=False)
    service.practice = user.practice
    service.save()
    for formset in (code_formset, document_formset):
        formset.instance = service
        formset.save()
    refresh_service_search(user.practice)
    logger.info("User %s saved service %s", user.pk, service.pk)
    return service


@dataclass
class CatalogImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def message(self):
        if not self.created and not self.updated:
            return f"All {self.unchanged} services are already up to date; nothing changed."
        return (
            f"Imported the catalog: {self.created} services added, {self.updated} "
            f"updated, {self.unchanged} unchanged."
        )


def import_catalog(practice, path, user=None):
    """Add or update services from a catalog file, all or nothing.

    Services are matched by name, ignoring case. Services missing from the file stay as
    they are. Importing the same file twice changes nothing the second time.
    """
    records = read_catalog(path)
    result = CatalogImportResult()
    with transaction.atomic():
        existing = {
            service.name.casefold(): service
            for service in Service.objects.filter(practice=practice).prefetch_related(
                "codes", "documents"
            )
        }
        for record in records:
            outcome = apply_record(
                practice, existing.get(record.name.casefold()), record
            )
            setattr(result, outcome, getattr(result, outcome) + 1)
        if result.created or result.updated:
            refresh_service_search(practice)
    logger.info(
        "Imported catalog file %s for practice %s by user %s: %s added, %s updated",
        Path(path).name,
        practice.pk,
        user.pk if user else None,
        result.created,
        result.updated,
    )
    return result


def apply_record(practice, service, record):
    """Create or update one service from a record; return which of the three it was."""
    outcome = "unchanged"
    if service is None:
        service = Service(practice=practice, name=record.name)
        outcome = "created"
    changed = [
        name for name, value in record.fields.items() if getattr(service, name) != value
    ]
    for name in changed:
        setattr(service, name, record.fields[name])
    if service.name != record.name:
        service.name = record.name
        changed.append("name")
    if outcome == "created" or changed:
        service.save()
        outcome = outcome if outcome == "created" else "updated"

    if record.codes is not None and replace_codes(service, record.codes):
        outcome = "updated" if outcome == "unchanged" else outcome
    if record.documents is not None and replace_documents(service, record.documents):
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome


def replace_codes(service, codes):
    current = (
        sorted((c.code, c.units) for c in service.codes.all()) if service.pk else []
    )
    if current == sorted(codes):
        return False
    ServiceCode.objects.filter(service=service).delete()
    ServiceCode.objects.bulk_create(
        ServiceCode(service=service, code=code, units=units) for code, units in codes
    )
    return True


def replace_documents(service, documents):
    current = sorted((d.name, d.owner_class) for d in service.documents.all())
    if current == sorted(documents):
        return False
    ServiceDocument.objects.filter(service=service).delete()
    ServiceDocument.objects.bulk_create(
        ServiceDocument(service=service, name=name, owner_class=owner)
        for name, owner in documents
    )
    return True


@transaction.atomic
def save_payer(form, plan_formset, user):
    payer = form.save(commit=False)
    payer.practice = user.practice
    payer.save()
    plan_formset.instance = payer
    plan_formset.save()
    logger.info("User %s saved payer %s", user.pk, payer.pk)
    return payer


@dataclass
class PackResult:
    pack: RulePack
    rules: int
    changed: bool

    @property
    def message(self):
        if not self.changed:
            return f"{self.pack.name} is already installed as it is; nothing changed."
        noun = "rule" if self.rules == 1 else "rules"
        return f"Installed {self.pack.name} with {self.rules} {noun}."


def ensure_medicare_payer(practice):
    """Return the practice's Medicare fee-for-service payer, creating it when missing."""
    payer = Payer.objects.filter(practice=practice, kind=PayerKind.MEDICARE_FFS).first()
    payer = payer or find_payer(practice, medicare.PAYER_NAME)
    if payer is not None:
        return payer
    payer = Payer.objects.create(
        practice=practice,
        name=medicare.PAYER_NAME,
        kind=PayerKind.MEDICARE_FFS,
        aliases="\n".join(medicare.PAYER_ALIASES),
    )
    logger.info("Created payer %s for practice %s", payer.pk, practice.pk)
    return payer


def install_medicare_pack(practice, user=None):
    """Install or refresh the Medicare pack from the current CMS prior-auth lists."""
    payer = ensure_medicare_payer(practice)
    version, rules = medicare.build_rules(payer)
    header = {
        "name": medicare.PACK_NAME,
        "source_title": medicare.SOURCE_TITLE,
        "source_url": "",
        "source_version": version,
    }
    result = replace_pack(practice, header, rules, digest_of(rules))
    logger.info(
        "User %s installed the Medicare pack %s for practice %s: %s rules, changed %s",
        user.pk if user else None,
        result.pack.pk,
        practice.pk,
        result.rules,
        result.changed,
    )
    return result


def import_rule_pack(practice, path, name="", user=None):
    """Replace a rule pack's rules with those of a CSV or YAML file, all or nothing."""
    path = Path(path)
    header, rules = read_pack(path, practice)
    header["name"] = name or header["name"] or path.stem
    result = replace_pack(practice, header, rules, digest_of(rules))
    logger.info(
        "User %s imported rule pack %s from %s: %s rules, changed %s",
        user.pk if user else None,
        result.pack.pk,
        path.name,
        result.rules,
        result.changed,
    )
    return result


def digest_of(rules):
    """Return a fingerprint of rule field values, so an unchanged pack is left alone."""
    plain = [
        {name: getattr(value, "pk", value) for name, value in sorted(rule.items())}
        for rule in rules
    ]
    text = json.dumps(plain, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def replace_pack(practice, header, rules, digest):
    """Replace every rule of the named pack in one transaction.

    The old rules go and the new ones come in the same transaction, so a reader never
    sees a pack half replaced. Effective dates travel with each rule, so the rules in
    force on a past date can still be worked out after a re-import.
    """
    pack = RulePack.objects.filter(practice=practice, name=header["name"]).first()
    if pack is not None and pack.sha256 == digest:
        return PackResult(pack, pack.rules.count(), changed=False)
    if pack is None:
        pack = RulePack(practice=practice, name=header["name"])
    for name in ("source_title", "source_url", "source_version"):
        setattr(pack, name, header.get(name, ""))
    pack.sha256 = digest
    pack.save()
    pack.rules.all().delete()
    Rule.objects.bulk_create(
        Rule(practice=practice, pack=pack, **with_plan_payer(rule)) for rule in rules
    )
    return PackResult(pack, len(rules), changed=True)


def with_plan_payer(rule):
    """Set a plan rule's payer to the plan's payer, so filters by payer find it."""
    if rule.get("plan") is not None:
        return rule | {"payer": rule["plan"].payer}
    return rule
