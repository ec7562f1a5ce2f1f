"""Template tags that show, on another app's page, the work items linked to a record.

{% load worklog_tags %}
{% work_items_for appointment as visit_items %}
{% for item in visit_items|for_flag:flag %}…{% endfor %}
"""

from django import template
from django.contrib.contenttypes.models import ContentType

from cptdesk.worklog.models import WorkItem

register = template.Library()


@register.simple_tag(takes_context=True)
def work_items_for(context, subject):
    """Return the practice's work items linked to subject, newest first."""
    if subject is None or subject.pk is None:
        return []
    practice = context["request"].user.practice
    items = WorkItem.objects.filter(
        practice=practice,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    )
    return list(items.order_by("-created_at", "-pk"))


@register.filter
def for_flag(items, flag):
    """Keep the items created from a red flag of this kind with this message."""
    if not items:
        return []
    return [
        item
        for item in items
        if item.evidence.get("kind") == flag.kind
        and item.evidence.get("message") == flag.message
    ]


@register.filter
def active_only(items):
    """Keep the items that are open, waiting or escalated."""
    return [item for item in items or [] if item.is_active]
