"""Writes for practices and users, shared by the CLI, the views and the admin."""

import logging
import secrets

from axes.utils import reset as reset_failed_logins
from django.db import transaction

from .choices import Role
from .models import Practice, User, UserRole

logger = logging.getLogger(__name__)


def generate_password():
    return secrets.token_urlsafe(12)


@transaction.atomic
def create_user(practice, username, roles, password=None, **fields):
    """Create a user of the practice with the given roles; return (user, password).

    A password is generated when none is given, and returned so it can be shown once.
    """
    password = password or generate_password()
    user = User.objects.create_user(
        username=username, password=password, practice=practice, **fields
    )
    UserRole.objects.bulk_create(UserRole(user=user, role=role) for role in set(roles))
    logger.info("Created user %s in practice %s", user.pk, practice.pk)
    return user, password


@transaction.atomic
def create_first_admin(practice_name="My practice", username="admin"):
    """Create the first practice and its administrator, unless any user exists.

    Returns (user, password), or None when the install already has users.
    """
    if User.objects.exists():
        return None
    practice, _ = Practice.objects.get_or_create(name=practice_name)
    return create_user(
        practice, username, [Role.PRACTICE_ADMIN, Role.SUPERVISOR], is_staff=False
    )


def unlock_user(user, unlocked_by=None):
    """Clear the user's failed sign-ins from every address; return the rows deleted.

    `unlocked_by` is the administrator who asked, or None for the command line.
    """
    count = reset_failed_logins(username=user.username)
    requester = "the command line" if unlocked_by is None else f"user {unlocked_by.pk}"
    logger.info(
        "Cleared %d failed sign-in records of user %s, requested by %s",
        count,
        user.pk,
        requester,
    )
    return count
