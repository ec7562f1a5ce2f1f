"""Plain-text rendering of a code's facts for the terminal, and shared options."""

from django.core.management.base import CommandError

from cptdesk.accounts.models import Practice


def find_practice(name):
    """Return the named practice, None when no name is given, or raise CommandError."""
    if not name:
        return None
    practice = Practice.objects.filter(name=name).first()
    if practice is None:
        names = ", ".join(Practice.objects.values_list("name", flat=True)) or "none yet"
        raise CommandError(f"No practice named {name!r}; practices: {names}")
    return practice


def print_facts(out, facts):
    anatomy = facts["anatomy"]
    out.write(
        f"{facts['code'] or facts['query']}  (date of service {facts['date_of_service']})"
    )
    if anatomy["is_valid"]:
        where = " · ".join(
            part
            for part in (
                anatomy["kind_label"],
                anatomy.get("section"),
                anatomy.get("subsection"),
            )
            if part
        )
        out.write(f"  Kind: {where}")
    else:
        out.write(f"  Not a valid code: {anatomy['reason']}")
    for note in anatomy.get("notes", []):
        out.write(f"  Note: {note}")

    description = facts.get("description")
    if description:
        text = description.get("long") or description.get("note")
        source = f" [{description['release']}]" if description.get("release") else ""
        out.write(f"  Description: {text}{source}")
    status = facts["status"]
    out.write(f"  Status: {status['state']} — {status['text']}")

    for listing in facts["prior_authorization"]:
        in_force = "on the list" if listing["in_force_on_date"] else "not on the list"
        line = f"  Prior authorization: {listing['list']} ({in_force} on this date"
        if listing["status"] != "required":
            line += f", status {listing['status']}"
        if listing["effective_from"]:
            line += f", since {listing['effective_from']}"
        if listing["removed_on"]:
            line += f", removed {listing['removed_on']}"
        line += ")"
        if listing["paired_with"]:
            line += f"; only with {', '.join(listing['paired_with'])} on the same visit"
        out.write(f"{line} [{listing['release']}]")

    fee = facts.get("fee_schedule")
    if fee:
        out.write(
            f"  PFS status {fee['status_code']}: {fee['status']} [{fee['release']}]"
        )
        if fee["global_days"]:
            out.write(f"  Global period {fee['global_days']}: {fee['global_period']}")
    if facts.get("mue"):
        mue = facts["mue"]
        out.write(f"  MUE: at most {mue['max_units']} units. {mue['adjudication']}")
    ncci = facts["ncci"]
    out.write(f"  NCCI pairs in force: {ncci['count_in_force']}")
    for pair in ncci["pairs"][:20]:
        out.write(
            f"    {pair['column1']} / {pair['column2']} modifier indicator "
            f"{pair['modifier_indicator']}: {pair['modifier_rule']}"
        )
    place = facts.get("place_of_service")
    if place:
        telehealth = " (telehealth)" if place["telehealth"] else ""
        out.write(f"  Place of service {place['code']}: {place['name']}{telehealth}")
    for adjustment in facts["adjustment_codes"]:
        meaning = adjustment["meaning"] or adjustment["official_text"]
        meaning = meaning or "no plain-language meaning shipped for this code"
        stopped = (
            f" (stopped {adjustment['stop_date']})" if adjustment["stop_date"] else ""
        )
        out.write(f"  {adjustment['kind']} {adjustment['code']}{stopped}: {meaning}")
    out.write(f"  Releases: {'; '.join(facts['releases'])}")
