from django.conf import settings
from django.db import models

from .choices import DataKind, EntryKind


class DataReleaseQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def visible_to(self, practice):
        return self.filter(models.Q(practice=None) | models.Q(practice=practice))


class DataRelease(models.Model):
    """One loaded reference file: its data set, release label, source and load time."""

    kind = models.CharField(max_length=16, choices=DataKind.choices)
    label = models.CharField(max_length=200)
    # Which data set within the kind a release replaces, when a kind has several: the
    # hospital outpatient and DMEPOS prior-authorization lists replace only themselves.
    series = models.CharField(max_length=100, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # Set only for practice-owned data: licensed CPT descriptors.
    practice = models.ForeignKey(
        "accounts.Practice", on_delete=models.CASCADE, null=True, blank=True
    )
    is_current = models.BooleanField(default=True)

    objects = DataReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-loaded_at"]
        indexes = [models.Index(fields=["kind", "is_current"])]

    def __str__(self):
        return f"{self.label} ({self.file_name})"


class HcpcsCode(models.Model):
    """A HCPCS Level II code or Level II modifier from the CMS quarterly file."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    code = models.CharField(max_length=5, db_index=True)
    is_modifier = models.BooleanField(default=False)
    short_description = models.CharField(max_length=100, blank=True)
    long_description = models.TextField(blank=True)
    coverage_code = models.CharField(max_length=2, blank=True)
    betos = models.CharField(max_length=3, blank=True)
    action_code = models.CharField(max_length=1, blank=True)
    added_date = models.DateField(null=True)
    effective_date = models.DateField(null=True)
    termination_date = models.DateField(null=True)

    def __str__(self):
        return self.code


class PfsIndicator(models.Model):
    """One PFS relative value file row: a code (and modifier) with its payment indicators."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    code = models.CharField(max_length=5, db_index=True)
    modifier = models.CharField(max_length=2, blank=True)
    status_code = models.CharField(max_length=1, blank=True)
    global_days = models.CharField(max_length=3, blank=True)
    pre_op = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    intra_op = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    post_op = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    multiple_procedure = models.CharField(max_length=1, blank=True)
    bilateral_surgery = models.CharField(max_length=1, blank=True)
    assistant_surgery = models.CharField(max_length=1, blank=True)
    co_surgery = models.CharField(max_length=1, blank=True)
    team_surgery = models.CharField(max_length=1, blank=True)
    pctc_indicator = models.CharField(max_length=1, blank=True)

    def __str__(self):
        return f"{self.code} {self.modifier}".strip()


class PtpEdit(models.Model):
    """An NCCI procedure-to-procedure edit: a column-1/column-2 code pair."""

    # Not indexed: only a new release's import reads rows by release, once a quarter.
    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE, db_index=False)
    column1 = models.CharField(max_length=5)
    column2 = models.CharField(max_length=5)
    effective_date = models.DateField()
    deletion_date = models.DateField(null=True)
    modifier_indicator = models.CharField(max_length=1)

    class Meta:
        # The pair index serves both a code's column-1 edits and the pre-scrub's
        # look-up of pairs among a visit's codes.
        indexes = [
            models.Index(fields=["column1", "column2"]),
            models.Index(fields=["column2"]),
        ]

    def __str__(self):
        return f"{self.column1}/{self.column2}"


class MueLimit(models.Model):
    """A medically unlikely edit: the most units of a code per line or per day."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    code = models.CharField(max_length=5, db_index=True)
    max_units = models.PositiveIntegerField()
    adjudication_indicator = models.CharField(max_length=1)
    rationale = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.code} max {self.max_units}"


class PlaceOfService(models.Model):
    """A CMS place-of-service code."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    code = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_telehealth = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.code} {self.name}"


class PriorAuthListing(models.Model):
    """A code on a CMS prior-authorization list, with its dates and pairing role."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    list_name = models.CharField(max_length=100)
    service_category = models.CharField(max_length=200)
    code = models.CharField(max_length=5, db_index=True)
    code_role = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=16, default="required")
    status_detail = models.CharField(max_length=200, blank=True)
    effective_from = models.DateField(null=True)
    removed_on = models.DateField(null=True)
    confidence = models.CharField(max_length=50, blank=True)
    source = models.TextField(blank=True)
    note = models.TextField(blank=True)

    def __str__(self):
        return f"{self.code} on {self.list_name} list"


class AdjustmentCode(models.Model):
    """A claim adjustment reason code (CARC) or remittance advice remark code (RARC)."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    kind = models.CharField(max_length=4, choices=[("carc", "CARC"), ("rarc", "RARC")])
    code = models.CharField(max_length=8)
    official_text = models.TextField(blank=True)
    # The team's own plain-language meaning and routing, for the common CARCs only.
    meaning = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=32, blank=True)
    owner_role = models.CharField(max_length=32, blank=True)
    front_office_preventable = models.BooleanField(null=True)
    start_date = models.DateField(null=True)
    stop_date = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self):
        return f"{self.kind.upper()} {self.code}"


class CptDescriptor(models.Model):
    """A CPT descriptor from a file that the practice licenses from the AMA."""

    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE)
    practice = models.ForeignKey("accounts.Practice", on_delete=models.CASCADE)
    code = models.CharField(max_length=5)
    descriptor = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["practice", "code"])]

    def __str__(self):
        return self.code


class SearchEntryQuerySet(models.QuerySet):
    def visible_to(self, practice):
        return self.filter(models.Q(practice=None) | models.Q(practice=practice))


class SearchEntry(models.Model):
    """One searchable thing: a code, modifier, place of service, adjustment code or service."""

    # Empty for the practice's own catalog services, which come from no release.
    release = models.ForeignKey(DataRelease, on_delete=models.CASCADE, null=True)
    # Not indexed alone: almost every entry is public, and an index here tempts SQLite
    # to scan all public entries instead of walking the code index.
    practice = models.ForeignKey(
        "accounts.Practice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
    )
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    code = models.CharField(max_length=8)
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["code"]),
            models.Index(fields=["kind", "practice"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
