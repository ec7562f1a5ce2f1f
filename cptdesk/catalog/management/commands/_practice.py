from django.core.management.base import CommandError

from cptdesk.accounts.models import Practice


def practice_named(name):
    """Return the practice with this exact name, or raise CommandError naming the others."""
    practice = Practice.objects.filter(name=name).first()
    if practice is None:
        names = ", ".join(Practice.objects.values_list("name", flat=True)) or "none"
        raise CommandError(f"No practice named {name!r}. Practices: {names}")
    return practice
