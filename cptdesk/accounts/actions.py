"""Writes for practices and users, shared by the CLI, the views and the admin."""

import logging
import secrets

from axes.utils import reset as reset_failed_logins
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
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


class UserNotCreated(ValueError):
    """A request to add a user that cannot be met, with the reason as its message."""


class PracticeNotFound(UserNotCreated):
    """No practice has the requested name, and creating one was not requested."""


@transaction.atomic
def add_user(username, practice_name, roles, password=None, create_practice=False):
    """Create a user with roles in the named practice; return (user, password, created).

    `created` is whether the practice was created too, which happens only with
    `create_practice`, so that a misspelt name does not start a second practice. A
    password is generated when none is given. Raises UserNotCreated for an invalid or
    taken user name, an unknown role or practice, or a password that the password
    validators reject.
    """
    check_new_username(username)
    check_roles(roles)
    practice, created = find_practice(practice_name, create_practice)
    if password is not None:
        try:
            validate_password(password, User(username=username))
        except ValidationError as error:
            message = " ".join(error.messages)
            raise UserNotCreated(f"Password rejected: {message}") from None
    user, password = create_user(practice, username, roles, password)
    return user, password, created


def check_new_username(username):
    if not username:
        raise UserNotCreated("The user name is empty.")
    field = User._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError as error:
        message = " ".join(error.messages)
        raise UserNotCreated(f"Invalid user name {username!r}. {message}") from None
    # Sign-in matches the exact name, but names that differ only in case would be
    # taken for one person, so they are rejected as Django's user creation form does.
    taken = User.objects.filter(username__iexact=username).first()
    if taken and taken.username == username:
        raise UserNotCreated(f"User name {username!r} is taken. Choose another.")
    if taken:
        raise UserNotCreated(
            f"User name {username!r} differs only in case from the user "
            f"{taken.username!r}. Choose another."
        )


def check_roles(roles):
    unknown = sorted(set(roles) - set(Role.values))
    if unknown or not roles:
        names = ", ".join(repr(role) for role in unknown)
        problem = f"Unknown role {names}." if unknown else "No role given."
        raise UserNotCreated(f"{problem} Roles: {', '.join(Role.values)}.")


def find_practice(name, create=False):
    """Return (practice, created) for the practice of exactly this name.

    Spaces around the name are removed first.
    """
    name = name.strip()
    practice = Practice.objects.filter(name=name).first()
    if practice:
        return practice, False
    similar = Practice.objects.filter(name__iexact=name).first()
    if similar:
        raise UserNotCreated(
            f"Practice {name!r} not found, but {similar.name!r} exists. Practice "
            "names are case-sensitive."
        )
    if not create:
        names = ", ".join(repr(item.name) for item in Practice.objects.order_by("name"))
        raise PracticeNotFound(
            f"Practice {name!r} not found. Practices: {names or 'none'}."
        )
    practice = Practice(name=name)
    try:
        practice.full_clean()
    except ValidationError as error:
        message = " ".join(error.messages)
        raise UserNotCreated(f"Invalid practice name {name!r}. {message}") from None
    practice.save()
    logger.info("Created practice %s", practice.pk)
    return practice, True


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
