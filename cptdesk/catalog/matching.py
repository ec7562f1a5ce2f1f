"""Find a payer or plan from the name that a schedule, a letter or a person uses for it.

A name matches the record's name or one of its aliases, ignoring case and runs of
spaces, so "bcbs", "BCBS" and " Bcbs " all find the payer with the alias "BCBS".
"""

from .models import Payer, Plan


def normalise_name(text):
    return " ".join((text or "").split()).casefold()


def names_of(record):
    return {normalise_name(record.name), *map(normalise_name, record.alias_list)}


def find_payer(practice, text):
    """Return the practice's payer named or aliased `text`, or None.

    An exact name wins over an alias, so an alias shared by mistake cannot hide a
    payer called by its own name.
    """
    wanted = normalise_name(text)
    if not wanted:
        return None
    payers = list(Payer.objects.filter(practice=practice))
    return first_match(payers, wanted)


def find_plan(payer, text):
    """Return the payer's plan named or aliased `text`, or None."""
    wanted = normalise_name(text)
    if payer is None or not wanted:
        return None
    return first_match(list(Plan.objects.filter(payer=payer)), wanted)


def first_match(records, wanted):
    for record in records:
        if normalise_name(record.name) == wanted:
            return record
    for record in records:
        if wanted in names_of(record):
            return record
    return None
