from django.conf import settings
from django.db import models

from cptdesk.accounts.choices import Role

from .choices import Audience, Stage


class ScriptQuerySet(models.QuerySet):
    def of(self, practice):
        return self.filter(practice=practice)


class Script(models.Model):
    """A scope-safe communication script of one practice, a starter or its own."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.PATIENT
    )
    stage = models.CharField(
        max_length=16, choices=Stage.choices, default=Stage.PRE_SERVICE
    )
    # Comma-separated SituationTag values; scripts_for() filters them in Python
    # because a practice has a few dozen scripts at most.
    tags = models.CharField(max_length=300, blank=True)
    situation = models.TextField(blank=True)
    say = models.TextField(
        help_text="What to say, with placeholders such as {service}."
    )
    never_say = models.TextField(blank=True)
    route_when = models.TextField(blank=True)
    route_to = models.CharField(max_length=32, choices=Role.choices, blank=True)
    is_starter = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScriptQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "key"], name="unique_script_key_per_practice"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class ScenarioAttempt(models.Model):
    """One answer a user gave to a training scenario, with its score."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scenario_attempts",
    )
    scenario_key = models.CharField(max_length=80)
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    answer = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    finding_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["practice", "user", "scenario_key"])]

    def __str__(self):
        return f"{self.scenario_key} {self.score}"
