from django.db import models
from django.db.models import Q

from .choices import Notice, OwnerClass, PayerKind, RuleResult


def split_aliases(text):
    """Return the non-empty lines of an aliases field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Payer(models.Model):
    """An insurer or program that the practice bills, with the names staff use for it."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=PayerKind.choices)
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"], name="unique_payer_name"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return split_aliases(self.aliases)


class Plan(models.Model):
    """A plan or product of a payer."""

    payer = models.ForeignKey(Payer, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(max_length=200)
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["payer", "name"], name="unique_plan_name")
        ]

    def __str__(self):
        return f"{self.payer} {self.name}"

    @property
    def alias_list(self):
        return split_aliases(self.aliases)


class Service(models.Model):
    """A service the practice schedules, described in its own words."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")
    slot_minutes = models.PositiveIntegerField(default=15)
    location = models.CharField(max_length=200, blank=True)
    place_of_service = models.CharField(max_length=2, blank=True)
    room = models.CharField(max_length=200, blank=True)
    equipment = models.CharField(max_length=200, blank=True)
    prep_instructions = models.TextField(blank=True, help_text="Patient-facing text.")
    notices = models.JSONField(default=list, blank=True)  # values of choices.Notice
    referral_required = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"], name="unique_service_name"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return split_aliases(self.aliases)

    @property
    def notice_labels(self):
        return [Notice(value).label for value in self.notices if value in Notice.values]


class ServiceCode(models.Model):
    """A code that a service is billed with, and its usual units."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=5)
    units = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.code} x{self.units}"


class ServiceDocument(models.Model):
    """A document a service needs before the visit, and who supplies it."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="documents"
    )
    name = models.CharField(max_length=200)
    owner_class = models.CharField(max_length=16, choices=OwnerClass.choices)

    def __str__(self):
        return self.name


class RulePack(models.Model):
    """A named set of payer rules from one source, such as a payer's published list."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_version = models.CharField(max_length=100, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"], name="unique_rule_pack_name"
            )
        ]

    def __str__(self):
        return self.name


class RuleQuerySet(models.QuerySet):
    def in_force(self, on_date):
        """Keep the rules whose effective dates, both inclusive, hold the date."""
        starts = Q(effective_from__isnull=True) | Q(effective_from__lte=on_date)
        ends = Q(effective_to__isnull=True) | Q(effective_to__gte=on_date)
        return self.filter(starts & ends)


class Rule(models.Model):
    """What a payer requires for a code, code range or service, under which conditions."""

    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    pack = models.ForeignKey(
        RulePack, on_delete=models.CASCADE, null=True, blank=True, related_name="rules"
    )
    # No payer and no plan means the rule applies to every payer.
    payer = models.ForeignKey(Payer, on_delete=models.CASCADE, null=True, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True)
    code_from = models.CharField(max_length=5, blank=True)
    code_to = models.CharField(
        max_length=5, blank=True
    )  # equal to code_from for one code
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True
    )
    place_of_service = models.CharField(max_length=2, blank=True)
    min_age = models.PositiveIntegerField(null=True, blank=True)
    max_age = models.PositiveIntegerField(null=True, blank=True)
    min_units = models.PositiveIntegerField(null=True, blank=True)
    paired_codes = models.JSONField(
        default=list, blank=True
    )  # any of them on the visit
    result = models.CharField(max_length=16, choices=RuleResult.choices)
    documents = models.JSONField(default=list, blank=True)
    source_title = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_version = models.CharField(max_length=100, blank=True)
    source_confirmed = models.BooleanField(default=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["practice", "code_from"])]

    def __str__(self):
        target = self.service or "-".join(filter(None, [self.code_from, self.code_to]))
        return f"{self.get_result_display()} for {target}"
