"""Role checks for importing remittances, reviewing entries and editing the taxonomy."""

from cptdesk.accounts.choices import Role

IMPORT_ROLES = (Role.BILLER, Role.SUPERVISOR, Role.PRACTICE_ADMIN)
REVIEW_ROLES = (Role.BILLER, Role.SUPERVISOR, Role.PRACTICE_ADMIN)
TAXONOMY_ROLES = (Role.SUPERVISOR, Role.PRACTICE_ADMIN)


def can_import(user):
    return user.has_role(*IMPORT_ROLES)


def can_review(user, entry):
    """Billing and supervisors review any entry; others the ones they own or made."""
    if user.has_role(*REVIEW_ROLES, entry.responsible_role):
        return True
    return entry.created_by_id == user.pk


def can_edit_taxonomy(user):
    return user.has_role(*TAXONOMY_ROLES)
