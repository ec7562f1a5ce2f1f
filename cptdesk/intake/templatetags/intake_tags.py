from django import template

from cptdesk.intake.views import OVERRIDERS

register = template.Library()


@register.filter
def may_override(flag, user):
    """Whether the user's roles allow overriding the flag, so others see no button."""
    return user.has_role(flag.routed_role, *OVERRIDERS)
