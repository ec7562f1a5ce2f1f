"""Template tags that other apps use to offer the guide's scripts on their pages.

{% load guide_tags %}
{% offered_scripts "prior_auth_missing" %}
{% offered_scripts flag.kind|flag_situations patient_ref=visit.patient_ref %}

The first argument is one situation tag or several separated by commas. Keyword
arguments name placeholders of cptdesk.guide.placeholders.PLACEHOLDERS; their values
travel in each script link, so the script page opens already filled in.
"""

import datetime
import logging

from django import template
from django.utils.http import urlencode

from cptdesk.guide import situations
from cptdesk.guide.placeholders import PLACEHOLDERS
from cptdesk.guide.scripts import practice_scripts

logger = logging.getLogger(__name__)
register = template.Library()

# The request attribute that keeps a page's scripts, so a page that offers scripts on
# many rows reads the library once.
CACHE_ATTRIBUTE = "_guide_offered_scripts"


@register.inclusion_tag("guide/_offered_scripts.html", takes_context=True)
def offered_scripts(context, situation_tags, **values):
    """List links to the practice's scripts for the situations; nothing when none fit."""
    request = context["request"]
    tags = [tag.strip() for tag in str(situation_tags or "").split(",") if tag.strip()]
    scripts = [
        script
        for script in library(request)
        if any(tag in script.tag_list for tag in tags)
    ]
    query = urlencode(fill_values(request.user, values))
    return {"scripts": scripts, "query": query, "tag": tags[0] if tags else ""}


def library(request):
    """Return the practice's scripts by title, read once per request."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(practice_scripts(request.user.practice).order_by("title"))
        setattr(request, CACHE_ATTRIBUTE, cached)
    return cached


def fill_values(user, values):
    """Return the placeholder values as text, with the practice and the staff name."""
    filled = {
        "practice": user.practice.name,
        "staff": user.get_full_name() or user.get_username(),
    }
    for name, value in values.items():
        if name not in PLACEHOLDERS:
            logger.warning("Offered scripts were given unknown placeholder %s", name)
            continue
        text = as_text(value)
        if text:
            filled[name] = text
    return filled


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


@register.filter
def flag_situations(kind):
    """Return the situation tags of an intake red flag kind."""
    return situations.tags_for_flag(kind)


@register.filter
def work_item_situations(item):
    """Return the situation tags of a work item, by its scenario or else its type."""
    scenario = item.scenario.scenario if item.scenario_id else ""
    return situations.tags_for_work_item(item.kind, scenario)


@register.filter
def entry_situations(entry):
    """Return the situation tags of a learning-log entry, by kind and category."""
    return situations.tags_for_learning_entry(entry.kind, entry.category)


@register.filter
def get_item(mapping, key):
    """Return mapping[key], or None when the key is missing."""
    return mapping.get(key)
