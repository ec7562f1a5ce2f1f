"""Template tags that other apps use to offer the guide's scripts on their pages.

{% load guide_tags %}
{% offered_scripts "prior_auth_missing" %}
"""

from django import template

from cptdesk.guide.scripts import scripts_for

register = template.Library()


@register.inclusion_tag("guide/_offered_scripts.html", takes_context=True)
def offered_scripts(context, situation_tag):
    """List links to the practice's scripts for the situation; nothing when none fit."""
    user = context["request"].user
    return {"scripts": scripts_for(user.practice, situation_tag)}


@register.filter
def get_item(mapping, key):
    """Return mapping[key], or None when the key is missing."""
    return mapping.get(key)
