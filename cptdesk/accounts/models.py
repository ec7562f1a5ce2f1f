from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property

from .choices import Role


class Practice(models.Model):
    """An outpatient practice: the owner of every record that is not public reference data."""

    name = models.CharField(max_length=200, unique=True)
    cpt_licence_declared = models.BooleanField(
        default=False,
        help_text="The practice holds an AMA CPT licence, so CPT descriptors may be loaded.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member of staff who signs in; belongs to one practice."""

    practice = models.ForeignKey(
        Practice, on_delete=models.PROTECT, null=True, related_name="users"
    )

    @cached_property
    def role_names(self):
        # Read once per request: templates ask for every row of a list.
        return frozenset(self.roles.values_list("role", flat=True))

    def role_set(self):
        return set(self.role_names)

    def has_role(self, *roles):
        return not self.role_names.isdisjoint(roles)

    @property
    def is_practice_admin(self):
        return self.has_role(Role.PRACTICE_ADMIN)

    @property
    def can_unlock_users(self):
        return self.has_role(Role.SUPERVISOR, Role.PRACTICE_ADMIN)


class UserRole(models.Model):
    """One role that a user holds; a user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")
        ]

    def __str__(self):
        return f"{self.user} as {self.get_role_display()}"
